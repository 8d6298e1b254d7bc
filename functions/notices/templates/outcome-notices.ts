/** What the people who raised a topic are told when it ends: declined with the reason, or closed with the outcome. */
import type { NoticeTemplate, SmsPattern } from "../templates";

/** The SMS of `topicRejected` (templates/sms.ts lists every template's for the senders). */
export const topicRejectedSms = {
  "zh-CN": "{recipientName}：您提出的议题「{title}」不予采纳。原因：{reason}",
  en: "{recipientName}: “{title}” was not adopted: {reason}",
} as const satisfies SmsPattern;

export const topicRejected = {
  id: "topic_rejected",
  subject: { "zh-CN": "议题不予采纳", en: "Topic not adopted" },
  text: {
    "zh-CN": "{recipientName}：您提出的议题「{title}」经研究不予采纳。原因：{reason}。感谢您的参与。",
    en: "{recipientName}: the topic you raised, “{title}”, was not adopted. Reason: {reason}. Thank you for taking part.",
  },
  sms: topicRejectedSms,
} as const satisfies NoticeTemplate;

/** The SMS of `topicClosed` (templates/sms.ts lists every template's for the senders). */
export const topicClosedSms = {
  "zh-CN": "{recipientName}：您提出的议题「{title}」已办结。结果：{outcome}",
  en: "{recipientName}: “{title}” is closed: {outcome}",
} as const satisfies SmsPattern;

export const topicClosed = {
  id: "topic_closed",
  subject: { "zh-CN": "议题已办结", en: "Topic closed" },
  text: {
    "zh-CN": "{recipientName}：议题「{title}」已完成办理反馈，闭环办结。办理结果：{outcome}",
    en: "{recipientName}: the topic “{title}” has been handled and feedback given; the loop is closed. Outcome: {outcome}",
  },
  sms: topicClosedSms,
} as const satisfies NoticeTemplate;
