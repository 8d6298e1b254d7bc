/**
 * The variables of every template's SMS, by template: what the senders check their settings against
 * (each provider template's parameters in SMS_TEMPLATES, the names in NOTICE_URGENT_TEMPLATES). A
 * sender never renders a template's SMS — the part that sends a notice does, when it records it — so
 * the senders bundle these names and not the patterns (2.4 kB of Chinese and English text in each).
 * Each pattern's variables in the order they first appear, in Chinese then English; a unit test
 * checks them against the patterns (test/unit/notices/sms-text.test.ts).
 */
import type { TemplateId } from "../templates";

/** In the order of templates/all.ts (a settings problem lists templates in it). */
export const smsVariables: Readonly<Record<TemplateId, readonly string[]>> = {
  step_started: ["recipientName", "title", "stepName", "deadline"],
  reminder_before: ["recipientName", "title", "stepName", "deadline"],
  reminder_due: ["recipientName", "title", "stepName", "deadline"],
  escalation: ["recipientName", "stationName", "title", "stepName", "responsibleName"],
  deadline_extended: ["recipientName", "title", "stepName", "deadline", "reason"],
  deadline_replanned: ["recipientName", "year", "title", "stepName", "deadline"],
  holiday_calendar_missing: ["recipientName", "year"],
  topic_rejected: ["recipientName", "title", "reason"],
  topic_closed: ["recipientName", "title", "outcome"],
  invitation: ["recipientName", "inviterName", "stationName", "note", "expiresAt"],
  notice_digest: ["recipientName", "date", "count", "why"],
  // the duty roster (issue #12)
  duty_reminder: ["recipientName", "date", "stationName"],
  duty_no_show: ["recipientName", "memberName", "date", "stationName"],
  // The quarterly quota check (decision 0022).
  quota_behind: ["recipientName", "stationName", "year", "missing"],
  quota_at_risk: ["recipientName", "stationName", "year", "missing"],
  quota_summary: ["recipientName", "checkName", "count", "behind", "atRisk"],
};

export const templateIds = Object.keys(smsVariables) as readonly TemplateId[];
