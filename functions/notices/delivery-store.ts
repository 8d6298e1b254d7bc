/**
 * The sender's writes on a notice's record: each a conditional update, so that of two senders (a
 * retried message, a sweep beside the queue) exactly one holds a notice at a time.
 */

import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { AttemptResult } from "../domain/notices/delivery";
import { noticeExpiry, parseNoticeRetentionDays } from "../domain/notices/retention";
import { dynamodb, tableName } from "../kernel/table/client";
import { fromItem, queryAll, scanAll } from "../kernel/table/items";
import {
  noticesInState,
  notificationKey,
  type QueuedNoticeState,
  queuedNoticeStates,
} from "../kernel/table/keys";
import { asThrottle, isConditionFailure } from "../kernel/table/transaction";
import type { Channel, NotificationRecord } from "./notifier";
import { queueUpdate } from "./work-queue";

/** Runs a conditional update; false when its condition did not hold. */
async function updateIf(input: ConstructorParameters<typeof UpdateItemCommand>[0]) {
  try {
    return await dynamodb().send(new UpdateItemCommand(input));
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw asThrottle(error) ?? error;
  }
}

const allChannels: readonly Channel[] = ["email", "sms", "inbox", "chat"];

/**
 * A notice a sender of `channels` should take now: queued or held and due, or claimed by a sender
 * whose claim ran out. The claim's condition and the sweep's filter, so that they never disagree.
 */
function dueCondition(now: Date, channels: readonly Channel[]) {
  const channelNames = channels.map((_, index) => `:channel${index}`);
  return {
    expression:
      `#channel IN (${channelNames.join(", ")}) AND (` +
      "(#status IN (:queued, :held) AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)) OR " +
      "(#status = :sending AND leaseUntil <= :now))",
    values: {
      ...Object.fromEntries(channels.map((channel, index) => [`:channel${index}`, channel])),
      ":queued": "queued",
      ":held": "held",
      ":sending": "sending",
      ":now": now.toISOString(),
    },
  };
}

/**
 * Takes the notice to deliver it: one that is queued or held and due, or whose sender's claim ran
 * out (it died mid-send). Answers the record as claimed, or undefined when it is not to be taken.
 */
export async function claimNotification(
  id: string,
  now: Date,
  leaseMs: number,
  channels: readonly Channel[] = allChannels,
): Promise<NotificationRecord | undefined> {
  const due = dueCondition(now, channels);
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const queue = queueUpdate({ id, status: "sending", createdAt: "", leaseUntil });
  const output = await updateIf({
    TableName: tableName(),
    Key: marshall(notificationKey(id)),
    UpdateExpression: `SET #status = :sending, leaseUntil = :lease, ${queue.set.join(", ")}`,
    ConditionExpression: due.expression,
    ExpressionAttributeNames: { "#status": "status", "#channel": "channel" },
    ExpressionAttributeValues: marshall({ ...due.values, ":lease": leaseUntil, ...queue.values }),
    ReturnValues: "ALL_NEW",
  });
  return output?.Attributes ? fromItem<NotificationRecord>(output.Attributes) : undefined;
}

/** The condition of every write a sender makes on a notice it claimed: that the claim is still its own. */
export const byOurClaim = (claimed: NotificationRecord) => ({
  ConditionExpression: "#status = :sending AND leaseUntil = :lease",
  lease: { ":sending": "sending", ":lease": claimed.leaseUntil },
});

/** Holds a claimed notice until `until` (quiet hours), without counting an attempt. */
export async function holdNotification(claimed: NotificationRecord, until: Date): Promise<boolean> {
  const { ConditionExpression, lease } = byOurClaim(claimed);
  const nextAttemptAt = until.toISOString();
  const queue = queueUpdate({ ...claimed, status: "held", nextAttemptAt });
  const output = await updateIf({
    TableName: tableName(),
    Key: marshall(notificationKey(claimed.id)),
    UpdateExpression: `SET #status = :held, nextAttemptAt = :until, ${queue.set.join(", ")} REMOVE leaseUntil`,
    ConditionExpression,
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: marshall({
      ...lease,
      ":held": "held",
      ":until": nextAttemptAt,
      ...queue.values,
    }),
    ReturnValues: "NONE",
  });
  return output !== undefined;
}

/**
 * Records what attempt number `attempts` came to, with the content as sent when it was made at send
 * time (a digest); false when the claim was lost meanwhile.
 */
/**
 * When a notice done with at `at` (sent, or folded into a digest that carries its text) leaves the
 * table: NOTICE_RETENTION_DAYS later (DynamoDB's TTL on `expiresAt`).
 */
export const retainedUntil = (at: string): number =>
  noticeExpiry(at, parseNoticeRetentionDays(process.env.NOTICE_RETENTION_DAYS));

