/**
 * Cost protection on the table (decision 0019): a recipient's daily SMS count, the county's SMS per
 * minute, and folding a notice into its recipient's digest. Each is one request or one transaction
 * with the sender's claim as a condition, so two senders never count or fold one notice twice.
 */
import { type TransactWriteItem, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { dynamodb, tableName } from "../kernel/table/client";
import { getItem } from "../kernel/table/items";
import {
  notificationGuardKey,
  notificationKey,
  smsDailyCountKey,
  smsMinuteCountKey,
} from "../kernel/table/keys";
import { asThrottle, isConditionFailure, writeTransaction } from "../kernel/table/transaction";
import { byOurClaim, retainedUntil } from "./delivery-store";
import { withSubjectAdded } from "./digest";
import type { NotificationRecord } from "./notifier";
import { findNotification, notificationWrites } from "./store";

/** Counters expire once nobody asks about them (the table's TTL, in seconds). */
const expiresAfter = (now: Date, days: number) => Math.floor(now.getTime() / 1000) + days * 86_400;

/** An update of the notice, on condition that the sender's claim still holds. */
function claimedUpdate(
  claimed: NotificationRecord,
  update: string,
  values: Record<string, unknown>,
): TransactWriteItem {
  const { ConditionExpression, lease } = byOurClaim(claimed);
  return {
    Update: {
      TableName: tableName(),
      Key: marshall(notificationKey(claimed.id)),
      UpdateExpression: update,
      ConditionExpression,
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: marshall({ ...lease, ...values }),
    },
  };
}

/**
 * Counts the claimed SMS toward its recipient's `day`, unless `cap` were reached: `over` then, and
 * nothing is counted; `lost` when the claim was lost meanwhile.
 */
export async function countTowardCap(
  claimed: NotificationRecord,
  day: string,
  cap: number,
  now: Date,
): Promise<"counted" | "over" | "lost"> {
  const outcome = await writeTransaction([
    {
      Update: {
        TableName: tableName(),
        Key: marshall(smsDailyCountKey(claimed.recipient.id, day)),
        UpdateExpression: "ADD sent :one SET expiresAt = :expires",
        ConditionExpression: "attribute_not_exists(sent) OR sent < :cap",
        ExpressionAttributeValues: marshall({ ":one": 1, ":cap": cap, ":expires": expiresAfter(now, 3) }),
      },
    },
    claimedUpdate(claimed, "SET countedOn = :day", { ":day": day }),
  ]);
  if (outcome.committed) return "counted";
  return outcome.failed[1] ? "lost" : "over";
}

/** Takes one of the county's `limit` SMS of `minute`; false when they are all taken. */
export async function takeMinuteSlot(minute: string, limit: number, now: Date): Promise<boolean> {
  try {
    await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(smsMinuteCountKey(minute)),
        UpdateExpression: "ADD sent :one SET expiresAt = :expires",
        ConditionExpression: "attribute_not_exists(sent) OR sent < :limit",
        ExpressionAttributeValues: marshall({ ":one": 1, ":limit": limit, ":expires": expiresAfter(now, 1) }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw asThrottle(error) ?? error;
  }
}

/**
 * Marks the claimed notice folded into the digest. Its text goes out in the digest, so it leaves the
 * table after the retention counted from the fold, as a delivered notice does (decision 0026).
 */
const foldInto = (claimed: NotificationRecord, digestId: string, expiresAt: number) =>
  claimedUpdate(
    claimed,
    // Out of the work queue (GSI3) too: it is done with.
    "SET #status = :folded, foldedInto = :digest, foldReason = :reason, expiresAt = :expires REMOVE leaseUntil, nextAttemptAt, GSI3PK, GSI3SK",
    { ":folded": "folded", ":digest": digestId, ":reason": claimed.foldReason, ":expires": expiresAt },
  );

/**
 * Adds the claimed notice's subject to a digest that has not gone out yet, with the digest's words
 * made again for what it now carries, on condition that nothing else folded into it since it was read.
 */
function appendTo(digest: NotificationRecord, subject: string): TransactWriteItem {
  const grown = withSubjectAdded(digest, subject);
  return {
    Update: {
      TableName: tableName(),
      Key: marshall(notificationKey(digest.id)),
      UpdateExpression: `SET foldedSubjects = :subjects, subject = :subject, #text = :text${grown.variables ? ", variables = :variables" : ""}`,
      ConditionExpression: "#status IN (:queued, :held) AND size(foldedSubjects) = :before",
      ExpressionAttributeNames: { "#status": "status", "#text": "text" },
      ExpressionAttributeValues: marshall({
        ":subjects": grown.foldedSubjects,
        ":subject": grown.subject,
        ":text": grown.text,
        ...(grown.variables ? { ":variables": grown.variables } : {}),
        ":before": digest.foldedSubjects?.length ?? 0,
        ":queued": "queued",
        ":held": "held",
      }),
    },
  };
}

/**
 * Folds into the recorded digest `digestId`, read afresh each time another fold got in first. Folds
 * into one digest in this process go one at a time, from the digest as this process last wrote it:
 * a recipient over the cap gets many notices at once (a county's worth of topics), and each fold read
 * the digest and raced the others to append to it.
 */
function foldIntoRecorded(
  claimed: NotificationRecord,
  digestId: string,
  expiresAt: number,
): Promise<"folded" | "lost" | "gone"> {
  return oneAtATime(digestId, async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const digest =
        (attempt === 1 ? digestsWritten.get(digestId) : undefined) ?? (await findNotification(digestId));
      digestsWritten.delete(digestId);
      if (!digest || (digest.status !== "queued" && digest.status !== "held")) return "gone";
      const next = await writeTransaction([
        appendTo(digest, claimed.subject),
        foldInto(claimed, digestId, expiresAt),
      ]);
      if (next.committed) {
        remember(digestsWritten, digestId, withSubjectAdded(digest, claimed.subject));
        return "folded";
      }
      if (next.failed[1]) return "lost";
    }
    throw new Error(`digest ${digestId} kept changing while a notice was folded into it`);
  });
}

