/** Resuming a step in a fresh execution (after a restart, a redeploy or a hand-over). */
import type { TopicStep } from "../../domain/topics/steps";
import { retryStaleWrites } from "../../kernel/retry";
import { bookkeeping } from "../deliver";
import type { TopicServices } from "../services";
import { calendarsInForce } from "../store/calendars";
import { getTopic, saveTopic } from "../store/topics";
import { nextWait, type StepState } from "./waiting";

export async function resumeStep(
  services: TopicServices,
  input: { topicId: string; step: TopicStep },
): Promise<StepState> {
  const calendars = await calendarsInForce();
  const topic = await retryStaleWrites(async () => {
    const current = await getTopic(input.topicId);
    // A fresh execution starts its count of wake-ups afresh.
    if (current.wakeUps === 0) return current;
    return saveTopic(current, (t) => ({ ...t, wakeUps: 0 }), [], services.now(), bookkeeping);
  });
  return {
    topicId: topic.id,
    step: input.step,
    waitSeconds: nextWait(topic, input.step, services.now(), calendars),
  };
}
