/**
 * The topic loop's tasks (docs/decisions/0006-topic-loop.md): enter a step, park the wait's token,
 * remind and escalate, resume after a restart. Each is safe to run twice: the topic's version
 * condition lets one run's change land, and every notice has an idempotency key.
 */

import { ConflictError, NotFoundError } from "../../domain/errors";
import { localDateTime } from "../../domain/local-time";
import { type Alarm, planAlarms } from "../../domain/topics/alarms";
import type { Calendars } from "../../domain/topics/calendar";
import { resolvePolicy, stepDeadline, type TopicPolicy } from "../../domain/topics/policy";
import { stepNames, type TopicStep } from "../../domain/topics/steps";
import { clock } from "../../kernel/clock";
import { config } from "../../kernel/config";
import type { Notifier } from "../../notices/notifier";
import type { TemplateId } from "../../notices/templates";
import type { Station } from "../../registry/contracts";
import { getStation } from "../../registry/store/stations";
import { type Addressee, addresseeOf, ladderAddressee } from "../recipients";
import { calendarsInForce } from "../store/calendars";
import { type Decision, getTopic, type NewTopicEvent, type StoredTopic, saveTopic } from "../store/topics";
import { deliverDecision } from "./step-functions";

export interface StepState {
  readonly topicId: string;
  readonly step: TopicStep;
  readonly waitSeconds: number;
}

export interface RemindState extends StepState {
  /** Hand over to a fresh execution before this one's history grows long. */
  readonly restart: boolean;
}

/** The failure Step Functions must not retry: the topic is gone. */
export class TopicNotFound extends Error {
  override readonly name = "TopicNotFound";
}

/** A notification could not be recorded or sent; the state machine retries the task. */
export class NotificationFailed extends Error {
  override readonly name = "NotificationFailed";
}

/**
 * Wake-ups one execution may take before it hands over. Each costs about 13 history events (Await
 * step: entered, scheduled, started, submitted, timed out, exited; Remind: entered, scheduled,
 * started, succeeded, exited; Hand over?: entered, exited), so 500 stay under 6,500 of the 25,000
 * Step Functions allows, with ample room for the steps, returns and retries of the same execution.
 */
export const maxWakeUpsPerExecution = 500;

export interface TaskContext {
  readonly notifier: Notifier;
  readonly now: () => Date;
}

/** The loop's own state (token, wake-ups, alarms sent): a client's ETag stays valid across it. */
const bookkeeping = { bookkeeping: true } as const;

export const policyOf = (topic: StoredTopic): TopicPolicy =>
  resolvePolicy({ deadlines: topic.deadlineOverrides });

async function load(topicId: string): Promise<StoredTopic> {
  try {
    return await getTopic(topicId);
  } catch (error) {
    if (error instanceof NotFoundError) throw new TopicNotFound(`topic ${topicId} does not exist`);
    throw error;
  }
}

/** Re-reads and re-applies a change that lost a version race, a few times. */
async function withTopic<T>(topicId: string, change: (topic: StoredTopic) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await change(await load(topicId));
    } catch (error) {
      if (!(error instanceof ConflictError) || error.reason !== "version_mismatch" || attempt >= 8)
        throw error;
    }
  }
}

const responsibleFor = (topic: StoredTopic, step: TopicStep) =>
  topic.stepResponsible[step] ?? topic.responsible;

function formatDeadline(deadline: string | undefined): string {
  return deadline ? localDateTime(deadline, config().timeZone) : "";
}

async function notify(
  context: TaskContext,
  topic: StoredTopic,
  addressee: Addressee,
  templateId: TemplateId,
  idempotencyKey: string,
  extra: Record<string, string> = {},
): Promise<void> {
  const language = addressee.recipient.language ?? config().defaultLanguage;
  try {
    await context.notifier.send({
      recipient: addressee.recipient,
      channel: addressee.channel,
      templateId,
      topicId: topic.id,
      idempotencyKey,
      variables: {
        recipientName: addressee.recipient.name,
        title: topic.title,
        stepName: stepNames[topic.step][language],
        deadline: formatDeadline(topic.deadline),
        responsibleName: responsibleFor(topic, topic.step).name,
        ...extra,
      },
    });
  } catch (error) {
    throw new NotificationFailed(error instanceof Error ? error.message : String(error));
  }
}

function plan(topic: StoredTopic, now: Date, calendars: Calendars) {
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
 * parked yet, or had gone stale): wake at once, so that the next parked wait delivers it.
 */
/**
 * The wait re-armed to pick up a waiting decision: the Await step's function delivers it to its own
 * token as it parks it, so the wait only has to outlast one invocation (a cold start included).
 */
