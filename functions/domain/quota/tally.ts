/**
 * What a station's yearly tally counts (decision 0020): one counter per kind of activity, the
 * public-opinion items collected and adopted, and the topics by category — for the year, and again
 * for the quarter of the record's date (`q2_opinions`), so that the year as of a past quarter's end
 * is exact too. A record changes the tally by a delta in the same transaction as itself, so the tally
 * is exact under retries and races. Pure rules: the store (functions/activities/store/tally.ts) writes them.
 */
import type { Quarter } from "./check";
import { quarterOf } from "./pace";
import type { ActivityType } from "./vocabulary";

/** What is counted: each has a counter for the year and one for each quarter. */
export type YearCounter =
  | `activity_${ActivityType}`
  | "opinions"
  | "opinions_reported"
  | "opinions_adopted"
  | "topics"
  | `topics_${string}`
  // The topic loop (decision 0027): topics closed with feedback, steps completed by or after their deadline.
  | "loop_completed"
  | "loop_steps_on_time"
  | "loop_steps_late";

/** A tally counter's name: an attribute of the tally item (top-level, so that ADD may create it). */
export type TallyCounter = YearCounter | `q${Quarter}_${YearCounter}`;

/** Changes to counters: +1 when a record is added, −1 when it is withdrawn, both on a correction. */
export type TallyDelta = Readonly<Partial<Record<TallyCounter, number>>>;

export const activityCounter = (type: ActivityType): YearCounter => `activity_${type}`;
export const topicCategoryCounter = (category: string): YearCounter => `topics_${category}`;

const quarterCounter = (quarter: Quarter, name: YearCounter): TallyCounter => `q${quarter}_${name}`;
const quarterPrefix = /^q([1-4])_(.+)$/;

/**
 * What a record of county date `date` (YYYY-MM-DD) counts: each of `counts` for the year and for the
 * date's quarter. A record moved to another quarter of the same year is then a correction like any other.
 */
export function countedOn(date: string, counts: Readonly<Partial<Record<YearCounter, number>>>): TallyDelta {
  const quarter = quarterOf(date);
  const delta: Partial<Record<TallyCounter, number>> = {};
  for (const [name, change] of Object.entries(counts) as [YearCounter, number][]) {
    delta[name] = change;
    delta[quarterCounter(quarter, name)] = change;
  }
  return delta;
}

/**
 * The tally as it stood when `quarter` ended: each year counter the sum of its quarters 1 to `quarter`
 * (what a record dated then counted, even when it was recorded later). Quarter 4 is the whole year.
 */
export function throughQuarter(tally: StationTally, quarter: Quarter | 0): StationTally {
  if (quarter === 4) return tally;
  const counters: Partial<Record<TallyCounter, number>> = {};
  for (const [name, count] of Object.entries(tally.counters)) {
    const match = quarterPrefix.exec(name);
    if (!match || Number(match[1]) > quarter || !count) continue;
    const yearCounter = match[2] as YearCounter;
    counters[yearCounter] = (counters[yearCounter] ?? 0) + count;
  }
  return { ...tally, counters };
}

/** The delta of a correction: the old record withdrawn, the new one added (counters that net to 0 dropped). */
export function correctionDelta(before: TallyDelta, after: TallyDelta): TallyDelta {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<TallyCounter>;
  const delta: Partial<Record<TallyCounter, number>> = {};
  for (const name of names) {
    const change = (after[name] ?? 0) - (before[name] ?? 0);
    if (change !== 0) delta[name] = change;
  }
  return delta;
}

/** The delta that withdraws a record's counts (a deletion). */
export const withdrawal = (delta: TallyDelta): TallyDelta => correctionDelta(delta, {});

/** A station's tally of one year as read: every counter, 0 when never counted. */
export interface StationTally {
  readonly stationId: string;
  readonly year: number;
  readonly counters: Readonly<Partial<Record<TallyCounter, number>>>;
}

export const counterOf = (tally: StationTally | undefined, name: TallyCounter): number =>
  tally?.counters[name] ?? 0;
