/**
 * The wait of a step's entry (Enter step's timeout, computed before its function runs): until the
 * step's first alarm, at least the minimum, and the minimum when alarms are due already.
 */
import { describe, expect, it } from "vitest";
import { shippedCalendars } from "../../../functions/domain/topics/holidays";
import { entryWait, minimumEntrySeconds } from "../../../functions/topics/loop/waiting";
import type { StoredTopic } from "../../../functions/topics/store/topics";

// The county's settings (its time zone) come with the table's name; no table is read here.
process.env.TABLE_NAME ??= "unit-entry-wait";

/** What planning alarms reads of a topic: its deadline, the alarms sent, when the deadline was set. */
const topicDue = (deadline: string, setAt: string) =>
  ({ deadline, deadlineSetAt: setAt, alarmsSent: [] }) as unknown as StoredTopic;

describe("entryWait", () => {
  it("waits until the first alarm of a fresh deadline", () => {
    const now = new Date("2026-12-01T02:00:00.000Z");
    const wait = entryWait(topicDue("2026-12-11T15:59:59.999Z", now.toISOString()), now, shippedCalendars);
    expect(wait).toBeGreaterThan(minimumEntrySeconds);
    // The first alarm comes before the deadline.
    expect(now.getTime() + wait * 1000).toBeLessThan(Date.parse("2026-12-11T15:59:59.999Z"));
  });

  it("wakes at the minimum when the step is entered after alarms fell due (a late entry)", () => {
    const setAt = "2026-12-01T02:00:00.000Z";
    const now = new Date("2026-12-14T02:00:00.000Z");
    expect(entryWait(topicDue("2026-12-11T15:59:59.999Z", setAt), now, shippedCalendars)).toBe(
      minimumEntrySeconds,
    );
  });

  it("is never shorter than the minimum, however close the next alarm", () => {
    // The due-day alarm goes at 09:00 county time (01:00Z) on the deadline's day: 30 s away.
    const now = new Date("2026-12-11T00:59:30.000Z");
    const setAt = "2026-12-10T02:00:00.000Z";
    expect(entryWait(topicDue("2026-12-11T15:59:59.999Z", setAt), now, shippedCalendars)).toBe(
      minimumEntrySeconds,
    );
  });
});