export const pickUpSeconds = 5;

const decisionWaiting = (topic: StoredTopic, step: TopicStep) =>
  topic.pendingDecision?.decidedAt === step ||
  topic.status === "closed" ||
  // The topic moved on (or back) without this execution: its alarms are not this step's to send.
  topic.step !== step ||
  topic.enteredSeq !== topic.stepSeq;

export async function enterStep(
  context: TaskContext,
  input: { topicId: string; step: TopicStep },
): Promise<StepState> {
  const calendars = await calendarsInForce();
  const topic = await withTopic(input.topicId, async (current) => {
    if (
      current.enteredSeq === current.stepSeq ||
      current.step !== input.step ||
      current.status === "closed"
    ) {
      return current;
    }
    const now = context.now();
    const { deadline, yearsWithoutCalendar } = stepDeadline(
      input.step,
      now,
      policyOf(current),
      calendars,
      config().timeZone,
    );
    const responsible = responsibleFor(current, input.step);
    const event: NewTopicEvent = {
      at: now.toISOString(),
      kind: "step_started",
      step: input.step,
      details: {
        deadline: deadline.toISOString(),
        responsible: responsible.name,
        ...(yearsWithoutCalendar.length ? { yearsWithoutHolidayCalendar: yearsWithoutCalendar } : {}),
      },
    };
    return saveTopic(
      current,
      ({ pendingDecision, ...topic }) => ({
        ...topic,
        // The decision that led here has arrived: this entry is its delivery.
        ...(pendingDecision && pendingDecision.step !== input.step ? { pendingDecision } : {}),
        enteredSeq: topic.stepSeq,
        stepStartedAt: now.toISOString(),
        deadline: deadline.toISOString(),
        deadlineSetAt: now.toISOString(),
        alarmsSent: [],
        extensions: 0,
      }),
      [event],
      now,
    );
  });
  const entered = topic.step === input.step && topic.status === "open" && topic.enteredSeq === topic.stepSeq;
  if (entered) {
    // Outside the save: a retried task repeats the notice, whose key makes it one.
    await notify(
      context,
      topic,
      await addresseeOf(responsibleFor(topic, input.step)),
      "step_started",
      `${topic.id}:${topic.stepSeq}:started`,
    );
  }
  return {
    topicId: topic.id,
    step: input.step,
    waitSeconds: plan(topic, context.now(), calendars).waitSeconds,
  };
}

export async function resumeStep(
  context: TaskContext,
  input: { topicId: string; step: TopicStep },
): Promise<StepState> {
  const calendars = await calendarsInForce();
  const topic = await withTopic(input.topicId, async (current) =>
    current.wakeUps === 0
      ? current
      : saveTopic(current, (topic) => ({ ...topic, wakeUps: 0 }), [], context.now(), bookkeeping),
  );
  const waitSeconds = decisionWaiting(topic, input.step)
    ? pickUpSeconds
    : plan(topic, context.now(), calendars).waitSeconds;
  return { topicId: topic.id, step: input.step, waitSeconds };
}

/**
 * Parks the wait's token on the topic. When a decision is already waiting (taken before the token
 * was parked, or its delivery found a stale token), it is delivered to this token at once.
 */
export async function awaitStep(
  context: TaskContext,
  input: { topicId: string; step: TopicStep; taskToken: string },
): Promise<void> {
  const waiting = await withTopic(input.topicId, async (current): Promise<Decision | undefined> => {
    if (current.pendingDecision?.decidedAt === input.step) return current.pendingDecision;
    if (current.status === "closed") return closingDecision(current);
    // The topic is at another step than this execution (a second execution moved it, or a decision
    // was delivered elsewhere): follow it there rather than wait on a step that is over.
    if (current.step !== input.step || current.enteredSeq !== current.stepSeq)
      return catchingUp(current, input.step);
    await saveTopic(
      current,
      (topic) => ({ ...topic, taskToken: input.taskToken }),
      [],
      context.now(),
      bookkeeping,
    );
    return undefined;
  });
  if (waiting) await deliverPending(context, input.topicId, input.taskToken, waiting);
}

/**
 * Hands a recorded decision to the execution waiting on `token`, and forgets it only once delivered:
 * if the token is stale (the wait timed out meanwhile), the decision stays for the next wait.
 */
export async function deliverPending(
  context: TaskContext,
  topicId: string,
  token: string,
  decision: Decision,
): Promise<void> {
  if (await deliverDecision(token, decisionOutput(topicId, decision))) {
    await clearDelivered(context, topicId, decision);
  }
}

