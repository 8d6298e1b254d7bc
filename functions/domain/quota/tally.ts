/**
 * What a station's yearly tally counts (decision 0020): one counter per kind of activity, the
 * public-opinion items collected and adopted, and the topics by category. A record changes the tally
 * by a delta in the same transaction as itself, so the tally is exact under retries and races.
 * Pure rules: the store (functions/activities/store/tally.ts) writes them.
 */
import type { ActivityType } from "./vocabulary";

/** A tally counter's name: an attribute of the tally item (top-level, so that ADD may create it). */
export type TallyCounter =
  | `activity_${ActivityType}`
  | "opinions"
  | "opinions_reported"
  | "opinions_adopted"
  | "topics"
  | `topics_${string}`;

/** Changes to counters: +1 when a record is added, −1 when it is withdrawn, both on a correction. */
export type TallyDelta = Readonly<Partial<Record<TallyCounter, number>>>;

export const activityCounter = (type: ActivityType): TallyCounter => `activity_${type}`;
export const topicCategoryCounter = (category: string): TallyCounter => `topics_${category}`;

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
