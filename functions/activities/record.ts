/**
 * 活动记录: recording an activity, correcting it (with a reason, audited) and withdrawing it
 * (deleted, with a reason: a tombstone stays). Each is one transaction with its tally and attendance.
 */
import { type Principal, requireWriter } from "../domain/access";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors";
import { type ActivityFields, activityProblems, changedFields, yearOfDate } from "../domain/quota/activities";
import { localDate } from "../domain/topics/calendar";
import { config } from "../kernel/config";
import { newId } from "../kernel/ids";
import { retryStaleWrites } from "../kernel/retry";
import { getStation } from "../registry/store/stations";
import { actorOf, assertCanReadStation, assertCanRecordAt } from "./access";
import type { ActivityCreate, ActivityPatch } from "./activity-contracts";
import { referenceProblems } from "./references";
import { createActivity, getActivity, type StoredActivity, saveActivity } from "./store/activities";

async function assertValid(stationId: string, fields: ActivityFields, now: Date): Promise<void> {
  const problems = activityProblems(fields, localDate(now, config().timeZone));
  const references = await referenceProblems(stationId, fields);
  if (problems.length || references.length) throw new ValidationError([...problems, ...references]);
}

/** Drops absent optional fields, so a record reads back as it was written. */
const tidy = <T extends object>(record: T): T =>
  Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== null),
  ) as T;

export async function recordActivity(
  principal: Principal,
  stationId: string,
  input: ActivityCreate,
  now: Date,
): Promise<StoredActivity> {
  assertCanRecordAt(principal, stationId);
  await getStation(stationId);
  const fields: ActivityFields = {
    ...input,
    memberIds: input.memberIds ?? [],
    residentsReached: input.residentsReached ?? 0,
  };
  await assertValid(stationId, fields, now);
  const at = now.toISOString();
  const actor = actorOf(principal);
  const activity: StoredActivity = tidy({
    id: newId(now.getTime()),
    stationId,
    ...fields,
    memberIds: [...fields.memberIds],
    year: yearOfDate(fields.date),
    source: "manual" as const,
    status: "recorded" as const,
    recordedBy: actor,
    version: 1,
    eventSeq: 1,
    createdAt: at,
    updatedAt: at,
  });
  return createActivity(activity, { at, kind: "recorded", actor });
}

/** An activity the caller may see; one of a station they may not see does not exist for them. */
export async function readActivity(principal: Principal, activityId: string): Promise<StoredActivity> {
  const activity = await getActivity(activityId);
  try {
    await assertCanReadStation(principal, activity.stationId);
  } catch {
    throw new NotFoundError("activity", activityId);
  }
  return activity;
}

/** The activity to correct or withdraw: still recorded, at the version the client saw, if it sent one. */
async function readToChange(principal: Principal, activityId: string, expected: number | undefined) {
  requireWriter(principal);
  const current = await readActivity(principal, activityId);
  assertCanRecordAt(principal, current.stationId);
  if (current.status !== "recorded") throw new ConflictError("activity_deleted", current.version);
  if (expected !== undefined && current.version !== expected)
    throw new ConflictError("version_mismatch", current.version);
  return current;
}

function corrected(current: StoredActivity, patch: ActivityPatch): ActivityFields {
  const { reason: _reason, version: _version, ...fields } = patch;
  const merged = { ...current, ...fields };
  return {
    type: merged.type,
    label: merged.label ?? undefined,
    date: merged.date,
    place: merged.place,
    memberIds: merged.memberIds,
    residentsReached: merged.residentsReached,
    summary: merged.summary ?? undefined,
    topicId: merged.topicId ?? undefined,
  };
}

/** 更正: the fields changed, the tally moved by the difference, the change and its reason audited. */
export function correctActivity(
  principal: Principal,
  activityId: string,
  patch: ActivityPatch,
  expected: number | undefined,
  now: Date,
): Promise<StoredActivity> {
  return retryStaleWrites(async () => {
    const current = await readToChange(principal, activityId, expected);
    const fields = corrected(current, patch);
    // The topic counts it as its consultation: the counting would go wrong apart from the topic.
    if (current.source === "topic" && (fields.type !== current.type || fields.topicId !== current.topicId))
      throw new ConflictError("activity_from_topic", current.version);
    await assertValid(current.stationId, fields, now);
    const changes = changedFields(current, fields);
    if (Object.keys(changes).length === 0) return current;
    const { label: _l, summary: _s, topicId: _t, ...kept } = current;
    const next: StoredActivity = tidy({
      ...kept,
      ...fields,
      memberIds: [...fields.memberIds],
      year: yearOfDate(fields.date),
      updatedAt: now.toISOString(),
    });
    const event = {
      at: now.toISOString(),
      kind: "corrected" as const,
      actor: actorOf(principal),
      reason: patch.reason,
      changes,
    };
    return saveActivity(current, next, event);
  });
}

/** 删除: withdrawn from the tally and the members' attendance; the record stays, marked deleted, with why. */
export function withdrawActivity(
  principal: Principal,
  activityId: string,
  reason: string,
  expected: number | undefined,
  now: Date,
): Promise<StoredActivity> {
  return retryStaleWrites(async () => {
    const current = await readToChange(principal, activityId, expected);
    if (current.source === "topic") throw new ConflictError("activity_from_topic", current.version);
    const at = now.toISOString();
    const next: StoredActivity = {
      ...current,
      status: "deleted",
      deletedAt: at,
      deletedReason: reason,
      updatedAt: at,
    };
    return saveActivity(current, next, { at, kind: "deleted", actor: actorOf(principal), reason });
  });
}
