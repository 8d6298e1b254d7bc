/**
 * Idempotency records: one per caller and key, claimed before the operation runs and completed with
 * its answer, kept 24 hours (the table's TTL removes them; reads ignore an expired one before then).
 */
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { dynamodb, tableName } from "../../table/client";
import { getItem, values } from "../../table/items";
import { asThrottle, isConditionFailure } from "../../table/transaction";

/** How long a key keeps its first answer. */
export const idempotencyWindowSeconds = 24 * 60 * 60;

export interface StoredAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface IdempotencyRecord {
  /** The route and a digest of the request it was first used for. */
  readonly fingerprint: string;
  readonly state: "in_progress" | "completed";
  readonly answer?: StoredAnswer;
  readonly expiresAt: number;
}

const keyOf = (subject: string, key: string) => ({ PK: `IDEMPOTENCY#${subject}#${key}`, SK: "RECORD" });

/**
 * Claims the key for this request. Undefined when claimed; otherwise the record that holds it (a
 * request in progress, or one completed within the window).
 */
export async function claimKey(
  subject: string,
  key: string,
  fingerprint: string,
  nowSeconds: number,
): Promise<IdempotencyRecord | undefined> {
  const record: IdempotencyRecord = {
    fingerprint,
    state: "in_progress",
    expiresAt: nowSeconds + idempotencyWindowSeconds,
  };
  try {
    await dynamodb().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall({ ...keyOf(subject, key), ...record, entity: "idempotency" }),
        ConditionExpression: "attribute_not_exists(PK) OR expiresAt < :now",
        ExpressionAttributeValues: values({ ":now": nowSeconds }),
      }),
    );
    return undefined;
  } catch (error) {
    if (!isConditionFailure(error)) throw asThrottle(error) ?? error;
  }
  const held = await getItem<IdempotencyRecord>(keyOf(subject, key));
  // Expired and removed between the two calls: the next try claims it.
  return held ?? { fingerprint, state: "in_progress", expiresAt: nowSeconds };
}

export async function completeKey(subject: string, key: string, answer: StoredAnswer): Promise<void> {
  await dynamodb().send(
    new UpdateItemCommand({
      TableName: tableName(),
      Key: marshall(keyOf(subject, key)),
      UpdateExpression: "SET #state = :completed, answer = :answer",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: values({ ":completed": "completed", ":answer": answer }),
    }),
  );
}

/** Lets the key go after a failure, so that the client's retry runs the request afresh. */
export async function releaseKey(subject: string, key: string): Promise<void> {
  await dynamodb().send(
    new DeleteItemCommand({ TableName: tableName(), Key: marshall(keyOf(subject, key)) }),
  );
}