const catchingUp = (topic: StoredTopic, from: TopicStep): Decision => ({
  outcome: "advance",
  step: topic.step,
  decidedAt: from,
  // Not a recorded decision: nothing to clear once delivered.
  seq: -1,
});

const closingDecision = (topic: StoredTopic): Decision => ({
  outcome: "close",
  step: topic.step,
  decidedAt: topic.step,
  seq: topic.decisionSeq,
});

/** What SendTaskSuccess hands the execution: the state's output. */
const decisionOutput = (topicId: string, decision: Decision) => ({
  topicId,
  outcome: decision.outcome,
  step: decision.step,
});

/** Forgets a delivered decision, unless a newer one replaced it meanwhile. */
async function clearDelivered(context: TaskContext, topicId: string, decision: Decision): Promise<void> {
  await withTopic(topicId, async (current) => {
    if (current.pendingDecision?.seq !== decision.seq) return;
    await saveTopic(
      current,
      ({ pendingDecision: _delivered, taskToken: _used, ...topic }) => topic as StoredTopic,
      [],
      context.now(),
      bookkeeping,
    );
  });
}

const alarmTemplate = (alarm: Alarm): TemplateId =>
  alarm.kind === "before" ? "reminder_before" : alarm.kind === "due" ? "reminder_due" : "escalation";

async function addresseeForAlarm(
  topic: StoredTopic,
  alarm: Alarm,
  station: () => Promise<Station>,
): Promise<Addressee | undefined> {
  if (alarm.kind !== "escalate" || !alarm.level) return addresseeOf(responsibleFor(topic, topic.step));
  const { countyName } = config();
  const countyOffice = /\p{Script=Han}/u.test(countyName) ? `${countyName}政协办公室` : "县政协办公室";
  return ladderAddressee(alarm.level, await station(), countyOffice);
}

/**
 * Age at which an execution hands over: Step Functions ends a Standard execution after a year, and a
 * step may legitimately wait longer (a long deadline, an extension, a slow department).
 */
export const maxExecutionAgeDays = 300;

const tooOld = (startedAt: string | undefined, now: Date) =>
  startedAt !== undefined &&
  now.getTime() - new Date(startedAt).getTime() >= maxExecutionAgeDays * 86_400_000;

export async function remind(
  context: TaskContext,
  input: { topicId: string; step: TopicStep; executionStartedAt?: string | undefined },
): Promise<RemindState> {
  const calendars = await calendarsInForce();
  const first = await load(input.topicId);
  if (decisionWaiting(first, input.step))
    return { topicId: first.id, step: input.step, waitSeconds: pickUpSeconds, restart: false };
  let stationRecord: Station | undefined;
  const station = async () => {
    stationRecord ??= await getStation(first.stationId);
    return stationRecord;
  };

  const topic = await withTopic(input.topicId, async (current) => {
    if (decisionWaiting(current, input.step)) return current;
    const now = context.now();
    const { due } = plan(current, now, calendars);
    const events: NewTopicEvent[] = [];
    for (const alarm of due) {
      const addressee = await addresseeForAlarm(current, alarm, station);
      if (addressee) {
        await notify(
          context,
          current,
          addressee,
          alarmTemplate(alarm),
          `${current.id}:${current.stepSeq}:${alarm.key}:${alarm.deadline.toISOString()}`,
          { stationName: (await station()).name },
        );
      }
      events.push({
        at: now.toISOString(),
        kind: alarm.kind === "escalate" ? "escalated" : "reminder_sent",
        step: current.step,
        details: {
          alarm: alarm.key,
          deadline: alarm.deadline.toISOString(),
          ...(alarm.level ? { level: alarm.level } : {}),
          recipient: addressee ? addressee.recipient.name : null,
          ...(addressee ? {} : { skipped: "nobody_at_this_level" }),
        },
      });
    }
    return saveTopic(
      current,
      (topic) => ({
        ...topic,
        wakeUps: topic.wakeUps + 1,
        alarmsSent: [
          ...topic.alarmsSent,
          ...due.map((alarm) => ({ key: alarm.key, deadline: alarm.deadline.toISOString() })),
        ],
      }),
      events,
      now,
      bookkeeping,
    );
  });
  const waitSeconds = decisionWaiting(topic, input.step)
    ? pickUpSeconds
    : plan(topic, context.now(), calendars).waitSeconds;
  return {
    topicId: topic.id,
    step: input.step,
    waitSeconds,
    restart: topic.wakeUps >= maxWakeUpsPerExecution || tooOld(input.executionStartedAt, context.now()),
  };
}

export const taskContext = (notifier: Notifier): TaskContext => ({ notifier, now: () => clock().now() });
