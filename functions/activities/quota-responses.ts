/** Response shapes of the plan, quota and quarterly-check routes (OpenAPI components; decision 0022). */
import * as v from "valibot";
import { activityTypes } from "../domain/quota/vocabulary";
import { id, int, isoTimestamp, pageOf } from "../kernel/contracts";
import { planQuarter } from "./quota-contracts";

const paceStatus = v.picklist(["met", "on_pace", "behind", "at_risk"]);
const share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

export const plan = v.object({
  stationId: id,
  year: int,
  quarters: v.array(planQuarter),
  version: int,
  updatedAt: isoTimestamp,
});

const pace = v.object({
  count: int,
  target: int,
  /** Whole activities expected by now (by the plan, else by the share of the year). */
  expected: int,
  status: paceStatus,
  /** The count the year ends with at this pace. */
  forecast: int,
  /** Still to do this year to reach the target: target − count. */
  toTarget: int,
  /** Behind what is expected by now: expected − count, never below 0. */
  behindPace: int,
});

const person = v.object({ memberId: id, name: v.string() });

export const stationQuota = v.object({
  stationId: id,
  stationName: v.string(),
  kind: v.picklist(["station", "room"]),
  zone: v.string(),
  year: int,
  asOf: isoTimestamp,
  /** The share of the year gone by in the county's days (leap years counted). */
  yearElapsed: share,
  /** The same share quarter by quarter (exactly ¼ at the end of Q1): what the pace is held to. */
  quarterlyElapsed: share,
  targets: v.object({ consultations: int, opinions: int }),
  consultations: pace,
  opinions: pace,
  status: paceStatus,
  statusLabel: v.string(),
  /** How far behind pace, in words: each target's `behindPace` (e.g. 协商议事1次、社情民意2条); empty when on pace. */
  behindPaceText: v.string(),
  opinionsReported: int,
  opinionsAdopted: int,
  activities: v.array(
    v.object({
      type: v.picklist(activityTypes),
      label: v.string(),
      done: int,
      planned: int,
      plannedByNow: int,
    }),
  ),
  topics: int,
  topicsByCategory: v.record(v.string(), int),
  plan: v.nullable(v.object({ quarters: v.array(planQuarter), version: int, updatedAt: isoTimestamp })),
});

export const stationQuotaDetail = v.object({
  ...stationQuota.entries,
  coverage: v.object({ members: int, withoutActivity: v.array(person) }),
});

export const countyQuotaPage = v.object({
  ...pageOf(stationQuota).entries,
  /** On the first page, for the county office: members serving nowhere and members with no activity this year. */
  coverage: v.optional(
    v.object({ members: int, servingNowhere: v.array(person), withoutActivity: v.array(person) }),
  ),
});

const yearSummary = v.object({
  year: int,
  share,
  closing: v.boolean(),
  stations: int,
  byStatus: v.object({ met: int, on_pace: int, behind: int, at_risk: int }),
});

export const quotaCheck = v.object({
  id: v.string(),
  status: v.picklist(["running", "done"]),
  trigger: v.picklist(["schedule", "request"]),
  asOf: isoTimestamp,
  date: v.string(),
  startedAt: isoTimestamp,
  leaseUntil: v.optional(isoTimestamp),
  finishedAt: v.optional(isoTimestamp),
  years: v.optional(v.array(yearSummary)),
  notices: v.optional(int),
  runs: int,
});

const counted = v.object({ count: int, expected: int, target: int });

export const quotaCheckResult = v.object({
  checkId: v.string(),
  year: int,
  stationId: id,
  stationName: v.string(),
  status: paceStatus,
  closing: v.boolean(),
  consultations: counted,
  opinions: counted,
  /** How far behind pace, in words, as the check found it (what the station was told it is short of). */
  missing: v.string(),
  told: v.array(v.string()),
});

export const quotaSchemas = {
  StationPlan: plan,
  StationQuota: stationQuotaDetail,
  QuotaPage: countyQuotaPage,
  QuotaCheck: quotaCheck,
  QuotaCheckPage: pageOf(quotaCheck),
  QuotaCheckDetail: v.object({ ...quotaCheck.entries, results: pageOf(quotaCheckResult) }),
} as const;
