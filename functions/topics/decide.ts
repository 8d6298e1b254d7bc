/**
 * Decisions staff take on a topic's current step — complete it with its evidence, send it back,
 * decline it. A decision is recorded on the topic in one conditional write, then handed to the
 * topic's execution (deliver.ts); the write is conditioned on the version read, so of two identical
 * decisions one lands and the other, re-checked on a fresh read, answers 409.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { assertConsultation, consultationWrites } from "../activities/consultation";
import { type CounterChanges, counterWrites } from "../activities/store/tally";
import { assertCanChangeStation, type Principal, requireWriter } from "../domain/access";
import { ConflictError } from "../domain/errors";
import { type Calendars, localDate } from "../domain/topics/calendar";
import { decideComplete, decideReject, decideReturn } from "../domain/topics/lifecycle";
import type { TopicStep } from "../domain/topics/steps";
import { config } from "../kernel/config";
import { logError } from "../kernel/log";
import { retryStaleWrites } from "../kernel/retry";
import type { NotificationRequest, PreparedNotice } from "../notices/notifier";
import { sourceNotices } from "./announce";
import { handOver } from "./deliver";
import { entryNotice } from "./entry-notice";
import { stepCompletionCounts } from "./loop-counts";
import { planStep } from "./plan-step";
import { actorOf, policyOf, stateOf } from "./present";
import { assertResearch } from "./research";
import type { TopicServices } from "./services";
import { calendarsInForce } from "./store/calendars";
import {
  CompanionWriteRefused,
  type Decision,
  type NewTopicEvent,
  type StoredTopic,
  saveTopic,
} from "./store/topics";
import { readVisibleTopic } from "./visibility";

/** What a decision does to the topic, and what the timeline says about it. */
interface DecisionPlan {
  readonly outcome: Decision["outcome"];
  readonly change: (topic: StoredTopic) => StoredTopic;
  readonly events: readonly NewTopicEvent[];
  /** Records the decision brings with it, written only if not written before (CompanionWriteRefused). */
  readonly alsoWrite?: readonly TransactWriteItem[];
  /**
   * Counters the decision adds (a step completed, decision 0027), always written with it; `alsoWrite`,
   * when it has writes, carries them already (summed into its own updates of the same items).
   */
  readonly counts?: CounterChanges;
  /**
   * It moves the topic to a step (planned by `change`), which it enters at once: the person
   * responsible is told with the decision, and the execution only parks its wait there.
   */
  readonly enters?: boolean;
  /** Whom else it tells, written with it (the sources of a topic it closes), given the topic decided. */
  readonly tells?: (decided: StoredTopic) => Promise<readonly NotificationRequest[]>;
}

export interface DecisionRequest {
  readonly principal: Principal;
  readonly topicId: string;
  /** The version the client saw (If-Match), when it sent one. */
  readonly ifMatch: number | undefined;
}

/** A topic the caller may change, at the version the client saw (If-Match), if they sent one. */
export async function readTopicToChange(call: DecisionRequest): Promise<StoredTopic> {
  const topic = await readVisibleTopic(call.principal, call.topicId);
  assertCanChangeStation(call.principal, topic.stationId);
  if (call.ifMatch !== undefined && topic.version !== call.ifMatch)
    throw new ConflictError("version_mismatch", topic.version);
  return topic;
}

/** A topic to decide on: as `readTopicToChange`, and any decision still in flight pushed on. */
async function readTopicToDecide(services: TopicServices, call: DecisionRequest): Promise<StoredTopic> {
  const topic = await readTopicToChange(call);
  // A decision still on its way to the execution gets another push; this one is recorded all the
  // same (the execution follows the topic to wherever its decisions have taken it).
  if (topic.status === "open" && topic.pendingDecision) await handOver(services, topic);
  return topic;
}

/** The writes a decision brings, besides the topic and its timeline. */
interface DecisionWrites {
  /** Records the decision brings (`alsoWrite`), or its counters alone. */
  readonly companions: readonly TransactWriteItem[];
  /** The counters alone: what goes when a record it brings was written before. */
  readonly countOnly: readonly TransactWriteItem[];
  /** Its notices (unguarded: they commit with it, once): the step it enters, the sources told. */
  readonly notices: readonly PreparedNotice[];
}

/**
 * Saves the decision with what it brings, in one request. A record it brings that was written before
 * (a consultation counted once) goes: the decision is saved without it.
 */
async function saveDecision(
  topic: StoredTopic,
  decided: (current: StoredTopic) => StoredTopic,
  events: readonly NewTopicEvent[],
  now: Date,
  writes: DecisionWrites,
): Promise<StoredTopic> {
  const noticeWrites = writes.notices.flatMap((notice) => notice.writes);
  const save = (companions: readonly TransactWriteItem[]) =>
    saveTopic(topic, decided, events, now, { alsoWrite: [...companions, ...noticeWrites] });
  const saved = await save(writes.companions).catch((error: unknown) => {
    // Its notices carry no condition: only a record it brings can be refused.
    if (!(error instanceof CompanionWriteRefused)) throw error;
    return save(writes.countOnly);
  });
  for (const notice of writes.notices) await notice.committed();
  return saved;
}

/** Sources told in the decision's own transaction (topic, events and counters take a few items). */
const sourcesWithDecision = 20;

/**
 * The sources beyond those: each recorded on its own (guarded by its key), a failure logged for the
 * county office to follow up; the decision stands.
 */
async function tellAfter(services: TopicServices, requests: readonly NotificationRequest[]) {
  for (const request of requests) {
    try {
      await services.notifier.send(request);
    } catch (error) {
      logError("the source of a closed topic could not be told", { topicId: request.topicId }, error);
    }
  }
}

