/**
 * The activity routes of the activities part (活动记录): record, list (and CSV), read, correct,
 * delete with a reason, the audit of each; a member's attendance. Every write counts in the
 * station's tally in the same transaction (decision 0020).
 */
import { ValidationError } from "../../domain/errors";
import { clock } from "../../kernel/clock";
import { commonErrors } from "../../kernel/http/error-responses";
import { created, defineOperation, documented, ok, versionTag } from "../../kernel/http/operation";
import { expectedVersion } from "../../kernel/http/versioning";
import {
  activityCreate,
  activityDeletion,
  activityDeletionQuery,
  activityListQuery,
  activityPatch,
  activityPath,
  attendanceQuery,
  memberAttendancePath,
  stationActivitiesPath,
} from "../activity-contracts";
import { activityHistory, attendanceOf, shown, stationActivities } from "../read";
import { correctActivity, readActivity, recordActivity, withdrawActivity } from "../record";
import { activityColumns } from "./activity-columns";

const tag = "activities";

export const activityOperations = [
  defineOperation({
    route: "POST /stations/{stationId}/activities",
    path: stationActivitiesPath,
    idempotent: true,
    allow: ["admin", "staff"],
    operationId: "recordActivity",
    ...(documented && {
      summary: "登记活动 · Record an activity of a station",
      description:
        "`type`: consultation 协商议事, duty 委员值班, reception 来访接待, visit 走访调研, study 学习, service 为民服务, fellowship 团结联谊, other 自选动作 (with a `label`). `date` is a county date, not after today. `memberIds`: registered members present (at most 45), each counted in their attendance. `residentsReached` is a count. `topicId`: one of the station's topics. Counted in the station's tally of the date's year in the same transaction; `Idempotency-Key` makes a retry count once.",
      tag,
      responses: [
        { status: 201, description: "Recorded", schema: "Activity" },
        ...commonErrors(400, 403, 404),
      ],
    }),
    body: activityCreate,
    async handle({ principal, path, body }) {
      const activity = shown(await recordActivity(principal, path.stationId, body, clock().now()));
      return created(activity, { ...versionTag(activity.version), location: `/activities/${activity.id}` });
    },
  }),
  defineOperation({
    route: "GET /stations/{stationId}/activities",
    path: stationActivitiesPath,
    operationId: "listStationActivities",
    ...(documented && {
      summary: "工作站活动 · A station's activities",
      description:
        "Newest first; `year` and `type` narrow the list. Deleted activities are left out (their history stays). Members read the activities of the stations they serve at.",
      tag,
      responses: [
        { status: 200, description: "A page of activities", schema: "ActivityPage" },
        ...commonErrors(400, 404),
      ],
    }),
    query: activityListQuery,
    csv: { fileName: "activities", columns: activityColumns },
    async handle({ principal, path, query }) {
      return ok(await stationActivities(principal, path.stationId, query));
    },
  }),
  defineOperation({
    route: "GET /activities/{activityId}",
    path: activityPath,
    operationId: "getActivity",
    ...(documented && {
      summary: "活动详情 · Read an activity",
      description: "A deleted activity answers with `status: deleted`, when and why.",
      tag,
      responses: [{ status: 200, description: "The activity", schema: "Activity" }, ...commonErrors(404)],
    }),
    async handle({ principal, path }) {
      const activity = shown(await readActivity(principal, path.activityId));
      return ok(activity, versionTag(activity.version));
    },
  }),
  defineOperation({
    route: "PATCH /activities/{activityId}",
    path: activityPath,
    allow: ["admin", "staff"],
    operationId: "correctActivity",
    ...(documented && {
      summary: "更正活动 · Correct an activity (with a reason)",
      description:
        "Any field; `null` clears label, summary or topicId; `reason` is required and kept in the history. Send If-Match (or `version`); a stale version answers 409. A new type, year or list of members moves the counts in the same transaction.",
      tag,
      responses: [
        { status: 200, description: "The corrected activity", schema: "Activity" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: activityPatch,
    async handle({ principal, path, request, body }) {
      const version = expectedVersion(request, body.version);
      const activity = shown(await correctActivity(principal, path.activityId, body, version, clock().now()));
      return ok(activity, versionTag(activity.version));
    },
  }),
  defineOperation({
    route: "DELETE /activities/{activityId}",
    path: activityPath,
    allow: ["admin", "staff"],
    operationId: "deleteActivity",
    ...(documented && {
      summary: "删除活动 · Delete an activity (with a reason)",
      description:
        "`reason` in the body or the query is required. The activity is withdrawn from the tally and the members' attendance; it stays readable, marked deleted, and its history says who deleted it and why. If-Match is honoured.",
      tag,
      responses: [
        { status: 200, description: "The deleted activity", schema: "Activity" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: activityDeletion,
    query: activityDeletionQuery,
    async handle({ principal, path, request, body, query }) {
      const reason = body?.reason ?? query.reason;
      if (!reason)
        throw new ValidationError([
          { field: "reason", code: "required", message: "correction_reason_required" },
        ]);
      const version = expectedVersion(request, undefined);
      const activity = shown(
        await withdrawActivity(principal, path.activityId, reason, version, clock().now()),
      );
      return ok(activity, versionTag(activity.version));
    },
  }),
  defineOperation({
    route: "GET /activities/{activityId}/history",
    path: activityPath,
    operationId: "activityHistory",
    ...(documented && {
      summary: "活动修改记录 · Who recorded, corrected or deleted an activity, when and why",
      tag,
      responses: [
        { status: 200, description: "The audit, oldest first", schema: "ActivityHistory" },
        ...commonErrors(404),
      ],
    }),
    async handle({ principal, path }) {
      return ok({ items: await activityHistory(principal, path.activityId) });
    },
  }),
  defineOperation({
    route: "GET /members/{memberId}/attendance",
    path: memberAttendancePath,
    operationId: "memberAttendance",
    ...(documented && {
      summary: "委员参加活动次数 · Activities a member attended in a year",
      description:
        "`year`: this year by default. The county office, staff of a station the member serves at, and the member themself.",
      tag,
      responses: [
        { status: 200, description: "The count", schema: "MemberAttendance" },
        ...commonErrors(400, 404),
      ],
    }),
    query: attendanceQuery,
    async handle({ principal, path, query }) {
      return ok(await attendanceOf(principal, path.memberId, query.year, clock().now()));
    },
  }),
];
