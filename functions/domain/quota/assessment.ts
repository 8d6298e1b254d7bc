/**
 * A station's quota for a year at some point in it (decision 0022): the "4" and the "10" each against
 * what is expected by now (by the share of the year, or by the station's plan), the worst of the two,
 * what is missing, the plan beside what was done, and the topics by category. Pure: the tally and the
 * plan in, the assessment out.
 */

import type { FieldProblem } from "../errors";
import type { Language } from "../registry/members";
import { assessPace, expectedByNow, type PaceAssessment, type PaceStatus, worstOf } from "./pace";
import { activityCounter, counterOf, type StationTally, type TallyCounter } from "./tally";
import type { QuotaSettings } from "./targets";
import { type ActivityType, activityTypeLabels, activityTypes } from "./vocabulary";

/** One quarter of a station's plan (精心设计每一次的规定动作和自选动作). */
export interface PlanQuarter {
  readonly consultations: number;
  readonly opinions: number;
  /** The other activities planned, by type (the "X" and the rest; consultations are counted above). */
  readonly activities?: Readonly<Partial<Record<ActivityType, number>>>;
  readonly notes?: string;
}

/**
 * What is wrong with a plan for a year of these targets: a plan short of the "4" would hold its
 * station to less than the quota, and silence every check's warning (none when it is whole).
 */
export function planProblems(plan: StationPlan, targets: QuotaSettings["targets"]): FieldProblem[] {
  const total = (key: "consultations" | "opinions") =>
    plan.quarters.reduce((sum, quarter) => sum + quarter[key], 0);
  return (["consultations", "opinions"] as const)
    .filter((key) => total(key) < targets[key])
    .map((key) => ({
      field: "quarters",
      code: "plan_below_target",
      message: `plan_below_target_${key}`,
      params: { planned: total(key), target: targets[key] },
    }));
}

export interface StationPlan {
  readonly quarters: readonly PlanQuarter[];
}

export interface ActivityLine {
  readonly type: ActivityType;
  readonly done: number;
  /** In the plan for the whole year, and by now (quarters gone in full, the current one by its share). */
  readonly planned: number;
  readonly plannedByNow: number;
}

export interface QuotaAssessment {
  readonly year: number;
  /** The share of the year gone by, quarter by quarter. */
  readonly share: number;
  readonly consultations: PaceAssessment;
  readonly opinions: PaceAssessment;
  readonly status: PaceStatus;
  readonly opinionsReported: number;
  readonly opinionsAdopted: number;
  readonly activities: readonly ActivityLine[];
  readonly topics: number;
  readonly topicsByCategory: Readonly<Record<string, number>>;
}

const planned = (plan: StationPlan | undefined, pick: (quarter: PlanQuarter) => number | undefined) =>
  plan?.quarters.length === 4 ? plan.quarters.map((quarter) => pick(quarter) ?? 0) : undefined;

const sum = (values: readonly number[] | undefined) => (values ?? []).reduce((a, b) => a + b, 0);

function activityLine(
  type: ActivityType,
  tally: StationTally,
  share: number,
  plan?: StationPlan,
): ActivityLine {
  const byQuarter = planned(plan, (q) => (type === "consultation" ? q.consultations : q.activities?.[type]));
  const total = sum(byQuarter);
  return {
    type,
    done: counterOf(tally, activityCounter(type)),
    planned: total,
    plannedByNow: byQuarter ? Math.floor(expectedByNow(total, share, byQuarter) + 1e-9) : 0,
  };
}

function topicsByCategory(tally: StationTally): Record<string, number> {
  const byCategory: Record<string, number> = {};
  for (const [name, count] of Object.entries(tally.counters))
    if (name.startsWith("topics_") && count) byCategory[name.slice("topics_".length)] = count;
  return byCategory;
}

export function assessQuota(
  tally: StationTally,
  plan: StationPlan | undefined,
  settings: QuotaSettings,
  share: number,
): QuotaAssessment {
  const { targets, thresholds } = settings;
  const consultations = assessPace(
    counterOf(tally, activityCounter("consultation")),
    targets.consultations,
    share,
    thresholds,
    planned(plan, (q) => q.consultations),
  );
  const opinions = assessPace(
    counterOf(tally, "opinions"),
    targets.opinions,
    share,
    thresholds,
    planned(plan, (q) => q.opinions),
  );
  return {
    year: tally.year,
    share,
    consultations,
    opinions,
    status: worstOf([consultations.status, opinions.status]),
    opinionsReported: counterOf(tally, "opinions_reported"),
    opinionsAdopted: counterOf(tally, "opinions_adopted"),
    activities: activityTypes.map((type) => activityLine(type, tally, share, plan)),
    topics: counterOf(tally, "topics" as TallyCounter),
    topicsByCategory: topicsByCategory(tally),
  };
}

const missingWords = {
  "zh-CN": { consultations: (n: number) => `协商议事${n}次`, opinions: (n: number) => `社情民意${n}条` },
  en: {
    consultations: (n: number) => `${n} consultation${n === 1 ? "" : "s"}`,
    opinions: (n: number) => `${n} opinion item${n === 1 ? "" : "s"}`,
  },
} as const;

/**
 * What a station is behind pace by, in words: each target's count short of what is expected by now
 * (e.g. "协商议事1次、社情民意2条"); when the year is over, what is expected is the target. Not what
 * is still to do this year (`toTarget`), which is more while the year runs.
 */
export function shortfall(assessment: QuotaAssessment, language: Language): string {
  const words = missingWords[language];
  const parts = (["consultations", "opinions"] as const).flatMap((target) => {
    const short = assessment.share >= 1 ? assessment[target].toTarget : assessment[target].behindPace;
    return short > 0 ? [words[target](short)] : [];
  });
  return parts.join(language === "zh-CN" ? "、" : ", ");
}

export const activityLabel = (type: ActivityType, language: Language) => activityTypeLabels[type][language];
