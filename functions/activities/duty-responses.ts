/** Response shapes of the duty roster: OpenAPI components and the records' types. */
import * as v from "valibot";
import { shiftStatuses } from "../domain/quota/duty";
import { id, int, isoDate, isoTimestamp, pageOf, version } from "../kernel/contracts";

const actor = v.object({ subject: v.string(), name: v.optional(v.string()) });

const dutyShiftRecord = v.object({
  id,
  stationId: id,
  date: isoDate,
  memberId: id,
  note: v.optional(v.string()),
  /** planned 已排班 · recorded 已值班 · no_show 未到岗 (unrecorded once its day was over) · cancelled 已取消. */
  status: v.picklist(shiftStatuses),
  plannedBy: actor,
  /** Recorded: the duty activity it became, and the visitors received. */
  activityId: v.optional(v.string()),
  visitorsReceived: v.optional(int),
  recordedAt: v.optional(isoTimestamp),
  recordedBy: v.optional(actor),
  /** Marked a no-show by the daily roster run (the station was told). */
  noShowAt: v.optional(isoTimestamp),
  cancelledAt: v.optional(isoTimestamp),
  cancelReason: v.optional(v.string()),
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type DutyShift = v.InferOutput<typeof dutyShiftRecord>;

export const dutySchemas = {
  DutyShift: dutyShiftRecord,
  DutyShiftPage: pageOf(dutyShiftRecord),
} as const;
