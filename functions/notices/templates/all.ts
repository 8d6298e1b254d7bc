/** Every notice template, for tests (the senders check their settings against the variables in templates/sms.ts). */
import type { NoticeTemplate } from "../templates";
import { holidayCalendarMissing } from "./calendar-notices";
import { deadlineExtended, deadlineReplanned } from "./deadline-notices";
import { noticeDigest } from "./digest-notices";
import { dutyNoShow, dutyReminder } from "./duty-notices";
import { invitation } from "./invitation-notices";
import { topicClosed, topicRejected } from "./outcome-notices";
// The quarterly quota check (decision 0022).
import { quotaAtRisk, quotaBehind, quotaSummary } from "./quota-notices";
import { escalation, reminderBefore, reminderDue, stepStarted } from "./step-notices";

export const allTemplates: readonly NoticeTemplate[] = [
  stepStarted,
  reminderBefore,
  reminderDue,
  escalation,
  deadlineExtended,
  deadlineReplanned,
  holidayCalendarMissing,
  topicRejected,
  topicClosed,
  invitation,
  noticeDigest,
  // the duty roster (issue #12)
  dutyReminder,
  dutyNoShow,
  // The quarterly quota check (decision 0022).
  quotaBehind,
  quotaAtRisk,
  quotaSummary,
];
