/**
 * Which open topic needs its loop started again (issue #14, decision 0026): a topic is carried by one
 * Step Functions execution at a time; when none runs for it (it failed, timed out, was stopped, or
 * never started), the topic stands still — no reminders, no decisions delivered. The rule reads the
 * topic's stored state and what is known of its executions, and says how to restart it.
 */
import type { TopicStep } from "./steps";

/** The statuses Step Functions gives an execution. */
export type ExecutionStatus =
  | "RUNNING"
  | "SUCCEEDED"
  | "FAILED"
  | "TIMED_OUT"
  | "ABORTED"
  | "PENDING_REDRIVE";

/** What the rule needs of a stored topic. */
export interface LoopedTopic {
  readonly id: string;
  readonly status: "open" | "closed";
  readonly step: TopicStep;
  /** Entries of a step so far; `enteredSeq` is the last one started (deadline set, responsible told). */
  readonly stepSeq: number;
  readonly enteredSeq: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The execution last recorded for it (a recovery records the name, then starts it). */
  readonly executionName?: string | undefined;
}

/**
 * What is known of the topic's executions: whether one runs now, and else the status of the last
 * one it recorded (undefined: none was ever found — the start never happened).
 */
export interface LoopExecutions {
  readonly running: boolean;
  readonly lastStatus?: ExecutionStatus | undefined;
}

/** Why a topic is restarted, for the log and the answer. */
export type RecoveryReason = "failed" | "timedOut" | "aborted" | "ended" | "neverStarted";

export interface Recovery {
  readonly topicId: string;
  readonly step: TopicStep;
  /** Resume the entered step (its deadline and alarms stand, nobody told again) or enter it afresh. */
  readonly resume: boolean;
  readonly reason: RecoveryReason;
}

export type LoopHealth =
  | { readonly kind: "closed" }
  | { readonly kind: "running" }
  /** Written moments ago with no execution seen: its start may still be on its way. */
  | { readonly kind: "settling" }
  | { readonly kind: "stranded"; readonly recovery: Recovery };

const reasons: Record<ExecutionStatus, RecoveryReason | undefined> = {
  RUNNING: undefined,
  PENDING_REDRIVE: undefined,
  SUCCEEDED: "ended",
  FAILED: "failed",
  TIMED_OUT: "timedOut",
  ABORTED: "aborted",
};

/** An execution about to run again (a Step Functions redrive) counts as running. */
export const isAlive = (status: ExecutionStatus) => status === "RUNNING" || status === "PENDING_REDRIVE";

/**
 * The topic's loop health at `now`. A topic written within `graceSeconds` with no running execution
 * is left alone (registering writes the topic, then starts its execution); 0 treats it as stranded.
 * So is one whose recovery recorded its execution within `startingSeconds` (`recoveryInFlight`).
 */
export function loopHealth(
  topic: LoopedTopic,
  executions: LoopExecutions,
  now: Date,
  graceSeconds: number,
  startingSeconds = 0,
): LoopHealth {
  if (topic.status !== "open") return { kind: "closed" };
  if (executions.running || (executions.lastStatus && isAlive(executions.lastStatus)))
    return { kind: "running" };
  const lastWrite = Math.max(Date.parse(topic.createdAt), Date.parse(topic.updatedAt));
  if (now.getTime() - lastWrite < graceSeconds * 1000) return { kind: "settling" };
  if (!executions.lastStatus && recoveryInFlight(topic.executionName, now, startingSeconds))
    return { kind: "settling" };
  const reason = executions.lastStatus ? (reasons[executions.lastStatus] ?? "ended") : "neverStarted";
  return { kind: "stranded", recovery: { topicId: topic.id, ...restartAt(topic), reason } };
}

/**
 * Where a restarted loop begins: the stored step, resumed when its entry was made (no second notice),
 * entered afresh when it was not (a registration or decision recorded before they entered their
 * steps, decision 0006).
 */
export function restartAt(topic: Pick<LoopedTopic, "step" | "stepSeq" | "enteredSeq">): {
  readonly step: TopicStep;
  readonly resume: boolean;
} {
  return { step: topic.step, resume: topic.enteredSeq === topic.stepSeq };
}

/**
 * The sweeper's restarts of one step entry after its executions failed or timed out: a topic whose
 * loop fails for a reason a restart does not cure (bad data, a bug) would otherwise be restarted at
 * every hourly sweep, failing each time and firing the alarm every hour, for ever.
 */
export interface RestartStreak {
  /** The entry (stepSeq) the restarts were for. */
  readonly stepSeq: number;
  readonly count: number;
  /** When the last of them was made (ISO 8601). */
  readonly lastAt: string;
}

