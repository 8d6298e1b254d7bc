import { describe, expect, it } from "vitest";
import {
  type LoopedTopic,
  loopHealth,
  recoveryExecutionName,
  recoveryInFlight,
  recoveryStartSeconds,
  restartBackOff,
  restartDue,
  streakAfterRestart,
  topicOfExecution,
} from "../../../functions/domain/topics/recovery";

const now = new Date("2026-12-03T06:00:00Z");
const hourAgo = "2026-12-03T05:00:00.000Z";
const topic = (overrides: Partial<LoopedTopic> = {}): LoopedTopic => ({
  id: "01JEXAMPLE0000000000000000",
  status: "open",
  step: "research",
  stepSeq: 3,
  enteredSeq: 3,
  createdAt: "2026-11-01T00:00:00.000Z",
  updatedAt: hourAgo,
  ...overrides,
});

describe("which topic needs its loop started again", () => {
  it("leaves a topic alone while an execution carries it", () => {
    expect(loopHealth(topic(), { running: true }, now, 600)).toEqual({ kind: "running" });
    expect(loopHealth(topic(), { running: false, lastStatus: "PENDING_REDRIVE" }, now, 600).kind).toBe(
      "running",
    );
  });

  it("leaves a closed topic alone, whatever its execution did", () => {
    const closed = topic({ status: "closed" });
    expect(loopHealth(closed, { running: false, lastStatus: "FAILED" }, now, 0)).toEqual({ kind: "closed" });
  });

  it("restarts a topic whose execution failed, timed out, was stopped or ended, saying why", () => {
    const cases = [
      ["FAILED", "failed"],
      ["TIMED_OUT", "timedOut"],
      ["ABORTED", "aborted"],
      ["SUCCEEDED", "ended"],
    ] as const;
    for (const [status, reason] of cases) {
      expect(loopHealth(topic(), { running: false, lastStatus: status }, now, 600)).toEqual({
        kind: "stranded",
        recovery: { topicId: topic().id, step: "research", resume: true, reason },
      });
    }
  });

  it("restarts a topic whose execution never started", () => {
    const health = loopHealth(topic(), { running: false }, now, 600);
    expect(health).toMatchObject({ kind: "stranded", recovery: { reason: "neverStarted" } });
  });

  it("resumes an entered step, and enters afresh a step a decision moved it to", () => {
    const entered = loopHealth(topic(), { running: false }, now, 0);
    expect(entered).toMatchObject({ recovery: { step: "research", resume: true } });
    const moved = loopHealth(
      topic({ step: "consult", stepSeq: 4, enteredSeq: 3 }),
      { running: false },
      now,
      0,
    );
    expect(moved).toMatchObject({ recovery: { step: "consult", resume: false } });
  });

  it("waits out the grace period of a topic just written (its start may be on its way)", () => {
    const young = topic({ createdAt: "2026-12-03T05:58:00.000Z", updatedAt: "2026-12-03T05:58:00.000Z" });
    expect(loopHealth(young, { running: false }, now, 600)).toEqual({ kind: "settling" });
    expect(loopHealth(young, { running: false }, now, 0).kind).toBe("stranded");
    expect(loopHealth(young, { running: false }, new Date("2026-12-03T06:08:01Z"), 600).kind).toBe(
      "stranded",
    );
  });
});

describe("a recovery's start on its way", () => {
  const recorded = (secondsAgo: number) =>
    recoveryExecutionName(topic().id, 3, new Date(now.getTime() - secondsAgo * 1000));

  it("leaves a topic alone whose recovery recorded its execution moments ago, grace period or not", () => {
    const justRecorded = topic({ executionName: recorded(40) });
    expect(loopHealth(justRecorded, { running: false }, now, 0, recoveryStartSeconds)).toEqual({
      kind: "settling",
    });
    expect(recoveryInFlight(recorded(40), now, recoveryStartSeconds)).toBe(true);
    // A re-drive, or the local start-up, does not wait for it: a start that failed is tried again.
    expect(loopHealth(justRecorded, { running: false }, now, 0).kind).toBe("stranded");
  });

  it("restarts it once the start had time to happen and Step Functions still knows no such execution", () => {
    const stale = topic({ executionName: recorded(recoveryStartSeconds + 1) });
    expect(loopHealth(stale, { running: false }, now, 0, recoveryStartSeconds)).toMatchObject({
      kind: "stranded",
      recovery: { reason: "neverStarted" },
    });
  });

  it("judges a recovery whose execution Step Functions knows by that execution's status", () => {
    const failed = topic({ executionName: recorded(5) });
    expect(
      loopHealth(failed, { running: false, lastStatus: "FAILED" }, now, 0, recoveryStartSeconds),
    ).toMatchObject({
      recovery: { reason: "failed" },
    });
  });

  it("does not take a registration's execution name for a recovery's", () => {
    expect(recoveryInFlight(topic().id, now, recoveryStartSeconds)).toBe(false);
    expect(recoveryInFlight(`${topic().id}-1`, now, recoveryStartSeconds)).toBe(false);
    expect(recoveryInFlight(undefined, now, recoveryStartSeconds)).toBe(false);
  });
});

