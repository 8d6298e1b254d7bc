/** Reading a station's tally in tests, with the tally's invariant checked on every read. */
import { expect } from "vitest";
import { readTally } from "../../functions/activities/store/tally";

/** A tally's year counters, each checked to be the sum of its four quarters' counters. */
export async function yearCounters(stationId: string, year: number): Promise<Record<string, number>> {
  const all: Record<string, number | undefined> = (await readTally(stationId, year)).counters;
  const years: Record<string, number> = {};
  for (const [name, count] of Object.entries(all)) if (!/^q[1-4]_/.test(name)) years[name] = count ?? 0;
  for (const [name, count] of Object.entries(years)) {
    const byQuarter = [1, 2, 3, 4].reduce((sum, quarter) => sum + (all[`q${quarter}_${name}`] ?? 0), 0);
    expect(byQuarter, `${name}: the sum of its quarters`).toBe(count);
  }
  return years;
}
