/**
 * Notification texts, Simplified Chinese by default and English on request; `{name}` is a variable.
 * Each part keeps its templates in `templates/`, so a function bundles only the texts it sends.
 */
import type { Language } from "../domain/registry/members";

export type TemplateId =
  | "step_started"
  | "reminder_before"
  | "reminder_due"
  | "escalation"
  | "deadline_extended"
  | "deadline_replanned"
  | "holiday_calendar_missing"
  | "topic_rejected"
  | "topic_closed"
  | "invitation"
  | "notice_digest"
  // the duty roster (issue #12)
  | "duty_reminder"
  | "duty_no_show"
  // The quarterly quota check (decision 0022).
  | "quota_behind"
  | "quota_at_risk"
  | "quota_summary";

/** A template's SMS in each language: one segment with the signature. */
export type SmsPattern = Readonly<Record<Language, string>>;

export interface NoticeTemplate {
  readonly id: TemplateId;
  readonly subject: Readonly<Record<Language, string>>;
  readonly text: Readonly<Record<Language, string>>;
  /** The SMS: one segment with the signature (sms-text.ts shortens the variables to fit). */
  readonly sms: SmsPattern;
}

/** `pattern` with each `{name}` replaced by its variable (left as it is when there is none). */
export const fill = (pattern: string, variables: Readonly<Record<string, string>>) =>
  pattern.replace(/\{(\w+)\}/g, (whole, name: string) => variables[name] ?? whole);

export function render(
  template: NoticeTemplate,
  language: Language,
  variables: Readonly<Record<string, string>>,
): { subject: string; text: string } {
  return {
    subject: fill(template.subject[language], variables),
    text: fill(template.text[language], variables),
  };
}
