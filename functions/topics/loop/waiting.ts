/**
 * How long a step's execution waits before it looks again: until the next alarm of the deadline, or
 * briefly, when a decision is waiting to be picked up. And when an execution hands over to a fresh one.
 */
import { type Alarm, planAlarms } from "../../domain/topics/alarms";
import type { Calendars } from "../../domain/topics/calendar";
import type { TopicStep } from "../../domain/topics/steps";
import { config } from "../../kernel/config";
import { policyOf } from "../present";
import type { StoredTopic } from "../store/topics";

export interface StepState {
  readonly topicId: string;
  readonly step: TopicStep;
  readonly waitSeconds: number;
}

export interface RemindState extends StepState {
  /** Hand over to a fresh execution before this one's history grows long. */
  readonly restart: boolean;
}

/**
 * The wait re-armed to pick up a waiting decision: the Await step's function delivers it to its own
 * token as it parks it, so the wait only has to outlast one invocation (a cold start included).
 */
export const pickUpSeconds = 5;

/**
 * Wake-ups one execution may take before it hands over. Each costs about 13 history events (Await
 * step: entered, scheduled, started, submitted, timed out, exited; Remind: entered, scheduled,
 * started, succeeded, exited; Hand over?: entered, exited), so 500 stay under 6,500 of the 25,000
 * Step Functions allows, with ample room for the steps, returns and retries of the same execution.
 */
export const maxWakeUpsPerExecution = 500;

/**
 * Age at which an execution hands over: Step Functions ends a Standard execution after a year, and a
 * step may legitimately wait longer (a long deadline, an extension, a slow department).
 */
export const maxExecutionAgeDays = 300;

export const tooOld = (startedAt: string | undefined, now: Date) =>
  startedAt !== undefined &&
  now.getTime() - new Date(startedAt).getTime() >= maxExecutionAgeDays * 86_400_000;

/** The alarms due now and the wait until the next one. */
export function planFor(topic: StoredTopic, now: Date, calendars: Calendars) {
  if (!topic.deadline) return { due: [] as Alarm[], waitSeconds: 1 };
  return planAlarms({
    deadline: new Date(topic.deadline),
    sent: topic.alarmsSent.map((sent) => ({
      key: sent.key as Alarm["key"],
      deadline: new Date(sent.deadline),
    })),
    now,
    policy: policyOf(topic),
    calendars,
    timeZone: config().timeZone,
    ...(topic.deadlineSetAt ? { since: new Date(topic.deadlineSetAt) } : {}),
  });
}

/**
 * A decision on the awaited step is recorded but the execution has not received it (its token was not
 * parked yet, or had gone stale), or the topic moved on without this execution: wake at once.
 */
export const decisionWaiting = (topic: StoredTopic, step: TopicStep) =>
  topic.pendingDecision?.decidedAt === step ||
  topic.status === "closed" ||
  // The topic moved on (or back) without this execution: its alarms are not this step's to send.
  topic.step !== step ||
  topic.enteredSeq !== topic.stepSeq;

/**
 * The least wait of a step's entry. Its timeout is set before its function runs (the Enter step
 * parks its token, and records an entry nobody decided, in one invocation), so it must outlast that invocation, a
 * cold start included; an earlier alarm is sent that much late.
 */
export const minimumEntrySeconds = 60;

/**
 * The wait of the Enter step that follows a decision or a registration: until the first alarm of the
 * step's planned deadline. Computed by whoever hands the step over, since the state machine needs it
 * before the entry runs; a step not planned yet is planned by its entry, and the first wake-up (after
 * the minimum) plans its alarms; alarms due already are sent at the first wake-up, the minimum on.
 */
export function entryWait(topic: StoredTopic, now: Date, calendars: Calendars): number {
  const plan = planFor(topic, now, calendars);
  // Alarms due already (a step entered late: a recovery, a decision delivered late): wake at the
  // minimum to send them, rather than at the next one still to come.
  if (plan.due.length > 0) return minimumEntrySeconds;
  return Math.max(minimumEntrySeconds, Math.ceil(plan.waitSeconds));
}

/** The wait after a task: a pick-up when a decision waits, else until the next alarm. */
export const nextWait = (topic: StoredTopic, step: TopicStep, now: Date, calendars: Calendars) =>
  decisionWaiting(topic, step) ? pickUpSeconds : planFor(topic, now, calendars).waitSeconds;
