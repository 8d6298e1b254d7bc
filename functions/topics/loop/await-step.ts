/**
 * Parks the wait's token on the topic. When a decision is already waiting (taken before the token
 * was parked, or its delivery found a stale token), it is delivered to this token at once.
 */
import type { TopicStep } from "../../domain/topics/steps";
import { retryStaleWrites } from "../../kernel/retry";
import { bookkeeping, deliverPending } from "../deliver";
import type { TopicServices } from "../services";
import { type Decision, getTopic, parkTaskToken, type StoredTopic, saveTopic } from "../store/topics";

/** Not a recorded decision, only the execution following the topic: nothing to clear once delivered. */
const catchingUp = (topic: StoredTopic, from: TopicStep): Decision => ({
  outcome: "advance",
  step: topic.step,
  decidedAt: from,
  seq: -1,
});

const closingDecision = (topic: StoredTopic): Decision => ({
  outcome: "close",
  step: topic.step,
  decidedAt: topic.step,
  seq: topic.decisionSeq,
});

export async function awaitStep(
  services: TopicServices,
  input: { topicId: string; step: TopicStep; taskToken: string; executionName?: string | undefined },
): Promise<void> {
  // Mostly the token just parks: one request. Otherwise read the topic to see what waits.
  if (await parkTaskToken(input.topicId, input.step, input.taskToken, input.executionName)) return;
  type Waiting = { readonly decision: Decision; readonly topic: StoredTopic };
  const waiting = await retryStaleWrites(async (): Promise<Waiting | undefined> => {
    const current = await getTopic(input.topicId);
    const found = (decision: Decision) => ({ decision, topic: current });
    if (current.pendingDecision?.decidedAt === input.step) return found(current.pendingDecision);
    if (current.status === "closed") return found(closingDecision(current));
    // The topic is at another step than this execution (a second execution moved it, or a decision
    // was delivered elsewhere): follow it there rather than wait on a step that is over.
    if (current.step !== input.step || current.enteredSeq !== current.stepSeq)
      return found(catchingUp(current, input.step));
    await saveTopic(
      current,
      ({ pendingDecision: _arrived, ...t }) => ({
        // Any decision still recorded here moved the topic to this step: it has arrived.
        ...t,
        taskToken: input.taskToken,
        ...(input.executionName ? { executionName: input.executionName } : {}),
      }),
      [],
      services.now(),
      bookkeeping,
    );
    return undefined;
  });
  if (waiting) await deliverPending(services, waiting.topic, input.taskToken, waiting.decision);
}
