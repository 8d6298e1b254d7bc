/**
 * Every template's SMS, by template: what the senders check their settings against (each
 * provider template's parameters, NOTICE_URGENT_TEMPLATES). A sender never renders a subject or a
 * text — the part that sends a notice does, when it records it — so the senders bundle these
 * patterns and not the templates' other texts. Each pattern is defined once, beside its template.
 */
import type { SmsPattern, TemplateId } from "../templates";
import { holidayCalendarMissingSms } from "./calendar-notices";
import { deadlineExtendedSms, deadlineReplannedSms } from "./deadline-notices";
import { noticeDigestSms } from "./digest-notices";
import { dutyNoShowSms, dutyReminderSms } from "./duty-notices";
import { invitationSms } from "./invitation-notices";
import { topicClosedSms, topicRejectedSms } from "./outcome-notices";
import { quotaAtRiskSms, quotaBehindSms, quotaSummarySms } from "./quota-notices";
import { escalationSms, reminderBeforeSms, reminderDueSms, stepStartedSms } from "./step-notices";

/** In the order of templates/all.ts (a settings problem lists templates in it). */
export const smsPatterns: Readonly<Record<TemplateId, SmsPattern>> = {
  step_started: stepStartedSms,
  reminder_before: reminderBeforeSms,
  reminder_due: reminderDueSms,
  escalation: escalationSms,
  deadline_extended: deadlineExtendedSms,
  deadline_replanned: deadlineReplannedSms,
  holiday_calendar_missing: holidayCalendarMissingSms,
  topic_rejected: topicRejectedSms,
  topic_closed: topicClosedSms,
  invitation: invitationSms,
  notice_digest: noticeDigestSms,
  // the duty roster (issue #12)
  duty_reminder: dutyReminderSms,
  duty_no_show: dutyNoShowSms,
  // The quarterly quota check (decision 0022).
  quota_behind: quotaBehindSms,
  quota_at_risk: quotaAtRiskSms,
  quota_summary: quotaSummarySms,
};

export const templateIds = Object.keys(smsPatterns) as readonly TemplateId[];
