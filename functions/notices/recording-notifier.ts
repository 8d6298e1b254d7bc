/**
 * The notifier: every notice is recorded `queued` in the table (the delivery log the API reads) and
 * handed to the sender's queue once committed. The sender delivers it (sender.ts).
 */
import { clock } from "../kernel/clock";
import { config } from "../kernel/config";
import { newId } from "../kernel/ids";
import type {
  NotificationRecord,
  NotificationRequest,
  Notifier,
  PreparedNotice,
  SendResult,
} from "./notifier";
import { deliveryQueue } from "./queue";
import { renderSms, smsWithLink } from "./sms-text";
import { notificationWrites, recordNotification } from "./store";
import { render } from "./templates";

const detailsLine = { "zh-CN": "查看详情：", en: "Details: " } as const;

/** The topic in the console, when its address is configured (CONSOLE_URL). */
const topicLink = (topicId: string | undefined) => {
  const base = config().consoleUrl;
  return base && topicId ? `${base}/topics/${topicId}` : undefined;
};

/** A notice as recorded `queued`: its texts rendered in the recipient's language, linked to its topic. */
export function queuedRecord(request: NotificationRequest): NotificationRecord {
  const now = clock().now();
  const language = request.recipient.language ?? config().defaultLanguage;
  const link = topicLink(request.topicId);
  const variables = link ? { ...request.variables, link } : request.variables;
  const rendered = render(request.template, language, variables);
  // An SMS is its own short text, one segment with the signature; e-mail and inbox get the full one.
  const sms = request.channel === "sms" ? renderSms(request.template, language, variables) : undefined;
  const text = sms
    ? smsWithLink(sms.text, link)
    : link
      ? `${rendered.text}\n\n${detailsLine[language]}${link}`
      : rendered.text;
  const { subject } = rendered;
  return {
    id: newId(now.getTime()),
    idempotencyKey: request.idempotencyKey,
    ...(request.topicId ? { topicId: request.topicId } : {}),
    recipient: request.recipient,
    channel: request.channel,
    templateId: request.template.id,
    language,
    subject,
    text,
    // A provider's pre-approved template is sent these, not our text.
    ...(sms ? { variables: sms.variables } : {}),
    status: "queued",
    createdAt: now.toISOString(),
    attempts: 0,
  };
}

export function recordingNotifier(): Notifier {
  return {
    async send(request: NotificationRequest): Promise<SendResult> {
      const stored = await recordNotification(queuedRecord(request));
      if (stored.created) await deliveryQueue().enqueue(stored.record.id);
      return { record: stored.record, sent: stored.created };
    },
    prepare(request: NotificationRequest, options = {}): PreparedNotice {
      const record = queuedRecord(request);
      return {
        record,
        writes: notificationWrites(record, options),
        committed: () => deliveryQueue().enqueue(record.id),
      };
    },
  };
}

let notifier: Notifier | undefined;

/** The process's notifier. */
export function defaultNotifier(): Notifier {
  notifier ??= recordingNotifier();
  return notifier;
}