/**
 * After n restarts in a row, the next waits 2^(n−1) hours (1, 2, 4, 8, 16); after `maxRestarts` the
 * sweeper stops and the topic waits for a person (`POST /topics/{id}/redrive`). Short of that, a
 * restart more than `forgetAfterHours` ago, or one for an earlier entry, no longer counts.
 */
export const restartBackOff = {
  maxRestarts: 6,
  forgetAfterHours: 48,
  /** A restart falls due this much early, so that the sweep of its hour makes it, not the next one. */
  slackMinutes: 10,
} as const;

const hour = 3_600_000;

type Restartable = { readonly stepSeq: number; readonly restarts?: RestartStreak | undefined };

/**
 * The restarts in a row that count for the topic's current entry at `now`. A streak the sweeper gave
 * up on counts until a person re-drives the topic or a decision moves it: it never lapses by itself.
 */
export function streakOf(topic: Restartable, now: Date): number {
  const streak = topic.restarts;
  if (!streak || streak.stepSeq !== topic.stepSeq) return 0;
  if (streak.count >= restartBackOff.maxRestarts) return streak.count;
  const age = now.getTime() - Date.parse(streak.lastAt);
  return age < restartBackOff.forgetAfterHours * hour ? streak.count : 0;
}

export type RestartDue =
  | { readonly kind: "now" }
  | { readonly kind: "later"; readonly at: Date }
  /** The sweeper has given up: a person must look at the topic and re-drive it. */
  | { readonly kind: "givenUp"; readonly restarts: number };

/**
 * Whether a restart now counts toward the back-off: the loop failed or timed out, or the sweeper's own
 * last restart of this entry never started (StartExecution failed). One that was stopped or ended, or
 * that never started without a restart before it, starts at once.
 */
function backsOff(topic: Restartable, reason: RecoveryReason, now: Date): boolean {
  if (reason === "failed" || reason === "timedOut") return true;
  return reason === "neverStarted" && streakOf(topic, now) > 0;
}

/** Whether the sweeper restarts a stranded topic now, later (backing off), or no more. */
export function restartDue(topic: Restartable, reason: RecoveryReason, now: Date): RestartDue {
  const count = streakOf(topic, now);
  if (count === 0 || !backsOff(topic, reason, now)) return { kind: "now" };
  if (count >= restartBackOff.maxRestarts) return { kind: "givenUp", restarts: count };
  const at = new Date(Date.parse(topic.restarts?.lastAt ?? "") + 2 ** (count - 1) * hour);
  const slack = restartBackOff.slackMinutes * 60_000;
  return at.getTime() - slack <= now.getTime() ? { kind: "now" } : { kind: "later", at };
}

/**
 * The streak to record with a restart the sweeper makes now; undefined when the restart does not
 * count toward the back-off, and the stored streak stays as it is (only a re-drive clears it).
 */
export function streakAfterRestart(
  topic: Restartable,
  reason: RecoveryReason,
  now: Date,
): RestartStreak | undefined {
  if (!backsOff(topic, reason, now)) return undefined;
  return { stepSeq: topic.stepSeq, count: streakOf(topic, now) + 1, lastAt: now.toISOString() };
}

/**
 * Every execution of a topic is named `<topic id>-…` (ids are ULIDs, without dashes): the topic an
 * execution carries, from its name alone.
 */
export function topicOfExecution(executionName: string): string {
  const dash = executionName.indexOf("-");
  return dash < 0 ? executionName : executionName.slice(0, dash);
}

/**
 * A recovery records its execution's name, then starts it: another sweep reading the topic in between
 * finds a name Step Functions does not know yet. For the hourly sweep, whatever its grace period, such
 * a name recorded within this many seconds is a start on its way, not a start that never happened.
 * A re-drive (someone asked: a start that failed is tried again at once) and the local start-up (no
 * start can be on its way) do not wait for it.
 */
export const recoveryStartSeconds = 120;

/**
 * Whether `executionName` is a recovery's, recorded less than `withinSeconds` from `now` (either
 * side: two sweeps' clocks need not agree to the second).
 */
export function recoveryInFlight(
  executionName: string | undefined,
  now: Date,
  withinSeconds: number,
): boolean {
  const runAt = executionName?.match(/-r\d+-([0-9a-z]+)$/)?.[1];
  if (!runAt) return false;
  const age = now.getTime() - Number.parseInt(runAt, 36);
  return Math.abs(age) < withinSeconds * 1000;
}

/**
 * The name of a recovery's execution: one per topic, step entry and run, so a retried start of the
 * same run is a no-op (StartExecution is idempotent by name) and a later run starts a new one.
 * Within Step Functions' 80 characters: 26 (id) + 2 + up to 6 + 1 + up to 11.
 */
export function recoveryExecutionName(topicId: string, stepSeq: number, runAt: Date): string {
  return `${topicId}-r${stepSeq}-${runAt.getTime().toString(36)}`;
}