describe("the sweeper's back-off from a loop that keeps failing", () => {
  const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
  /** The restarts the sweeper makes when it sweeps every hour for `until` hours from `now`. */
  function hourlySweeps(until: number) {
    let entry: { stepSeq: number; restarts?: ReturnType<typeof streakAfterRestart> } = { stepSeq: 3 };
    const made: number[] = [];
    for (let hour = 0; hour <= until; hour++) {
      const due = restartDue(entry, "failed", hours(hour));
      if (due.kind === "givenUp") return { made, givenUpAt: hour, restarts: due.restarts };
      if (due.kind !== "now") continue;
      made.push(hour);
      entry = { ...entry, restarts: streakAfterRestart(entry, "failed", hours(hour)) };
    }
    return { made, givenUpAt: undefined, restarts: entry.restarts?.count };
  }

  it("restarts a failed loop at once, then waits 1, 2, 4, 8 and 16 hours, then gives up after 6", () => {
    const sweeps = hourlySweeps(60);
    expect(sweeps.made).toEqual([0, 1, 3, 7, 15, 31]);
    expect(sweeps.givenUpAt).toBe(32);
    expect(sweeps.restarts).toBe(restartBackOff.maxRestarts);
  });

  it("makes a restart in the sweep of its hour even when that sweep runs a few minutes early", () => {
    const restarts = { stepSeq: 3, count: 2, lastAt: "2026-12-03T06:00:05.000Z" };
    expect(restartDue({ stepSeq: 3, restarts }, "failed", new Date("2026-12-03T07:59:58Z"))).toEqual({
      kind: "now",
    });
    expect(restartDue({ stepSeq: 3, restarts }, "timedOut", new Date("2026-12-03T07:00:00Z"))).toEqual({
      kind: "later",
      at: new Date("2026-12-03T08:00:05.000Z"),
    });
  });

  it("starts afresh once the topic moved to another entry, or two days after a restart short of giving up", () => {
    const restarts = { stepSeq: 3, count: 3, lastAt: now.toISOString() };
    expect(restartDue({ stepSeq: 3, restarts }, "failed", hours(1)).kind).toBe("later");
    expect(restartDue({ stepSeq: 4, restarts }, "failed", hours(1))).toEqual({ kind: "now" });
    expect(restartDue({ stepSeq: 3, restarts }, "failed", hours(49))).toEqual({ kind: "now" });
    expect(streakAfterRestart({ stepSeq: 4, restarts }, "failed", hours(1))).toMatchObject({
      stepSeq: 4,
      count: 1,
    });
  });

  it("stays given up until someone re-drives the topic or a decision moves it, however long it waits", () => {
    const restarts = { stepSeq: 3, count: restartBackOff.maxRestarts, lastAt: now.toISOString() };
    for (const later of [1, 49, 24 * 30])
      expect(restartDue({ stepSeq: 3, restarts }, "failed", hours(later)).kind).toBe("givenUp");
    expect(restartDue({ stepSeq: 4, restarts }, "failed", hours(49))).toEqual({ kind: "now" });
  });

  it("counts a restart of its own that never started (StartExecution failed) toward the back-off", () => {
    const restarts = { stepSeq: 3, count: 2, lastAt: now.toISOString() };
    expect(restartDue({ stepSeq: 3, restarts }, "neverStarted", hours(1)).kind).toBe("later");
    expect(restartDue({ stepSeq: 3, restarts }, "neverStarted", hours(2))).toEqual({ kind: "now" });
    expect(streakAfterRestart({ stepSeq: 3, restarts }, "neverStarted", hours(2))).toMatchObject({
      count: 3,
    });
  });

  it("never holds back a loop that was stopped or ended, or that never started with no restart before", () => {
    const restarts = { stepSeq: 3, count: 3, lastAt: now.toISOString() };
    for (const reason of ["aborted", "ended"] as const) {
      expect(restartDue({ stepSeq: 3, restarts }, reason, hours(1))).toEqual({ kind: "now" });
      // The streak stays as it was: only a re-drive clears it.
      expect(streakAfterRestart({ stepSeq: 3, restarts }, reason, hours(1))).toBeUndefined();
    }
    expect(restartDue({ stepSeq: 3 }, "neverStarted", hours(1))).toEqual({ kind: "now" });
    expect(streakAfterRestart({ stepSeq: 3 }, "neverStarted", hours(1))).toBeUndefined();
  });
});

describe("execution names", () => {
  it("name the topic they carry", () => {
    expect(topicOfExecution("01JEXAMPLE0000000000000000-1")).toBe("01JEXAMPLE0000000000000000");
    expect(topicOfExecution("01JEXAMPLE0000000000000000-5d41402abc4b2a76b9719d911017c592")).toBe(
      "01JEXAMPLE0000000000000000",
    );
  });

  it("of a recovery are one per step entry and run, and fit Step Functions' 80 characters", () => {
    const name = recoveryExecutionName("01JEXAMPLE0000000000000000", 12, now);
    expect(name).toMatch(/^01JEXAMPLE0000000000000000-r12-[0-9a-z]+$/);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(topicOfExecution(name)).toBe("01JEXAMPLE0000000000000000");
    expect(recoveryExecutionName("01JEXAMPLE0000000000000000", 12, now)).toBe(name);
  });
});