export async function recordAttempt(
  claimed: NotificationRecord,
  attempts: number,
  result: AttemptResult,
  content: Partial<Pick<NotificationRecord, "subject" | "text" | "variables">> = {},
): Promise<boolean> {
  const { ConditionExpression, lease } = byOurClaim(claimed);
  const { status, ...outcome } = result;
  // A delivered notice leaves the table after its retention (DynamoDB's TTL on `expiresAt`).
  const expiry = result.status === "sent" ? { expiresAt: retainedUntil(result.sentAt) } : {};
  const fields = Object.fromEntries(
    Object.entries({ ...outcome, ...expiry, ...content }).filter(([, value]) => value !== undefined),
  );
  const queue = queueUpdate({ ...claimed, ...result });
  // Names as placeholders: `text` is one of DynamoDB's reserved words.
  const set = [...Object.keys(fields).map((name) => `#${name} = :${name}`), ...queue.set];
  const removed = ["leaseUntil", ...(status === "queued" ? [] : ["nextAttemptAt"]), ...queue.remove];
  const output = await updateIf({
    TableName: tableName(),
    Key: marshall(notificationKey(claimed.id)),
    UpdateExpression: `SET #status = :status, attempts = :attempts, ${set.join(", ")} REMOVE ${removed.join(", ")}`,
    ConditionExpression,
    ExpressionAttributeNames: {
      "#status": "status",
      ...Object.fromEntries(Object.keys(fields).map((name) => [`#${name}`, name])),
    },
    ExpressionAttributeValues: marshall(
      {
        ...lease,
        ":status": status,
        ":attempts": attempts,
        ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [`:${name}`, value])),
        ...queue.values,
      },
      { removeUndefinedValues: true },
    ),
    ReturnValues: "NONE",
  });
  return output !== undefined;
}

/** The notices in one state of the work queue due by `now` (all of them without `now`), oldest due first. */
function inQueue(status: QueuedNoticeState, now?: Date): Promise<NotificationRecord[]> {
  return queryAll<NotificationRecord>({
    index: "GSI3",
    partition: { name: "GSI3PK", value: noticesInState(status) },
    // Keys are `<due>#<id>`: "$" sorts just after "#", so every notice due at `now` or before.
    ...(now ? { sortKeyBefore: { name: "GSI3SK", value: `${now.toISOString()}$` } } : {}),
  });
}

/**
 * Ids of the notices a sender should look at now: queued or held and due, or claimed by a sender
 * whose claim ran out. Three queries of the work queue (GSI3), whatever the table holds besides;
 * the claim then checks each against the record itself.
 */
export async function dueNotificationIds(
  now: Date,
  channels: readonly Channel[] = allChannels,
): Promise<string[]> {
  const states = await Promise.all(
    (["queued", "held", "sending"] as const).map((status) => inQueue(status, now)),
  );
  return states
    .flat()
    .filter((notice) => channels.includes(notice.channel))
    .map((notice) => notice.id);
}

/** Every notice in a state of the work queue (the county office's list of what failed, is held, …). */
export function notificationsInState(status: QueuedNoticeState): Promise<NotificationRecord[]> {
  return inQueue(status);
}

/**
 * Puts a failed notice back in the queue, its attempts counted afresh (an admin's retry, once the
 * cause is fixed: a number corrected, a template approved). Answers the record, or undefined when the
 * notice is not there or did not fail.
 */
export async function requeueFailedNotification(
  id: string,
  note: string | undefined,
): Promise<NotificationRecord | undefined> {
  const queue = queueUpdate({ id, status: "queued", createdAt: "" });
  const output = await updateIf({
    TableName: tableName(),
    Key: marshall(notificationKey(id)),
    UpdateExpression: `SET #status = :queued, attempts = :zero, ${queue.set.join(", ")}${note ? ", retryNote = :note" : ""} REMOVE nextAttemptAt, failedAt`,
    ConditionExpression: "#status = :failed",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: marshall({
      ":queued": "queued",
      ":zero": 0,
      ":failed": "failed",
      ...queue.values,
      ...(note ? { ":note": note } : {}),
    }),
    ReturnValues: "ALL_NEW",
  });
  return output?.Attributes ? fromItem<NotificationRecord>(output.Attributes) : undefined;
}

/**
 * The notices whose place in the work queue (GSI3) disagrees with their state: waiting or failed but
 * not in it or under another state (recorded before the queue existed, or changed by an older
 * version during a deployment), or sent or folded and still in it.
 */
function misplacedNotices(): Promise<NotificationRecord[]> {
  const states = queuedNoticeStates.map(
    (state) => `(#status = :${state} AND (attribute_not_exists(GSI3PK) OR GSI3PK <> :in_${state}))`,
  );
  return scanAll<NotificationRecord>({
    expression: `entity = :notification AND (${states.join(" OR ")} OR (#status IN (:sent, :folded) AND attribute_exists(GSI3PK)))`,
    values: {
      ":notification": "notification",
      ":sent": "sent",
      ":folded": "folded",
      ...Object.fromEntries(queuedNoticeStates.map((state) => [`:${state}`, state])),
      ...Object.fromEntries(queuedNoticeStates.map((state) => [`:in_${state}`, noticesInState(state)])),
    },
  });
}

/**
 * Puts each notice in its right place in the work queue, or out of it (misplacedNotices). A scan of
 * the table, so it runs rarely — at a local start and once a day — never per notice. Answers how many
 * it moved.
 */
export async function repairNoticeQueue(): Promise<number> {
  let repaired = 0;
  for (const notice of await misplacedNotices()) {
    const queue = queueUpdate(notice);
    const update = [
      ...(queue.set.length ? [`SET ${queue.set.join(", ")}`] : []),
      ...(queue.remove.length ? [`REMOVE ${queue.remove.join(", ")}`] : []),
    ];
    // Only as it was read: a sender that moved it meanwhile placed it itself.
    const output = await updateIf({
      TableName: tableName(),
      Key: marshall(notificationKey(notice.id)),
      UpdateExpression: update.join(" "),
      ConditionExpression: "#status = :status",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: marshall({ ":status": notice.status, ...queue.values }),
      ReturnValues: "NONE",
    });
    if (output !== undefined) repaired++;
  }
  return repaired;
}
