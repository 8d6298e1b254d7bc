/**
 * A sender function's handler on AWS: fed by the table's stream (a notice of its channels recorded or
 * put back `queued`), and every few minutes by a schedule that sweeps for what is due (retries, the
 * end of quiet hours, a claim that ran out).
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { clock } from "../kernel/clock";
import { config } from "../kernel/config";
import { withLogScope } from "../kernel/log";
import { dueNotificationIds } from "./delivery-store";
import type { Channel } from "./notifier";
import { deliverNotification, type SenderDeps } from "./sender";

/** The sweep's event, from its schedule. */
export interface SweepEvent {
  readonly sweep: true;
}

const isStreamEvent = (event: unknown): event is DynamoDBStreamEvent =>
  typeof event === "object" && event !== null && Array.isArray((event as { Records?: unknown }).Records);

/** A sender's dependencies: its channels and settings; the county's zone and the clock unless given. */
export type SenderHandlerDeps = Omit<SenderDeps, "timeZone" | "now"> &
  Partial<Pick<SenderDeps, "timeZone" | "now">>;

export function senderHandler(given: SenderHandlerDeps) {
  const deps: SenderDeps = { timeZone: config().timeZone, now: () => clock().now(), ...given };
  const channels = Object.keys(deps.channels) as Channel[];

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

  const handle = async (
    event: DynamoDBStreamEvent | SweepEvent,
  ): Promise<DynamoDBBatchResponse | { delivered: number }> => {
    if (!isStreamEvent(event)) {
      const due = await dueNotificationIds(deps.now(), channels);
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
  };
  // Every line of an invocation carries its request id; each notice's, its id and topic (sender.ts).
  return (event: DynamoDBStreamEvent | SweepEvent, context?: { readonly awsRequestId?: string }) =>
    withLogScope(context?.awsRequestId ? { requestId: context.awsRequestId } : {}, () => handle(event));
}
