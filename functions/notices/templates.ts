/** Notification texts, Simplified Chinese by default and English on request. `{name}` is a variable. */
import type { Language } from "../domain/registry/members";

interface Template {
  readonly subject: Readonly<Record<Language, string>>;
  readonly text: Readonly<Record<Language, string>>;
  /** The SMS: one segment with the signature (sms-text.ts shortens the variables to fit). */
  readonly sms: Readonly<Record<Language, string>>;
}

export const templates = {
  step_started: {
    subject: { "zh-CN": "议题进入「{stepName}」环节", en: "Topic moved to “{stepName}”" },
    text: {
      "zh-CN": "{recipientName}：议题「{title}」已进入「{stepName}」环节，由您负责，请于 {deadline} 前完成。",
      en: "{recipientName}: the topic “{title}” is now at “{stepName}”, with you responsible. Please complete it by {deadline}.",
    },
    sms: {
      "zh-CN": "{recipientName}：议题「{title}」进入{stepName}环节，由您负责，请于{deadline}前完成。",
      en: "{recipientName}: “{title}” is at {stepName}; yours, due {deadline}.",
    },
  },
  reminder_before: {
    subject: { "zh-CN": "办理提醒：议题「{title}」", en: "Reminder: topic “{title}”" },
    text: {
      "zh-CN": "{recipientName}：议题「{title}」的「{stepName}」环节将于 {deadline} 到期，请抓紧办理。",
      en: "{recipientName}: the “{stepName}” step of “{title}” is due on {deadline}. Please complete it in time.",
    },
    sms: {
      "zh-CN": "{recipientName}：议题「{title}」{stepName}环节将于{deadline}到期，请抓紧办理。",
      en: "{recipientName}: “{title}” {stepName} due {deadline}. Please finish.",
    },
  },
  reminder_due: {
    subject: { "zh-CN": "今日到期：议题「{title}」", en: "Due now: topic “{title}”" },
    text: {
      "zh-CN": "{recipientName}：议题「{title}」的「{stepName}」环节已到办理期限（{deadline}），请尽快完成。",
      en: "{recipientName}: the “{stepName}” step of “{title}” has reached its deadline ({deadline}). Please complete it now.",
    },
    sms: {
      "zh-CN": "{recipientName}：议题「{title}」{stepName}环节已到期（{deadline}），请尽快完成。",
      en: "{recipientName}: “{title}” {stepName} is due now. Please finish.",
    },
  },
  escalation: {
    subject: { "zh-CN": "督办：议题「{title}」已逾期", en: "Overdue: topic “{title}”" },
    text: {
      "zh-CN":
        "{recipientName}：{stationName}议题「{title}」的「{stepName}」环节已逾期（期限 {deadline}，责任人 {responsibleName}），请督促办理。",
      en: "{recipientName}: the “{stepName}” step of “{title}” at {stationName} is overdue (deadline {deadline}, responsible: {responsibleName}). Please follow up.",
    },
    sms: {
      "zh-CN":
        "{recipientName}：{stationName}议题「{title}」{stepName}环节已逾期，责任人{responsibleName}，请督办。",
      en: "{recipientName}: “{title}” ({stationName}) is overdue; {responsibleName} is responsible.",
    },
  },
  deadline_extended: {
    subject: { "zh-CN": "期限调整：议题「{title}」", en: "New deadline: topic “{title}”" },
    text: {
      "zh-CN": "{recipientName}：议题「{title}」的「{stepName}」环节期限已延至 {deadline}。原因：{reason}。",
      en: "{recipientName}: the “{stepName}” step of “{title}” is now due on {deadline}. Reason: {reason}.",
    },
    sms: {
      "zh-CN": "{recipientName}：议题「{title}」{stepName}环节期限延至{deadline}。原因：{reason}",
      en: "{recipientName}: “{title}” {stepName} now due {deadline}: {reason}",
    },
  },
  deadline_replanned: {
    subject: { "zh-CN": "期限调整：议题「{title}」", en: "New deadline: topic “{title}”" },
    text: {
      "zh-CN":
        "{recipientName}：{year}年节假日安排已录入，议题「{title}」的「{stepName}」环节期限按新安排调整为 {deadline}。",
      en: "{recipientName}: the {year} holiday calendar is loaded; the “{stepName}” step of “{title}” is now due on {deadline}.",
    },
    sms: {
      "zh-CN": "{recipientName}：按{year}年节假日安排，议题「{title}」{stepName}环节期限调整为{deadline}。",
      en: "{recipientName}: “{title}” {stepName} now due {deadline} ({year} holidays).",
    },
  },
  holiday_calendar_missing: {
    subject: { "zh-CN": "请录入{year}年节假日安排", en: "Please load the {year} holiday calendar" },
    text: {
      "zh-CN":
        "{recipientName}：{year}年节假日安排尚未录入。录入前，系统按法定节假日估算{year}年的工作日（不含调休），涉及{year}年的期限可能与正式安排不符。国务院办公厅通知发布后，请在「节假日安排」中录入，未办结议题的期限将自动重新计算。",
      en: "{recipientName}: the {year} holiday calendar is not loaded yet. Until it is, working days in {year} are estimated from the statutory holidays (without swapped workdays), so deadlines in {year} may differ from the official calendar. Once the State Council notice is out, load it under “Holiday calendars”; open topics' deadlines are then re-planned.",
    },
    sms: {
      "zh-CN": "{recipientName}：{year}年节假日安排尚未录入，期限按估算计算，请尽快在平台录入。",
      en: "{recipientName}: please load the {year} holiday calendar.",
    },
  },
  topic_rejected: {
    subject: { "zh-CN": "议题未予采纳", en: "Topic not adopted" },
    text: {
      "zh-CN": "{recipientName}：您提出的议题「{title}」经研究未予采纳。原因：{reason}。感谢您的参与。",
      en: "{recipientName}: the topic you raised, “{title}”, was not adopted. Reason: {reason}. Thank you for taking part.",
    },
    sms: {
      "zh-CN": "{recipientName}：您提出的议题「{title}」未予采纳。原因：{reason}",
      en: "{recipientName}: “{title}” was not adopted: {reason}",
    },
  },
  topic_closed: {
    subject: { "zh-CN": "议题已办结", en: "Topic closed" },
    text: {
      "zh-CN": "{recipientName}：议题「{title}」已完成办理反馈，闭环办结。办理结果：{outcome}",
      en: "{recipientName}: the topic “{title}” has been handled and feedback given; the loop is closed. Outcome: {outcome}",
    },
    sms: {
      "zh-CN": "{recipientName}：您提出的议题「{title}」已办结。结果：{outcome}",
      en: "{recipientName}: “{title}” is closed: {outcome}",
    },
  },
  invitation: {
    subject: { "zh-CN": "邀请您下沉到{stationName}", en: "Invitation to serve at {stationName}" },
    text: {
      "zh-CN": "{recipientName}：{inviterName}邀请您{purpose}。{note}请于 {expiresAt} 前在平台上接受或谢绝。",
      en: "{recipientName}: {inviterName} invites you {purposeEn}. {note}Please accept or decline on the platform by {expiresAt}.",
    },
    sms: {
      "zh-CN": "{recipientName}：{inviterName}邀请您下沉到{stationName}，请于{expiresAt}前在平台答复。",
      en: "{recipientName}: {inviterName} invites you to {stationName}; reply by {expiresAt}.",
    },
  },
} as const satisfies Record<string, Template>;

export type TemplateId = keyof typeof templates;

export const templateIds = Object.keys(templates) as TemplateId[];

/** `pattern` with each `{name}` replaced by its variable (left as it is when there is none). */
export const fill = (pattern: string, variables: Readonly<Record<string, string>>) =>
  pattern.replace(/\{(\w+)\}/g, (whole, name: string) => variables[name] ?? whole);

export function render(
  templateId: TemplateId,
  language: Language,
  variables: Readonly<Record<string, string>>,
): { subject: string; text: string } {
  const template: Template = templates[templateId];
  return {
    subject: fill(template.subject[language], variables),
    text: fill(template.text[language], variables),
  };
}

/** The SMS pattern of a template, in a language. */
export const smsPattern = (templateId: TemplateId, language: Language): string =>
  (templates[templateId] as Template).sms[language];