async function takeDecision(
  services: TopicServices,
  call: DecisionRequest,
  plan: (topic: StoredTopic, now: Date, calendars: Calendars) => DecisionPlan,
): Promise<StoredTopic> {
  requireWriter(call.principal);
  const calendars = await calendarsInForce();
  let toldAfter: readonly NotificationRequest[] = [];
  const saved = await retryStaleWrites(async () => {
    const topic = await readTopicToDecide(services, call);
    const now = services.now();
    const {
      outcome,
      change,
      events,
      alsoWrite = [],
      counts,
      enters = false,
      tells,
    } = plan(topic, now, calendars);
    const countOnly = counts ? counterWrites(topic.stationId, counts) : [];
    const seq = topic.decisionSeq + 1;
    // The token stays until the decision is known delivered (the entry the execution makes next drops
    // both), so that a delivery that fails here can be pushed again.
    const decided = (current: StoredTopic) => {
      const next = change(current);
      return {
        ...next,
        ...(enters ? { enteredSeq: next.stepSeq } : {}),
        decisionSeq: seq,
        pendingDecision: { outcome, step: next.step, decidedAt: topic.step, seq },
      };
    };
    // The decision commits once (on the revision read), and its notices with it: no guard needed.
    // A transaction holds 100 items: sources beyond the first few are told after it (toldAfter).
    const decidedTopic = decided(topic);
    const told = (await tells?.(decidedTopic)) ?? [];
    const requests = [
      ...(enters ? [await entryNotice(decidedTopic)] : []),
      ...told.slice(0, sourcesWithDecision),
    ];
    toldAfter = told.slice(sourcesWithDecision);
    const notices = requests.map((request) => services.notifier.prepare(request, { unique: true }));
    const companions = alsoWrite.length ? alsoWrite : countOnly;
    return saveDecision(topic, decided, events, now, { companions, countOnly, notices });
  });
  // Without a parked token, the execution takes the decision when it next parks one.
  await handOver(services, saved);
  await tellAfter(services, toldAfter);
  return saved;
}

/** What the source was told at 办理反馈 (the feedback step's summary), for the closing notice. */
const outcomeGivenBack = (topic: StoredTopic) =>
  (topic.evidence.feedback as { feedbackToSource?: { summary?: string } } | undefined)?.feedbackToSource
    ?.summary ?? "";

/** 完成当前环节: the step in the path must be the current one; the last step closes the topic. */
export async function completeStep(
  services: TopicServices,
  call: DecisionRequest,
  step: TopicStep,
  evidence: unknown,
): Promise<StoredTopic> {
  const withEvidence = (t: StoredTopic) => ({ ...t, evidence: { ...t.evidence, [step]: evidence } });
  const today = localDate(services.now(), config().timeZone);
  // The meeting becomes the station's consultation: it must be one an activity could record.
  if (step === "consult") await assertConsultation(evidence, today);
  if (step === "research") await assertResearch(evidence, today);
  return takeDecision(services, call, (topic, now, calendars) => {
    const decided = decideComplete(stateOf(topic), step);
    const at = now.toISOString();
    const completed: NewTopicEvent = {
      at,
      kind: "step_completed",
      step: topic.step,
      actor: actorOf(call.principal),
    };
    if ("close" in decided) {
      return {
        outcome: "close",
        change: (t) => ({ ...withEvidence(t), status: "closed", closedAs: "completed", closedAt: at }),
        events: [completed, { at, kind: "closed", step: topic.step, details: { closedAs: "completed" } }],
        counts: stepCompletionCounts(topic, now, true),
        tells: (closed) => sourceNotices(closed, "closed", outcomeGivenBack(closed)),
      };
    }
    const next = planStep(withEvidence(topic), decided.next, now, calendars);
    // 开展协商 done: one consultation of the station, counted with the step's completion, once.
    const counts = stepCompletionCounts(topic, now, false);
    const alsoWrite = step === "consult" ? consultationWrites(topic, evidence, now, counts) : undefined;
    return {
      outcome: "advance",
      change: () => next.topic,
      events: [completed, next.event],
      alsoWrite,
      counts,
      enters: true,
    };
  });
}

/** 退回: from the step the caller saw back to an earlier one, with a reason. */
export function returnTopic(
  services: TopicServices,
  call: DecisionRequest,
  sendBack: { readonly step: TopicStep; readonly toStep: TopicStep; readonly reason: string },
): Promise<StoredTopic> {
  const { toStep, reason } = sendBack;
  return takeDecision(services, call, (topic, now, calendars) => {
    const decided = decideReturn(stateOf(topic), sendBack.step, toStep, policyOf(topic));
    const next = planStep({ ...topic, returns: decided.returns }, decided.step, now, calendars);
    const returned: NewTopicEvent = {
      at: now.toISOString(),
      kind: "returned",
      step: topic.step,
      actor: actorOf(call.principal),
      details: { toStep, reason },
    };
    return { outcome: "return", change: () => next.topic, events: [returned, next.event], enters: true };
  });
}

/** 不予采纳: only while determining the topic; whoever raised it is told why. */
export function rejectTopic(
  services: TopicServices,
  call: DecisionRequest,
  decline: { readonly step: TopicStep; readonly reason: string },
): Promise<StoredTopic> {
  const { reason } = decline;
  return takeDecision(services, call, (topic, now) => {
    decideReject(stateOf(topic), decline.step);
    const at = now.toISOString();
    return {
      outcome: "close",
      change: (t) => ({ ...t, status: "closed", closedAs: "rejected", closedAt: at }),
      events: [
        { at, kind: "rejected", step: topic.step, actor: actorOf(call.principal), details: { reason } },
        { at, kind: "closed", step: topic.step, details: { closedAs: "rejected" } },
      ],
      tells: (closed) => sourceNotices(closed, "rejected", reason),
    };
  });
}
