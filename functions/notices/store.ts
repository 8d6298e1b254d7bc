/** The delivery log: each notification once per idempotency key, listed by topic or by recipient. */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { tableName } from "../kernel/table/client";
import { getItem, type Page, queryPage, toItem } from "../kernel/table/items";
import {
  notificationGuardKey,
  notificationIndexKeys,
  notificationKey,
  notificationsOfRecipient,
  notificationsOfTopic,
} from "../kernel/table/keys";
import { writeTransaction } from "../kernel/table/transaction";
import type { NotificationRecord } from "./notifier";
import { queuePlaceOf } from "./work-queue";

/**
 * The writes that record a notification once: a guard on its idempotency key (refused when the key
 * was used) and the record. Committed alone (`recordNotification`) or with the change that causes it.
 * `unique`: that change commits only once anyway (decision 0006): the record alone.
 */
export function notificationWrites(
  record: NotificationRecord,
  { unique = false }: { readonly unique?: boolean } = {},
): TransactWriteItem[] {
  const guard: TransactWriteItem = {
    Put: {
      TableName: tableName(),
      Item: marshall({ ...notificationGuardKey(record.idempotencyKey), notificationId: record.id }),
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
  return [
    ...(unique ? [] : [guard]),
    {
      Put: {
        TableName: tableName(),
        Item: toItem(
          record,
          {
            ...notificationKey(record.id),
            ...notificationIndexKeys(record.id, record.topicId, record.recipient.id),
            ...queuePlaceOf(record),
          },
          "notification",
        ),
      },
    },
  ];
}

/**
 * The writes that take back a notification recorded moments ago: its guard (a no-op for one recorded
 * without), and the record on condition that no sender has claimed it yet (queued or held; on AWS
 * the table's stream may hand it to one at once). Otherwise the transaction they are in is refused,
 * and what it would have taken back stands.
 */
export function notificationWithdrawal(record: NotificationRecord): TransactWriteItem[] {
  return [
    { Delete: { TableName: tableName(), Key: marshall(notificationGuardKey(record.idempotencyKey)) } },
    {
      Delete: {
        TableName: tableName(),
        Key: marshall(notificationKey(record.id)),
        ConditionExpression: "#status IN (:queued, :held)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: marshall({ ":queued": "queued", ":held": "held" }),
      },
    },
  ];
}

/** Stores the record unless its idempotency key was used; then answers the record stored first. */
export async function recordNotification(
  record: NotificationRecord,
): Promise<{ record: NotificationRecord; created: boolean }> {
  const outcome = await writeTransaction(notificationWrites(record));
  if (outcome.committed) return { record, created: true };
  return { record: await recordOf(record.idempotencyKey), created: false };
}

async function recordOf(idempotencyKey: string): Promise<NotificationRecord> {
  const guard = await getItem<{ notificationId?: string }>(notificationGuardKey(idempotencyKey));
  const record = guard?.notificationId
    ? await getItem<NotificationRecord>(notificationKey(guard.notificationId))
    : undefined;
  if (!record) throw new Error(`notification guard ${idempotencyKey} has no record`);
  return record;
}

export async function findNotification(id: string): Promise<NotificationRecord | undefined> {
  return getItem<NotificationRecord>(notificationKey(id));
}

export interface NotificationFilter {
  readonly topicId?: string;
  readonly recipientId?: string;
  readonly channel?: string;
  readonly status?: string;
  /** Recorded within these instants (inclusive). */
  readonly createdFrom?: string;
  readonly createdTo?: string;
}

/** The filter expression for what the partition (a topic's, or a recipient's) does not select. */
function refinements(filter: NotificationFilter, byTopic: boolean) {
  const clauses: string[] = [];
  const values: Record<string, unknown> = {};
  if (byTopic && filter.recipientId !== undefined) {
    clauses.push("#recipient.id = :recipient");
    values[":recipient"] = filter.recipientId;
  }
  if (filter.channel !== undefined) {
    clauses.push("#channel = :channel");
    values[":channel"] = filter.channel;
  }
  if (filter.status !== undefined) {
    clauses.push("#status = :status");
    values[":status"] = filter.status;
  }
  if (filter.createdFrom !== undefined) {
    clauses.push("createdAt >= :createdFrom");
    values[":createdFrom"] = filter.createdFrom;
  }
  if (filter.createdTo !== undefined) {
    clauses.push("createdAt <= :createdTo");
    values[":createdTo"] = filter.createdTo;
  }
  return clauses.length > 0 ? { expression: clauses.join(" AND "), values } : undefined;
}

export async function listNotifications(
  filter: NotificationFilter,
  page: { limit: number; cursor: string | undefined },
): Promise<Page<NotificationRecord>> {
  const byTopic = filter.topicId !== undefined;
  return queryPage<NotificationRecord>({
    index: byTopic ? "GSI1" : "GSI2",
    partition: byTopic
      ? { name: "GSI1PK", value: notificationsOfTopic(filter.topicId) }
      : { name: "GSI2PK", value: notificationsOfRecipient(filter.recipientId ?? "") },
    filter: refinements(filter, byTopic),
    limit: page.limit,
    cursor: page.cursor,
  });
}
