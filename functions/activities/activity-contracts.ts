/** Request shapes of activities (活动记录) and their corrections. */
import * as v from "valibot";
import { maxMembersPresent } from "../domain/quota/activities";
import { activityTypes } from "../domain/quota/vocabulary";
import {
  id,
  int,
  isoDate,
  listOf,
  listQueryEntries,
  longText,
  queryInt,
  shortText,
  strictObject,
  version,
} from "../kernel/contracts";

const residentsReached = /* @__PURE__ */ (() => v.pipe(int, v.minValue(0), v.maxValue(100_000)))();
const memberIds = /* @__PURE__ */ (() => listOf(id, maxMembersPresent))();

export const activityCreate = /* @__PURE__ */ (() =>
  strictObject({
    /** consultation 协商议事 · duty 委员值班 · reception 来访接待 · visit 走访调研 · study 学习 · service 为民服务 · fellowship 团结联谊 · other 自选动作 ("X", with a `label`). */
    type: v.picklist(activityTypes),
    /** The activity's own name: required for `other`, refused for any other type. */
    label: v.optional(shortText(50)),
    /** The county date it took place, not after today. */
    date: isoDate,
    place: shortText(100),
    /** The members present (registered members), at most 45. */
    memberIds: v.optional(memberIds),
    /** Residents reached: a count, never their names. */
    residentsReached: v.optional(residentsReached),
    summary: v.optional(longText(2000)),
    /** The station's topic it served, if any. */
    topicId: v.optional(id),
  }))();
export type ActivityCreate = v.InferOutput<typeof activityCreate>;

/** A correction: any field; `null` clears label, summary or topicId; `reason` is required. */
export const activityPatch = /* @__PURE__ */ (() =>
  strictObject({
    type: v.optional(v.picklist(activityTypes)),
    label: v.optional(v.nullable(shortText(50))),
    date: v.optional(isoDate),
    place: v.optional(shortText(100)),
    memberIds: v.optional(memberIds),
    residentsReached: v.optional(residentsReached),
    summary: v.optional(v.nullable(longText(2000))),
    topicId: v.optional(v.nullable(id)),
    /** Why it is corrected (kept in the activity's history). */
    reason: shortText(500),
    version: v.optional(version),
  }))();
export type ActivityPatch = v.InferOutput<typeof activityPatch>;

/** Why an activity is withdrawn: in the body, or as `?reason=`. */
export const activityDeletion = /* @__PURE__ */ (() =>
  v.optional(strictObject({ reason: shortText(500) })))();
export const activityDeletionQuery = /* @__PURE__ */ (() =>
  strictObject({ reason: v.optional(shortText(500)) }))();

export const activityListQuery = /* @__PURE__ */ (() =>
  strictObject({
    ...listQueryEntries,
    year: v.optional(queryInt(2000, 2100)),
    type: v.optional(v.picklist(activityTypes)),
  }))();

export const stationActivitiesPath = /* @__PURE__ */ (() => strictObject({ stationId: id }))();
export const activityPath = /* @__PURE__ */ (() => strictObject({ activityId: id }))();
export const memberAttendancePath = /* @__PURE__ */ (() => strictObject({ memberId: id }))();
export const attendanceQuery = /* @__PURE__ */ (() =>
  strictObject({ year: v.optional(queryInt(2000, 2100)) }))();
