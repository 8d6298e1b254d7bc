/**
 * The yearly tally against DynamoDB Local: deltas add up exactly under concurrent writers, a
 * correction nets out, and the year's tallies page as one collection.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { quotaRowsPage } from "../../functions/activities/store/plans";
import {
  attendanceWrites,
  counterWrites,
  memberAttendance,
  readTally,
  tallyWrite,
} from "../../functions/activities/store/tally";
import { activityCounter, correctionDelta, withdrawal } from "../../functions/domain/quota/tally";
import { getItem } from "../../functions/kernel/table/items";
import { memberAttendanceKey } from "../../functions/kernel/table/keys";
import { writeTransaction } from "../../functions/kernel/table/transaction";
import { unique, useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-tally");
});

describe("a station's tally", () => {
  it("adds up exactly under 20 concurrent writers", async () => {
    const station = unique("tally-station");
    await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        for (let attempt = 0; ; attempt++) {
          try {
            await writeTransaction(
              tallyWrite(station, 2027, {
                [activityCounter(index % 2 ? "duty" : "consultation")]: 1,
                opinions: 1,
              }),
            );
            return;
          } catch (error) {
            if (attempt > 20) throw error; // a transaction conflict: the caller retries, as the API's 429 asks
          }
        }
      }),
    );
    expect((await readTally(station, 2027)).counters).toEqual({
      activity_consultation: 10,
      activity_duty: 10,
      opinions: 20,
    });
    expect((await readTally(station, 2028)).counters).toEqual({});
  });

  it("nets a correction and a withdrawal out, writing nothing for an empty delta", async () => {
    const station = unique("tally-station");
    const visit = { [activityCounter("visit")]: 1 };
    const study = { [activityCounter("study")]: 1 };
    await writeTransaction(tallyWrite(station, 2027, visit));
    await writeTransaction(tallyWrite(station, 2027, correctionDelta(visit, study)));
    expect(correctionDelta(visit, visit)).toEqual({});
    expect(tallyWrite(station, 2027, {})).toEqual([]);
    await writeTransaction(tallyWrite(station, 2027, withdrawal(study)));
    expect((await readTally(station, 2027)).counters).toEqual({ activity_visit: 0, activity_study: 0 });
  });

  it("pages every station's tally of a year, and counts members' attendance", async () => {
    const stations = [unique("paged"), unique("paged"), unique("paged")];
    for (const station of stations) await writeTransaction(tallyWrite(station, 2031, { opinions: 2 }));
    const first = await quotaRowsPage(2031, { limit: 2, cursor: undefined });
    const second = await quotaRowsPage(2031, { limit: 2, cursor: first.cursor ?? undefined });
    const seen = [...first.items, ...second.items].map((row) => row.tally);
    expect(seen.map((tally) => tally.stationId).sort()).toEqual([...stations].sort());
    expect(seen.every((tally) => tally.counters.opinions === 2)).toBe(true);

    const member = unique("member");
    await writeTransaction(attendanceWrites([member], 2031, 1));
    await writeTransaction(attendanceWrites([member], 2031, 1));
    await writeTransaction(attendanceWrites([member], 2031, -1));
    expect(await memberAttendance(member, 2031)).toBe(1);
  });

  it("sums changes to one item into one update, as a transaction touches an item once (decision 0027)", async () => {
    const station = unique("merged");
    const member = unique("member");
    const writes = counterWrites(station, {
      tallies: [
        { year: 2032, delta: { activity_consultation: 1 } },
        { year: 2032, delta: { loop_steps_on_time: 1, activity_consultation: 1 } },
        { year: 2033, delta: { loop_completed: 1 } },
      ],
      members: [
        { memberId: member, year: 2032, counts: { attended: 1 } },
        { memberId: member, year: 2032, counts: { steps_on_time: 1, attended: -1, duty: 1 } },
      ],
    });
    expect(writes).toHaveLength(3);
    expect((await writeTransaction(writes)).committed).toBe(true);
    expect((await readTally(station, 2032)).counters).toMatchObject({
      activity_consultation: 2,
      loop_steps_on_time: 1,
    });
    expect((await readTally(station, 2033)).counters).toEqual({ loop_completed: 1 });
    // The attendance that nets to 0 is no change at all.
    const record = await getItem<Record<string, unknown>>(memberAttendanceKey(member, 2032));
    expect(record).toMatchObject({ duty: 1, steps_on_time: 1 });
    expect(record?.attended).toBeUndefined();
  });
});