/** Digests as this process last wrote them, by id: the next fold starts from there, not from a read. */
const digestsWritten = new Map<string, NotificationRecord>();
/** The fold under way into each digest, by id: the next waits for it. */
const foldsUnderWay = new Map<string, Promise<unknown>>();

function oneAtATime<T>(digestId: string, fold: () => Promise<T>): Promise<T> {
  const run = (foldsUnderWay.get(digestId) ?? Promise.resolve()).then(fold, fold);
  const settled = run.catch(() => undefined);
  foldsUnderWay.set(digestId, settled);
  void settled.then(() => {
    if (foldsUnderWay.get(digestId) === settled) foldsUnderWay.delete(digestId);
  });
  return run;
}

/**
 * Folds the claimed notice (its `foldReason` set) into its recipient's digest of the day: the digest
 * `fresh` when it is the first, else the one recorded under the same key, at `now` (its retention
 * counts from then). Answers `folded`, `lost` (the claim was lost meanwhile), or `gone` (that digest
 * went out already: the notice is sent itself).
 */
export async function foldIntoDigest(
  claimed: NotificationRecord,
  fresh: NotificationRecord,
  now: Date,
): Promise<"folded" | "lost" | "gone"> {
  const expiresAt = retainedUntil(now.toISOString());
  const known = digestsRecorded.get(`${tableName()} ${fresh.idempotencyKey}`);
  if (known) return foldIntoRecorded(claimed, known, expiresAt);
  const first = await writeTransaction([
    ...notificationWrites(fresh),
    foldInto(claimed, fresh.id, expiresAt),
  ]);
  if (first.committed) {
    rememberDigest(fresh.idempotencyKey, fresh.id);
    remember(digestsWritten, fresh.id, fresh);
    return "folded";
  }
  if (first.failed[2]) return "lost";
  const guard = await getItem<{ notificationId?: string }>(notificationGuardKey(fresh.idempotencyKey));
  if (!guard?.notificationId) return "lost";
  rememberDigest(fresh.idempotencyKey, guard.notificationId);
  return foldIntoRecorded(claimed, guard.notificationId, expiresAt);
}

/**
 * The digest recorded under each digest key this process has met. A key's guard names its digest for
 * good, so a recipient's further folds that day go straight to it: without this, each tried to record
 * a fresh digest (a three-item transaction, refused) and read the guard, two requests per notice. A
 * digest gone out is found so by `foldIntoRecorded`, as it would be through the guard.
 */
const digestsRecorded = new Map<string, string>();
const digestsRemembered = 1_000;

function rememberDigest(key: string, digestId: string): void {
  remember(digestsRecorded, `${tableName()} ${key}`, digestId);
}

function remember<T>(memory: Map<string, T>, key: string, value: T): void {
  if (memory.size >= digestsRemembered) memory.clear();
  memory.set(key, value);
}
