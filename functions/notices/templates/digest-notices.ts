/** The morning digest: what was folded into one notice the day before (a daily cap, or a recipient's choice). */
import type { NoticeTemplate, SmsPattern } from "../templates";

/** The SMS of `noticeDigest` (templates/sms.ts lists every template's for the senders). */
export const noticeDigestSms = {
  "zh-CN": "{recipientName}：您{date}另有{count}条通知{why}，请登录平台查看。",
  en: "{recipientName}: {count} more notices of {date} {why}; see the console.",
} as const satisfies SmsPattern;

export const noticeDigest = {
  id: "notice_digest",
  subject: { "zh-CN": "{date} 通知汇总（{count} 条）", en: "Notices of {date} ({count})" },
  text: {
    "zh-CN": "{recipientName}：{date} 的 {count} 条通知{why}，汇总如下：\n{items}\n详情请登录平台查看。",
    en: "{recipientName}: {count} notices of {date} {why}:\n{items}\nSee the console for details.",
  },
  sms: noticeDigestSms,
} as const satisfies NoticeTemplate;

/** Why the notices were folded, as the digest says it. */
export const digestReasons = {
  daily_cap: { "zh-CN": "因超出每日短信上限未逐条发送", en: "went over the daily SMS limit" },
  digest: { "zh-CN": "按您的设置汇总发送", en: "are sent as your daily digest" },
} as const;
