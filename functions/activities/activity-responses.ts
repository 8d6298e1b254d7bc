/** Response shapes of activities: OpenAPI components and the records' types. */
import * as v from "valibot";
import { activityTypes } from "../domain/quota/vocabulary";
import { id, int, isoDate, isoTimestamp, pageOf, version } from "../kernel/contracts";

const actor = v.object({ subject: v.string(), name: v.optional(v.string()) });

const activityEntries = {
  id,
  stationId: id,
  type: v.picklist(activityTypes),
  label: v.optional(v.string()),
  date: isoDate,
  year: int,
  place: v.string(),
  memberIds: v.array(v.string()),
  residentsReached: int,
  summary: v.optional(v.string()),
  topicId: v.optional(v.string()),
  /** How it was recorded: by hand, by a topic's 开展协商 step, or by a duty shift's check-in. */
  source: v.picklist(["manual", "topic", "duty"]),
  /** A duty activity: the shift it records, and the visitors received. */
  shiftId: v.optional(v.string()),
  visitorsReceived: v.optional(int),
  /** `deleted`: withdrawn from the tally; kept, with why, so the correction stays visible. */
  status: v.picklist(["recorded", "deleted"]),
  deletedAt: v.optional(isoTimestamp),
  deletedReason: v.optional(v.string()),
  recordedBy: actor,
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
};
const activityRecord = v.object(activityEntries);
export type Activity = v.InferOutput<typeof activityRecord>;

const activityEvent = v.object({
  seq: int,
  at: isoTimestamp,
  kind: v.picklist(["recorded", "corrected", "deleted"]),
  actor,
  reason: v.optional(v.string()),
  /** What a correction changed: each field's value before and after. */
  changes: v.optional(v.record(v.string(), v.object({ from: v.unknown(), to: v.unknown() }))),
  /** The version the activity had after this change. */
  version,
});
export type ActivityEvent = v.InferOutput<typeof activityEvent>;

const attendance = v.object({ memberId: id, year: int, attended: int });

export const activitySchemas = {
  Activity: activityRecord,
  ActivityPage: pageOf(activityRecord),
  ActivityHistory: v.object({ items: v.array(activityEvent) }),
  MemberAttendance: attendance,
} as const;
