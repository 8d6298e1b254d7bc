/**
 * The "4+X" quota's pace (规定动作): how far into its year the county is, how much of a target a
 * station should have met by now (by the share of the year, or by its own plan), and whether it has —
 * met, on pace, behind, or at risk — with a year-end forecast. Pure rules; the quota part applies them.
 */
import { localTime } from "../topics/calendar";

/** The fixed part of "4+X": at least 4 consultations and 10 public-opinion items a year. */
export interface QuotaTargets {
  readonly consultations: number;
  readonly opinions: number;
}

export interface PaceThresholds {
  /** Behind by more than this many quarters' worth of the target, a station is at risk, not just behind. */
  readonly atRiskQuartersBehind: number;
}

export const defaultTargets: QuotaTargets = { consultations: 4, opinions: 10 };
export const defaultThresholds: PaceThresholds = { atRiskQuartersBehind: 1 };

export type PaceStatus = "met" | "on_pace" | "behind" | "at_risk";

export const paceStatusLabels: Readonly<Record<PaceStatus, { "zh-CN": string; en: string }>> = {
  met: { "zh-CN": "已完成", en: "Met" },
  on_pace: { "zh-CN": "进度正常", en: "On pace" },
  behind: { "zh-CN": "进度滞后", en: "Behind" },
  at_risk: { "zh-CN": "难以完成", en: "At risk" },
};

const startOfYear = (year: number, timeZone: string) => localTime(`${year}-01-01`, 0, timeZone).getTime();

/** The share of `year` gone by at `asOf`, county time: 0 before it starts, 1 once it has ended. */
export function yearElapsedShare(asOf: Date, year: number, timeZone: string): number {
  const start = startOfYear(year, timeZone);
  const end = startOfYear(year + 1, timeZone);
  return Math.min(1, Math.max(0, (asOf.getTime() - start) / (end - start)));
}

/** The quarter (1–4) of a county date `YYYY-MM-DD`. */
export const quarterOf = (date: string): 1 | 2 | 3 | 4 =>
  (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;

/**
 * What a station should have done by now: by its plan when it has one (each quarter gone by in full,
 * the current one by its share), else by the share of the year. Never more than the target.
 */
export function expectedByNow(
  target: number,
  elapsedShare: number,
  planByQuarter?: readonly number[],
): number {
  if (planByQuarter?.length !== 4) return target * elapsedShare;
  const quarters = elapsedShare * 4;
  const whole = Math.floor(quarters);
  const planned = planByQuarter.slice(0, whole).reduce((sum, count) => sum + count, 0);
  const current = whole < 4 ? (planByQuarter[whole] ?? 0) * (quarters - whole) : 0;
  return Math.min(target, Math.max(planned + current, 0));
}

export interface PaceAssessment {
  readonly count: number;
  readonly target: number;
  /** Whole activities expected by now (what a station can be held to). */
  readonly expected: number;
  readonly status: PaceStatus;
  /** The count the year ends with at this pace. */
  readonly forecast: number;
  /** Still to do this year to reach the target (target − count). */
  readonly toTarget: number;
  /** Behind what is expected by now (expected − count): what the check tells a station it is short of. */
  readonly behindPace: number;
}

/** One target's pace: `count` done against `target`, `elapsedShare` of the year gone. */
export function assessPace(
  count: number,
  target: number,
  elapsedShare: number,
  thresholds: PaceThresholds = defaultThresholds,
  planByQuarter?: readonly number[],
): PaceAssessment {
  const expected = Math.floor(expectedByNow(target, elapsedShare, planByQuarter) + 1e-9);
  const forecast = elapsedShare > 0 ? Math.round(count / elapsedShare) : count;
  const toTarget = Math.max(0, target - count);
  const behindPace = Math.max(0, expected - count);
  const status: PaceStatus =
    count >= target
      ? "met"
      : elapsedShare >= 1
        ? "at_risk"
        : count >= expected
          ? "on_pace"
          : count >= expected - (target / 4) * thresholds.atRiskQuartersBehind
            ? "behind"
            : "at_risk";
  return { count, target, expected, status, forecast, toTarget, behindPace };
}

const severity: Readonly<Record<PaceStatus, number>> = { met: 0, on_pace: 1, behind: 2, at_risk: 3 };

/** A station's status across its targets: its worst. */
export const worstOf = (statuses: readonly PaceStatus[]): PaceStatus =>
  statuses.reduce<PaceStatus>(
    (worst, status) => (severity[status] > severity[worst] ? status : worst),
    "met",
  );
