/**
 * Hands a recorded decision to the execution waiting for it. The API calls this right after a
 * decision is recorded; the loop's Await step calls it when it parks a token and finds a decision
 * already waiting. A decision is forgotten only once delivered, so none is ever lost.
 */
import { addToLogScope, logError } from "../kernel/log";
import { retryStaleWrites } from "../kernel/retry";
import { entryWait } from "./loop/waiting";
import type { TopicServices } from "./services";
import { calendarsInForce } from "./store/calendars";
import { type Decision, getTopic, type StoredTopic, saveTopic } from "./store/topics";

/** The loop's own state (token, wake-ups, alarms sent): a client's ETag stays valid across it. */
export const bookkeeping = { bookkeeping: true } as const;

/**
 * Hands `decision` to the wait on `token`; false when the token is stale (the decision waits on).
 * `topic` is the topic as the decision left it: the wait of the step it enters is planned from it.
 */
async function deliver(services: TopicServices, topic: StoredTopic, token: string, decision: Decision) {
  const waitSeconds = entryWait(topic, services.now(), await calendarsInForce());
  return services.loop.deliver(token, {
    topicId: topic.id,
    outcome: decision.outcome,
    step: decision.step,
    waitSeconds,
  });
}

/**
 * The loop's own delivery (a decision found waiting when a token is parked): delivered, it is
 * forgotten at once; if the token is stale, it stays for the next wait.
 */
export async function deliverPending(
  services: TopicServices,
  topic: StoredTopic,
  token: string,
  decision: Decision,
): Promise<void> {
  if (await deliver(services, topic, token, decision)) await clearDelivered(services, topic.id, decision);
}

/** Forgets a delivered decision (and the token it used), unless a newer one replaced it meanwhile. */
async function clearDelivered(services: TopicServices, topicId: string, decision: Decision): Promise<void> {
  await retryStaleWrites(async () => {
    const current = await getTopic(topicId);
    if (current.pendingDecision?.seq !== decision.seq) return;
    await saveTopic(
      current,
      ({ pendingDecision: _delivered, taskToken: _used, ...topic }) => topic as StoredTopic,
      [],
      services.now(),
      bookkeeping,
    );
  });
}

/**
 * After a request recorded a decision: the decision is committed already, so no failure here may fail
 * the request. A stale token means the execution takes it when it next waits; anything else (a
 * throttle, a network error) is logged, and the next request or the execution's next wake-up delivers it.
 *
 * The request does not forget the delivered decision itself (two more table requests on its path, and
 * a race with the execution, which writes the topic at once): the step the execution enters next
 * drops it with the entry (enter-step.ts). Until then a repeated delivery meets a used token, which
 * the loop refuses, so the decision is never taken twice. A closing decision stays on the closed topic.
 */
export async function handOver(services: TopicServices, topic: StoredTopic): Promise<void> {
  const decision = topic.pendingDecision;
  if (!topic.taskToken || !decision) return;
  // The execution the decision goes to: the request's lines meet that execution's.
  if (topic.executionName) addToLogScope({ executionName: topic.executionName });
  try {
    await deliver(services, topic, topic.taskToken, decision);
  } catch (error) {
    logError(
      "decision recorded but not handed to the topic loop yet",
      { topicId: topic.id, decisionSeq: decision.seq },
      error,
    );
  }
}
