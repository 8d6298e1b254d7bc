/**
 * The local scheduler runs each county job at its time in the county's zone, on the local clock
 * (simulated here, so that a day passes in a second), logs failures without stopping, and is quiet
 * once stopped.
 */
import { afterEach, describe, expect, it } from "vitest";
import { simulatedClock } from "../../functions/kernel/clock";
import type { CountySchedule, ScheduledJob } from "../../functions/kernel/schedules";
import { type LocalScheduler, startLocalScheduler } from "../../infra/local/scheduler";

const eightOClock: CountySchedule = {
  job: "holidayCalendarWatch",
  description: "test",
  at: { minute: 0, hour: 8 },
};

let scheduler: LocalScheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe("startLocalScheduler", () => {
  it("runs a job at 08:00 in the county's zone on the simulated clock, each day, at that time", async () => {
    // 07:59:00 in Shanghai (23:59 UTC the day before); 600× real time: a minute in 100 ms.
    const clock = simulatedClock(new Date("2027-03-01T23:59:00Z"), 600);
    const runs: { job: ScheduledJob; at: Date }[] = [];
    scheduler = startLocalScheduler({
      clock,
      timeZone: "Asia/Shanghai",
      schedules: [eightOClock],
      run: async (job) => {
        runs.push({ job, at: clock.now() });
      },
    });
    expect(scheduler.upcoming()).toEqual([
      { job: "holidayCalendarWatch", next: new Date("2027-03-02T00:00:00Z") },
    ]);
    await until(() => runs.length === 1);
    const [first] = runs;
    expect(first?.job).toBe("holidayCalendarWatch");
    // Not before its time, and not long after it (half an hour simulated: 3 s of a busy machine's lag).
    expect(first?.at.getTime()).toBeGreaterThanOrEqual(Date.parse("2027-03-02T00:00:00Z"));
    expect(first?.at.getTime()).toBeLessThan(Date.parse("2027-03-02T00:30:00Z"));
    await until(() => scheduler?.upcoming()[0]?.next.getTime() === Date.parse("2027-03-03T00:00:00Z"));
  });

  it("logs a failing run and keeps the schedule", async () => {
    const clock = simulatedClock(new Date("2027-03-01T23:59:50Z"), 600);
    const lines: string[] = [];
    scheduler = startLocalScheduler({
      clock,
      timeZone: "Asia/Shanghai",
      schedules: [eightOClock],
      run: async () => {
        throw new Error("the table is not there");
      },
      log: (line) => lines.push(line),
    });
    await until(() => lines.length === 1);
    expect(lines[0]).toBe("holidayCalendarWatch FAILED: the table is not there");
    await until(() => scheduler?.upcoming()[0]?.next.getTime() === Date.parse("2027-03-03T00:00:00Z"));
  });

  it("runs nothing once stopped", async () => {
    const clock = simulatedClock(new Date("2027-03-01T23:59:50Z"), 600);
    let runs = 0;
    scheduler = startLocalScheduler({
      clock,
      timeZone: "Asia/Shanghai",
      schedules: [eightOClock],
      run: async () => {
        runs++;
      },
    });
    await scheduler.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toBe(0);
  });
});
