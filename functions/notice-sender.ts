/**
 * Lambda entry: the notices' sender on AWS. Fed by the table's stream (a notice recorded or put back
 * `queued`), and every few minutes by a schedule that sweeps for what is due (retries, the end of
 * quiet hours, a claim that ran out). The delivery settings are read at cold start, so a wrong one
 * fails the deployment's first invocation, not the first reminder of the morning.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { clock } from "./kernel/clock";
import { config } from "./kernel/config";
import { withLogScope } from "./kernel/log";
import { channelsFor } from "./notices/channels/choose";
import { readDeliverySettings } from "./notices/delivery-settings";
import { dueNotificationIds } from "./notices/delivery-store";
import { deliverNotification, type SenderDeps } from "./notices/sender";

const settings = readDeliverySettings(process.env);
const deps: SenderDeps = {
  channels: channelsFor(settings),
  settings,
  timeZone: config().timeZone,
  now: () => clock().now(),
};

/** The sweep's event, from its schedule. */
export interface SweepEvent {
  readonly sweep: true;
}

const isStreamEvent = (event: unknown): event is DynamoDBStreamEvent =>
  typeof event === "object" && event !== null && Array.isArray((event as { Records?: unknown }).Records);

/** One notice at a time, in order: a provider's rate is better met than raced. */
async function deliverAll(ids: readonly string[]): Promise<string[]> {
  const failed: string[] = [];
  for (const id of ids) {
    try {
      await withLogScope({ notificationId: id }, () => deliverNotification(id, deps));
    } catch {
      // A throttled or failed table write: the stream retries the record, the sweep finds it.
      failed.push(id);
    }
  }
  return failed;
}

export async function handler(
  event: DynamoDBStreamEvent | SweepEvent,
): Promise<DynamoDBBatchResponse | { delivered: number }> {
  if (!isStreamEvent(event)) {
    const due = await dueNotificationIds(deps.now());
    const failed = await deliverAll(due);
    return { delivered: due.length - failed.length };
  }
  const byId = new Map<string, string>();
  for (const record of event.Records) {
    const id = record.dynamodb?.NewImage?.id?.S;
    if (id && record.dynamodb?.SequenceNumber) byId.set(id, record.dynamodb.SequenceNumber);
  }
  const failed = await deliverAll([...byId.keys()]);
  return { batchItemFailures: failed.map((id) => ({ itemIdentifier: byId.get(id) ?? "" })) };
}
