/** The notices of a deadline that moved: extended with a reason, or re-planned when a holiday calendar was loaded. */
import type { NoticeTemplate, SmsPattern } from "../templates";

/** The SMS of `deadlineExtended` (templates/sms.ts lists every template's for the senders). */
export const deadlineExtendedSms = {
  "zh-CN": "{recipientName}：议题「{title}」{stepName}环节期限延至{deadline}。原因：{reason}",
  en: "{recipientName}: “{title}” {stepName} now due {deadline}: {reason}",
} as const satisfies SmsPattern;

export const deadlineExtended = {
  id: "deadline_extended",
  subject: { "zh-CN": "期限调整：议题「{title}」", en: "New deadline: topic “{title}”" },
  text: {
    "zh-CN": "{recipientName}：议题「{title}」的「{stepName}」环节期限已延至 {deadline}。原因：{reason}。",
    en: "{recipientName}: the “{stepName}” step of “{title}” is now due on {deadline}. Reason: {reason}.",
  },
  sms: deadlineExtendedSms,
} as const satisfies NoticeTemplate;

/** The SMS of `deadlineReplanned` (templates/sms.ts lists every template's for the senders). */
export const deadlineReplannedSms = {
  "zh-CN": "{recipientName}：按{year}年节假日安排，议题「{title}」{stepName}环节期限调整为{deadline}。",
  en: "{recipientName}: “{title}” {stepName} now due {deadline} ({year} holidays).",
} as const satisfies SmsPattern;

export const deadlineReplanned = {
  id: "deadline_replanned",
  subject: { "zh-CN": "期限调整：议题「{title}」", en: "New deadline: topic “{title}”" },
  text: {
    "zh-CN":
      "{recipientName}：{year}年节假日安排已录入，议题「{title}」的「{stepName}」环节期限按新安排调整为 {deadline}。",
    en: "{recipientName}: the {year} holiday calendar is loaded; the “{stepName}” step of “{title}” is now due on {deadline}.",
  },
  sms: deadlineReplannedSms,
} as const satisfies NoticeTemplate;
