/**
 * 量化考评 (decision 0027): the quantified evaluation of stations and members, from what the system
 * already counts — the station's yearly tally (4+X, topics carried through the loop, steps on time),
 * its 六有 checklist, and a member's year record (activities attended, duty shifts done, 社情民意
 * items submitted, steps they were responsible for, on time or late). Pure rules: each criterion
 * gives its figure, its points and its maximum; a total; ranks shared by equal totals (1, 2, 2, 4).
 */
import type { Language } from "../registry/members";

/** How a criterion scores: `count` — the figure against a target, capped; `share` — on time of all. */
export type Rule = "count" | "share";

export interface Criterion {
  /** Points for meeting it in full. */
  readonly max: number;
  /** For `count` criteria: the figure that earns the full points. */
  readonly target: number;
}

export const stationCriteria = [
  "consultations",
  "opinions",
  "activities",
  "topicsClosed",
  "stepsOnTime",
  "standards",
] as const;
export type StationCriterion = (typeof stationCriteria)[number];

export const memberCriteria = ["attended", "duty", "opinions", "stepsOnTime"] as const;
export type MemberCriterion = (typeof memberCriteria)[number];

export type EvaluationKind = "station" | "member";

const rules: Readonly<Record<StationCriterion | MemberCriterion, Rule>> = {
  consultations: "count",
  opinions: "count",
  activities: "count",
  topicsClosed: "count",
  stepsOnTime: "share",
  standards: "count",
  attended: "count",
  duty: "count",
};

/** The default weights: each kind's maxima sum to 100. Consultations and opinions take the quota's targets. */
export const defaultStationWeights: Readonly<Record<StationCriterion, Criterion>> = {
  consultations: { max: 25, target: 4 },
  opinions: { max: 20, target: 10 },
  activities: { max: 15, target: 6 },
  topicsClosed: { max: 15, target: 2 },
  stepsOnTime: { max: 15, target: 0 },
  standards: { max: 10, target: 6 },
};

export const defaultMemberWeights: Readonly<Record<MemberCriterion, Criterion>> = {
  attended: { max: 35, target: 6 },
  duty: { max: 25, target: 4 },
  opinions: { max: 20, target: 2 },
  stepsOnTime: { max: 20, target: 0 },
};

export const criterionLabels: Readonly<Record<StationCriterion | MemberCriterion, Record<Language, string>>> =
  {
    consultations: { "zh-CN": "协商议事活动", en: "Consultations" },
    opinions: { "zh-CN": "社情民意信息", en: "Public-opinion items" },
    activities: { "zh-CN": "自选动作（X）", en: "Other activities (X)" },
    topicsClosed: { "zh-CN": "六步法闭环议题", en: "Topics closed with feedback" },
    stepsOnTime: { "zh-CN": "环节按时办结", en: "Steps completed on time" },
    standards: { "zh-CN": "“六有”标准", en: "The six standards (六有)" },
    attended: { "zh-CN": "参加活动", en: "Activities attended" },
    duty: { "zh-CN": "值班履职", en: "Duty shifts done" },
  };

/** What a station did in the year, as counted. */
export interface StationFigures {
  readonly consultations: number;
  readonly opinions: number;
  /** Activities other than consultations (the "X"). */
  readonly activities: number;
  readonly topicsClosed: number;
  readonly stepsOnTime: number;
  readonly stepsLate: number;
  /** 六有 items met, of six. */
  readonly standards: number;
}

/** What a member did in the year, as counted. */
export interface MemberFigures {
  readonly attended: number;
  readonly duty: number;
  readonly opinions: number;
  readonly stepsOnTime: number;
  readonly stepsLate: number;
}

export interface Score {
  readonly criterion: StationCriterion | MemberCriterion;
  /** The figure counted: a count, or the steps on time. */
  readonly figure: number;
  /** `count`: the target; `share`: every step completed (on time and late). */
  readonly of: number;
  readonly points: number;
  readonly max: number;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** One criterion's points: a count earns its share of the target (capped); a share, on time of all (none: 0). */
export function scoreOf(
  criterion: StationCriterion | MemberCriterion,
  weight: Criterion,
  figure: number,
  late = 0,
): Score {
  if (rules[criterion] === "share") {
    const all = figure + late;
    const points = all === 0 ? 0 : (weight.max * figure) / all;
    return { criterion, figure, of: all, points: oneDecimal(points), max: weight.max };
  }
  const ratio = weight.target <= 0 ? 1 : Math.min(figure / weight.target, 1);
  return { criterion, figure, of: weight.target, points: oneDecimal(weight.max * ratio), max: weight.max };
}

export interface Evaluation {
  readonly scores: readonly Score[];
  readonly total: number;
  readonly max: number;
}

/** Each criterion scored from its figure (a share counted against the steps late), and the sum. */
function evaluate<C extends StationCriterion | MemberCriterion>(
  criteria: readonly C[],
  figures: Readonly<Record<C, number>> & { readonly stepsLate: number },
  weights: Readonly<Record<C, Criterion>>,
): Evaluation {
  const scores = criteria.map((criterion) =>
    scoreOf(
      criterion,
      weights[criterion],
      figures[criterion],
      criterion === "stepsOnTime" ? figures.stepsLate : 0,
    ),
  );
  return {
    scores,
    total: oneDecimal(scores.reduce((sum, score) => sum + score.points, 0)),
    max: scores.reduce((sum, score) => sum + score.max, 0),
  };
}

export const evaluateStation = (
  figures: StationFigures,
  weights: Readonly<Record<StationCriterion, Criterion>> = defaultStationWeights,
): Evaluation => evaluate(stationCriteria, figures, weights);

export const evaluateMember = (
  figures: MemberFigures,
  weights: Readonly<Record<MemberCriterion, Criterion>> = defaultMemberWeights,
): Evaluation => evaluate(memberCriteria, figures, weights);

/**
 * Ranks by total, highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4).
 * Equal totals keep the order given (the caller orders by name).
 */
export function ranked<T extends { readonly total: number }>(items: readonly T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => b.total - a.total);
  let rank = 0;
  return sorted.map((item, index) => {
    if (index === 0 || item.total !== sorted[index - 1]?.total) rank = index + 1;
    return { ...item, rank };
  });
}
