/**
 * The local outbox: every notification becomes a record in the table (the delivery log the API reads)
 * and, when OUTBOX_FILE is set, a JSON line in that file, so a developer can watch what would be sent.
 */
import { appendFile } from "node:fs/promises";
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
import { notificationWrites, recordNotification } from "./store";
import { render } from "./templates";

function outboxRecord(request: NotificationRequest): NotificationRecord {
  const now = clock().now();
  const language = request.recipient.language ?? config().defaultLanguage;
  const { subject, text } = render(request.templateId, language, request.variables);
  return {
    id: newId(now.getTime()),
    idempotencyKey: request.idempotencyKey,
    topicId: request.topicId,
    recipient: request.recipient,
    channel: request.channel,
    templateId: request.templateId,
    language,
    subject,
    text,
    status: "sent",
    createdAt: now.toISOString(),
  };
}

export function outboxNotifier(outboxFile = process.env.OUTBOX_FILE): Notifier {
  const writeOut = async (record: NotificationRecord) => {
    if (outboxFile) await appendFile(outboxFile, `${JSON.stringify(record)}\n`, "utf8");
  };
  return {
    async send(request: NotificationRequest): Promise<SendResult> {
      const stored = await recordNotification(outboxRecord(request));
      if (stored.created) await writeOut(stored.record);
      return { record: stored.record, sent: stored.created };
    },
    prepare(request: NotificationRequest): PreparedNotice {
      const record = outboxRecord(request);
      return { record, writes: notificationWrites(record), committed: () => writeOut(record) };
    },
  };
}

let notifier: Notifier | undefined;

/** The process's notifier. Only the outbox exists so far; SES and SNS adapters will be chosen here. */
export function defaultNotifier(): Notifier {
  notifier ??= outboxNotifier();
  return notifier;
}
