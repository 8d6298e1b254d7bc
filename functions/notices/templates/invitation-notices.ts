/** A member invited to serve at a station. */
import type { NoticeTemplate, SmsPattern } from "../templates";

/** The SMS of `invitation` (templates/sms.ts lists every template's for the senders). */
export const invitationSms = {
  "zh-CN": "{recipientName}：{inviterName}邀请您下沉到{stationName}。{note}请于{expiresAt}前在平台答复。",
  en: "{recipientName}: {inviterName} invites you to {stationName}. {note}Reply by {expiresAt}.",
} as const satisfies SmsPattern;

export const invitation = {
  id: "invitation",
  subject: { "zh-CN": "邀请您下沉到{stationName}", en: "Invitation to serve at {stationName}" },
  text: {
    "zh-CN": "{recipientName}：{inviterName}邀请您{purpose}。{note}请于 {expiresAt} 前在平台上接受或谢绝。",
    en: "{recipientName}: {inviterName} invites you {purposeEn}. {note}Please accept or decline on the platform by {expiresAt}.",
  },
  sms: invitationSms,
} as const satisfies NoticeTemplate;
