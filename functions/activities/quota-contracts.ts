/** Requests of the plan, quota and quarterly-check routes (decision 0022). */
import * as v from "valibot";
import { activityTypes } from "../domain/quota/vocabulary";
import { isIsoDate } from "../domain/topics/calendar";
import {
  id,
  int,
  isoDate,
  isoTimestamp,
  listQueryEntries,
  queryInt,
  strictObject,
} from "../kernel/contracts";

const count = /* @__PURE__ */ (() => v.pipe(int, v.minValue(0), v.maxValue(1000)))();
const year = /* @__PURE__ */ (() =>
  v.pipe(v.string(), v.regex(/^\d{4}$/, "invalid_year"), v.transform(Number)))();
const queryYear = /* @__PURE__ */ (() => v.optional(queryInt(2000, 2100)))();

/** The other activities of a quarter, by type (consultations are planned on their own). */
const plannedActivities = /* @__PURE__ */ (() =>
  strictObject(
    Object.fromEntries(
      activityTypes.filter((type) => type !== "consultation").map((type) => [type, v.optional(count)]),
    ) as Record<
      Exclude<(typeof activityTypes)[number], "consultation">,
      v.OptionalSchema<typeof count, undefined>
    >,
  ))();

export const planQuarter = /* @__PURE__ */ (() =>
  strictObject({
    consultations: count,
    opinions: count,
    activities: v.optional(plannedActivities),
    notes: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500))),
  }))();

export const planBody = /* @__PURE__ */ (() =>
  strictObject({
    quarters: v.pipe(v.array(planQuarter), v.length(4, "four_quarters")),
    version: v.optional(v.pipe(int, v.minValue(1))),
  }))();
export type PlanBody = v.InferOutput<typeof planBody>;

export const planPath = /* @__PURE__ */ (() => strictObject({ stationId: id, year }))();
export const stationQuotaPath = /* @__PURE__ */ (() => strictObject({ stationId: id }))();

export const stationQuotaQuery = /* @__PURE__ */ (() =>
  strictObject({
    year: queryYear,
    quarter: v.optional(queryInt(1, 4)),
  }))();

export const countyQuotaQuery = /* @__PURE__ */ (() =>
  strictObject({
    ...listQueryEntries,
    year: queryYear,
    quarter: v.optional(queryInt(1, 4)),
  }))();

/** `asOf`: a county date (the check as if run at 09:00 that day) or an instant. */
export const quotaCheckBody = /* @__PURE__ */ (() =>
  strictObject({
    asOf: v.optional(v.union([v.pipe(isoDate, v.check(isIsoDate)), isoTimestamp])),
  }))();

export const quotaCheckPath = /* @__PURE__ */ (() =>
  strictObject({
    checkId: v.pipe(v.string(), v.regex(/^\d{4}-Q[1-4]$/, "invalid_check_id")),
  }))();

export const checkResultsQuery = /* @__PURE__ */ (() =>
  strictObject({ ...listQueryEntries, year: queryYear }))();
