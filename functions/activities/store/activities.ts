/**
 * Activities in the table (decision 0020). Every write of an activity is one transaction: the
 * activity on its condition (a new id, or the version read), its audit line, and what it changes in
 * the station's tally and the members' attendance. The condition is the dedupe marker: a retried
 * request commits all of it or none, so the tally never counts twice.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { ConflictError, NotFoundError, StaleWriteError } from "../../domain/errors";
import { type CountChanges, type Counted, countChanges } from "../../domain/quota/activities";
import { tableName } from "../../kernel/table/client";
import { getItem, type Page, queryAll, queryPage, toItem, values } from "../../kernel/table/items";
import {
  activitiesOfStation,
  activityEventKey,
  activityIndexKeys,
  activityKey,
} from "../../kernel/table/keys";
import { writeTransaction } from "../../kernel/table/transaction";
import type { Activity, ActivityEvent } from "../activity-responses";
import { type CounterChanges, counterWrites } from "./tally";

/** An activity as stored: with the number of its audit lines. */
export type StoredActivity = Activity & { readonly eventSeq: number };

export type NewActivityEvent = Omit<ActivityEvent, "seq" | "version">;

const counted = (activity: StoredActivity): Counted => ({
  stationId: activity.stationId,
  type: activity.type,
  date: activity.date,
  memberIds: activity.memberIds,
});

function putActivity(activity: StoredActivity, condition: { expression: string; values?: object }) {
  const listed = activity.status === "recorded";
  return {
    Put: {
      TableName: tableName(),
      Item: toItem(
        activity,
        {
          ...activityKey(activity.id),
          ...(listed ? activityIndexKeys(activity.id, activity.stationId, activity.date) : {}),
        },
        "activity",
      ),
      ConditionExpression: condition.expression,
      ...(condition.expression.includes("#status")
        ? { ExpressionAttributeNames: { "#status": "status" } }
        : {}),
      ExpressionAttributeValues: condition.values ? values({ ...condition.values }) : undefined,
    },
  } satisfies TransactWriteItem;
}

function putEvent(activity: StoredActivity, event: NewActivityEvent): TransactWriteItem {
  const line: ActivityEvent = { ...event, seq: activity.eventSeq, version: activity.version };
  return {
    Put: {
      TableName: tableName(),
      Item: toItem(line, activityEventKey(activity.id, activity.eventSeq), "activityEvent"),
      ConditionExpression: "attribute_not_exists(PK)",
    },
  };
}

/**
 * The tally and member-year updates of a change (none for a change that counts the same), with any
 * `extra` counts (a topic's step completed with its meeting, decision 0027): changes to one item are
 * summed into one update, as a transaction may touch an item only once.
 */
export function countWrites(
  stationId: string,
  changes: CountChanges,
  extra?: CounterChanges,
): TransactWriteItem[] {
  const members = changes.attendance.flatMap((entry) =>
    entry.memberIds.map((memberId) => ({
      memberId,
      year: entry.year,
      counts: entry.duty ? { attended: entry.change, duty: entry.change } : { attended: entry.change },
    })),
  );
  return counterWrites(stationId, {
    tallies: [...changes.tallies, ...(extra?.tallies ?? [])],
    members: [...members, ...(extra?.members ?? [])],
  });
}

/**
 * The writes that record a new activity, counted: refused (position 0) when its id was recorded
 * before — what makes an activity derived from a topic or a shift count once, however often retried.
 */
export function recordActivityWrites(
  activity: StoredActivity,
  event: NewActivityEvent,
  extra?: CounterChanges,
): TransactWriteItem[] {
  return [
    putActivity(activity, { expression: "attribute_not_exists(PK)" }),
    putEvent(activity, event),
    ...countWrites(activity.stationId, countChanges(undefined, counted(activity)), extra),
  ];
}

/** Records a new activity with its first audit line, counted in the same transaction. */
export async function createActivity(
  activity: StoredActivity,
  event: NewActivityEvent,
): Promise<StoredActivity> {
  const outcome = await writeTransaction(recordActivityWrites(activity, event));
  if (!outcome.committed) throw new ConflictError("already_exists");
  return activity;
}

/**
 * Writes `next` in place of `current` (a correction, or the tombstone of a deletion), with its audit
 * line and the difference in the counts, if nobody changed the activity since `current` was read.
 */
export async function saveActivity(
  current: StoredActivity,
  next: StoredActivity,
  event: NewActivityEvent,
): Promise<StoredActivity> {
  const saved = { ...next, version: current.version + 1, eventSeq: current.eventSeq + 1 };
  const changes = countChanges(counted(current), saved.status === "recorded" ? counted(saved) : undefined);
  const writes = [
    putActivity(saved, {
      expression: "version = :version AND #status = :recorded",
      values: { ":version": current.version, ":recorded": "recorded" },
    }),
    putEvent(saved, event),
    ...countWrites(current.stationId, changes),
  ];
  const outcome = await writeTransaction(writes);
  if (!outcome.committed) throw new StaleWriteError((await findActivity(current.id))?.version);
  return saved;
}

export function findActivity(activityId: string): Promise<StoredActivity | undefined> {
  return getItem<StoredActivity>(activityKey(activityId));
}

export async function getActivity(activityId: string): Promise<StoredActivity> {
  const activity = await findActivity(activityId);
  if (!activity) throw new NotFoundError("activity", activityId);
  return activity;
}

/** A station's activities, newest first, of one year or all, of one type or all. */
export function listStationActivities(
  stationId: string,
  filter: { readonly year?: number | undefined; readonly type?: string | undefined },
  page: { limit: number; cursor: string | undefined },
): Promise<Page<StoredActivity>> {
  return queryPage<StoredActivity>({
    index: "GSI1",
    partition: { name: "GSI1PK", value: activitiesOfStation(stationId) },
    sortKeyPrefix: { name: "GSI1SK", value: filter.year ? `ACT#${filter.year}-` : "ACT#" },
    ...(filter.type ? { filter: { expression: "#type = :type", values: { ":type": filter.type } } } : {}),
    newestFirst: true,
    limit: page.limit,
    cursor: page.cursor,
  });
}

/** Every audit line of an activity, oldest first. */
export function activityEvents(activityId: string): Promise<ActivityEvent[]> {
  return queryAll<ActivityEvent>({
    partition: { name: "PK", value: activityKey(activityId).PK },
    sortKeyPrefix: { name: "SK", value: "EVENT#" },
  });
}
