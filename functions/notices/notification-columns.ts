/** The columns of the delivery log exported to Excel (CSV), in the export's language. */
import { localDateTime } from "../domain/local-time";
import type { DeliveryStatus } from "../domain/notices/delivery";
import type { Language } from "../domain/registry/members";
import { config } from "../kernel/config";
import type { CsvColumn, Labels } from "../kernel/http/csv";

/** A delivery-log row as the API shows it (the recipient id masked for non-admins already). */
export interface NotificationRow {
  readonly id: string;
  readonly topicId?: string;
  readonly recipient: { readonly id: string; readonly name: string };
  readonly channel: string;
  readonly templateId: string;
  readonly subject: string;
  readonly status: string;
  readonly createdAt: string;
  readonly attempts?: number;
  readonly sentAt?: string;
  readonly lastError?: string;
}

const channelLabels: Labels<"email" | "sms" | "inbox" | "chat"> = {
  email: { "zh-CN": "电子邮件", en: "E-mail" },
  sms: { "zh-CN": "短信", en: "SMS" },
  inbox: { "zh-CN": "站内通知", en: "Inbox" },
  chat: { "zh-CN": "工作站群聊", en: "Station group chat" },
};

const statusLabels: Labels<DeliveryStatus> = {
  queued: { "zh-CN": "待发送", en: "Queued" },
  sending: { "zh-CN": "发送中", en: "Sending" },
  sent: { "zh-CN": "已发送", en: "Sent" },
  held: { "zh-CN": "暂缓（免打扰时段或限速）", en: "Held (quiet hours or rate limit)" },
  failed: { "zh-CN": "发送失败", en: "Failed" },
  folded: { "zh-CN": "已并入汇总", en: "Folded into a digest" },
};

const localTime = (instant: string | undefined) =>
  instant === undefined ? undefined : localDateTime(instant, config().timeZone);

const labelOf = (labels: Labels<string>, value: string, language: Language) =>
  labels[value]?.[language] ?? value;

export const notificationColumns: readonly CsvColumn[] = [
  { header: { "zh-CN": "编号", en: "ID" }, value: (n: NotificationRow) => n.id },
  { header: { "zh-CN": "议题编号", en: "Topic ID" }, value: (n: NotificationRow) => n.topicId },
  { header: { "zh-CN": "收件人", en: "Recipient" }, value: (n: NotificationRow) => n.recipient.name },
  { header: { "zh-CN": "收件人标识", en: "Recipient ID" }, value: (n: NotificationRow) => n.recipient.id },
  {
    header: { "zh-CN": "渠道", en: "Channel" },
    value: (n: NotificationRow, language: Language) => labelOf(channelLabels, n.channel, language),
  },
  { header: { "zh-CN": "标题", en: "Subject" }, value: (n: NotificationRow) => n.subject },
  {
    header: { "zh-CN": "状态", en: "Status" },
    value: (n: NotificationRow, language: Language) => labelOf(statusLabels, n.status, language),
  },
  { header: { "zh-CN": "时间", en: "Time" }, value: (n: NotificationRow) => localTime(n.createdAt) },
  { header: { "zh-CN": "发送时间", en: "Sent at" }, value: (n: NotificationRow) => localTime(n.sentAt) },
  { header: { "zh-CN": "尝试次数", en: "Attempts" }, value: (n: NotificationRow) => n.attempts },
  { header: { "zh-CN": "最近错误", en: "Last error" }, value: (n: NotificationRow) => n.lastError },
];
