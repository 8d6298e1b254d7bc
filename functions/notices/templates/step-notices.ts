/** The notices of a topic's waiting step: its start, the reminders before and at the deadline, the escalation after it. */
import type { NoticeTemplate, SmsPattern } from "../templates";

/** The SMS of `stepStarted` (templates/sms.ts lists every template's for the senders). */
export const stepStartedSms = {
  "zh-CN": "{recipientName}：议题「{title}」进入{stepName}环节，由您负责，请于{deadline}前完成。",
  en: "{recipientName}: “{title}” is at {stepName}; yours, due {deadline}.",
} as const satisfies SmsPattern;

export const stepStarted = {
  id: "step_started",
  subject: { "zh-CN": "议题进入「{stepName}」环节", en: "Topic moved to “{stepName}”" },
  text: {
    "zh-CN": "{recipientName}：议题「{title}」已进入「{stepName}」环节，由您负责，请于 {deadline} 前完成。",
    en: "{recipientName}: the topic “{title}” is now at “{stepName}”, with you responsible. Please complete it by {deadline}.",
  },
  sms: stepStartedSms,
} as const satisfies NoticeTemplate;

/** The SMS of `reminderBefore` (templates/sms.ts lists every template's for the senders). */
export const reminderBeforeSms = {
  "zh-CN": "{recipientName}：议题「{title}」{stepName}环节将于{deadline}到期，请抓紧办理。",
  en: "{recipientName}: “{title}” {stepName} due {deadline}. Please finish.",
} as const satisfies SmsPattern;

export const reminderBefore = {
  id: "reminder_before",
  subject: { "zh-CN": "办理提醒：议题「{title}」", en: "Reminder: topic “{title}”" },
  text: {
    "zh-CN": "{recipientName}：议题「{title}」的「{stepName}」环节将于 {deadline} 到期，请抓紧办理。",
    en: "{recipientName}: the “{stepName}” step of “{title}” is due on {deadline}. Please complete it in time.",
  },
  sms: reminderBeforeSms,
} as const satisfies NoticeTemplate;

/**
 * The SMS of `reminderDue` (templates/sms.ts lists every template's for the senders). It goes at the
 * notify hour of the deadline's day, before the deadline (23:59 for a working-day deadline): the
 * step is due today, at the time the deadline gives, not overdue.
 */
export const reminderDueSms = {
  "zh-CN": "{recipientName}：议题「{title}」{stepName}环节今日到期（{deadline}），请尽快完成。",
  en: "{recipientName}: “{title}” {stepName} is due today ({deadline}). Please finish.",
} as const satisfies SmsPattern;

export const reminderDue = {
  id: "reminder_due",
  subject: { "zh-CN": "今日到期：议题「{title}」", en: "Due today: topic “{title}”" },
  text: {
    "zh-CN": "{recipientName}：议题「{title}」的「{stepName}」环节今日到期（期限 {deadline}），请尽快完成。",
    en: "{recipientName}: the “{stepName}” step of “{title}” is due today (deadline {deadline}). Please complete it in time.",
  },
  sms: reminderDueSms,
} as const satisfies NoticeTemplate;

/** The SMS of `escalation` (templates/sms.ts lists every template's for the senders). */
export const escalationSms = {
  "zh-CN":
    "{recipientName}：{stationName}议题「{title}」{stepName}环节已逾期，责任人{responsibleName}，请督办。",
  en: "{recipientName}: “{title}” ({stationName}) is overdue; {responsibleName} is responsible.",
} as const satisfies SmsPattern;

export const escalation = {
  id: "escalation",
  subject: { "zh-CN": "督办：议题「{title}」已逾期", en: "Overdue: topic “{title}”" },
  text: {
    "zh-CN":
      "{recipientName}：{stationName}议题「{title}」的「{stepName}」环节已逾期（期限 {deadline}，责任人 {responsibleName}），请督促办理。",
    en: "{recipientName}: the “{stepName}” step of “{title}” at {stationName} is overdue (deadline {deadline}, responsible: {responsibleName}). Please follow up.",
  },
  sms: escalationSms,
} as const satisfies NoticeTemplate;
