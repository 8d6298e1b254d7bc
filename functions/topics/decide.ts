/**
 * Decisions staff take on a topic's current step — complete it with its evidence, send it back,
 * decline it. A decision is recorded on the topic in one conditional write, then handed to the
 * topic's execution (deliver.ts); the write is conditioned on the version read, so of two identical
 * decisions one lands and the other, re-checked on a fresh read, answers 409.
 */
import { assertCanChangeStation, type Principal, requireWriter } from "../domain/access";
import { ConflictError } from "../domain/errors";
import { decideComplete, decideReject, decideReturn } from "../domain/topics/lifecycle";
import type { TopicStep } from "../domain/topics/steps";
import { retryStaleWrites } from "../kernel/retry";
import { tellSources } from "./announce";
import { handOver } from "./deliver";
import { actorOf, policyOf, stateOf } from "./present";
import type { TopicServices } from "./services";
import { type Decision, type NewTopicEvent, type StoredTopic, saveTopic } from "./store/topics";
import { readVisibleTopic } from "./visibility";

/** What a decision does to the topic, and what the timeline says about it. */
interface DecisionPlan {
  readonly outcome: Decision["outcome"];
  readonly change: (topic: StoredTopic) => StoredTopic;
  readonly events: readonly NewTopicEvent[];
}

export interface DecisionRequest {
  readonly principal: Principal;
  readonly topicId: string;
  /** The version the client saw (If-Match), when it sent one. */
  readonly ifMatch: number | undefined;
}

/** A topic the caller may change, at the version the client saw, with no decision still in flight. */
export async function readTopicToDecide(
  services: TopicServices,
  call: DecisionRequest,
): Promise<StoredTopic> {
  const topic = await readVisibleTopic(call.principal, call.topicId);
  assertCanChangeStation(call.principal, topic.stationId);
  if (call.ifMatch !== undefined && topic.version !== call.ifMatch)
    throw new ConflictError("version_mismatch", topic.version);
  if (topic.status === "open" && (topic.pendingDecision || topic.enteredSeq !== topic.stepSeq)) {
    // A decision is still on its way to the execution: give it another push, then say so.
    await handOver(services, topic);
    throw new ConflictError("step_in_transition", topic.version);
  }
  return topic;
}

async function takeDecision(
  services: TopicServices,
  call: DecisionRequest,
  plan: (topic: StoredTopic, now: Date) => DecisionPlan,
): Promise<StoredTopic> {
  requireWriter(call.principal);
  const saved = await retryStaleWrites(async () => {
    const topic = await readTopicToDecide(services, call);
    const now = services.now();
    const { outcome, change, events } = plan(topic, now);
    const seq = topic.decisionSeq + 1;
    // The token stays until the decision is known delivered (deliver.ts drops both), so that a
    // delivery that fails here can be pushed again.
    return saveTopic(
      topic,
      (current) => {
        const next = change(current);
        return {
          ...next,
          decisionSeq: seq,
          pendingDecision: { outcome, step: next.step, decidedAt: topic.step, seq },
        };
      },
      events,
      now,
    );
  });
  // Without a parked token, the execution takes the decision when it next parks one.
  await handOver(services, saved);
  return saved;
}

/** The step entered next time: a new entry of a step gets fresh deadlines and alarms. */
const enterNext = (topic: StoredTopic, step: TopicStep): StoredTopic => ({
  ...topic,
  step,
  stepSeq: topic.stepSeq + 1,
  extensions: 0,
  alarmsSent: [],
});

/** 完成当前环节: the step in the path must be the current one; the last step closes the topic. */
export async function completeStep(
  services: TopicServices,
  call: DecisionRequest,
  step: TopicStep,
  evidence: unknown,
): Promise<StoredTopic> {
  const withEvidence = (t: StoredTopic) => ({ ...t, evidence: { ...t.evidence, [step]: evidence } });
  const saved = await takeDecision(services, call, (topic, now) => {
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
      };
    }
    return {
      outcome: "advance",
      change: (t) => enterNext(withEvidence(t), decided.next),
      events: [completed],
    };
  });
  if (saved.status === "closed") await tellSources(services, saved, "topic_closed", "");
  return saved;
}

/** 退回: back to an earlier step, with a reason. */
export function returnTopic(
  services: TopicServices,
  call: DecisionRequest,
  toStep: TopicStep,
  reason: string,
): Promise<StoredTopic> {
  return takeDecision(services, call, (topic, now) => {
    const decided = decideReturn(stateOf(topic), toStep, policyOf(topic));
    return {
      outcome: "return",
      change: (t) => enterNext({ ...t, returns: decided.returns }, decided.step),
      events: [
        {
          at: now.toISOString(),
          kind: "returned",
          step: topic.step,
          actor: actorOf(call.principal),
          details: { toStep, reason },
        },
      ],
    };
  });
}

/** 不予采纳: only while determining the topic; whoever raised it is told why. */
export async function rejectTopic(
  services: TopicServices,
  call: DecisionRequest,
  reason: string,
): Promise<StoredTopic> {
  const saved = await takeDecision(services, call, (topic, now) => {
    decideReject(stateOf(topic));
    const at = now.toISOString();
    return {
      outcome: "close",
      change: (t) => ({ ...t, status: "closed", closedAs: "rejected", closedAt: at }),
      events: [
        { at, kind: "rejected", step: topic.step, actor: actorOf(call.principal), details: { reason } },
        { at, kind: "closed", step: topic.step, details: { closedAs: "rejected" } },
      ],
    };
  });
  await tellSources(services, saved, "topic_rejected", reason);
  return saved;
}
