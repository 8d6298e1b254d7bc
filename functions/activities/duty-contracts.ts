/** Request shapes of the duty roster (委员值班). */
import * as v from "valibot";
import { shiftStatuses } from "../domain/quota/duty";
import { id, int, isoDate, listQueryEntries, longText, shortText, strictObject } from "../kernel/contracts";

export const dutyShiftCreate = /* @__PURE__ */ (() =>
  strictObject({
    /** The county date of the shift: today or later. */
    date: isoDate,
    /** A member who serves at the station. */
    memberId: id,
    note: v.optional(shortText(200)),
  }))();
export type DutyShiftCreate = v.InferOutput<typeof dutyShiftCreate>;

export const dutyCheckIn = /* @__PURE__ */ (() =>
  strictObject({
    /** Visitors received during the shift (来访接待). */
    visitorsReceived: v.pipe(int, v.minValue(0), v.maxValue(10_000)),
    /** Residents reached: the visitors received when not given. */
    residentsReached: v.optional(v.pipe(int, v.minValue(0), v.maxValue(100_000))),
    summary: v.optional(longText(2000)),
  }))();
export type DutyCheckIn = v.InferOutput<typeof dutyCheckIn>;

export const dutyCancel = /* @__PURE__ */ (() => v.optional(strictObject({ reason: shortText(500) })))();
export const dutyCancelQuery = /* @__PURE__ */ (() => strictObject({ reason: v.optional(shortText(500)) }))();

export const dutyShiftListQuery = /* @__PURE__ */ (() =>
  strictObject({
    ...listQueryEntries,
    from: v.optional(isoDate),
    to: v.optional(isoDate),
    status: v.optional(v.picklist(shiftStatuses)),
  }))();

export const stationShiftsPath = /* @__PURE__ */ (() => strictObject({ stationId: id }))();
export const dutyShiftPath = /* @__PURE__ */ (() => strictObject({ shiftId: id }))();
