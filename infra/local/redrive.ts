/**
 * After a restart of the local stack no execution survives (the local runtime keeps them in memory),
 * while the table still holds every open topic at its step. This starts one execution per open topic
 * from its stored step: `resume` when the step had been entered (deadline and alarms stand), a fresh
 * entry when it had not. A decision taken but not delivered is picked up by the first parked wait.
 */

import { type LoopInput, startTopicLoop } from "../../functions/topics/loop/step-functions";
import { openTopics, type StoredTopic } from "../../functions/topics/store/topics";

export function resumeInput(topic: StoredTopic): LoopInput {
  return { topicId: topic.id, step: topic.step, resume: topic.enteredSeq === topic.stepSeq };
}

export async function redriveOpenTopics(runId: string = Date.now().toString(36)): Promise<number> {
  const topics = await openTopics();
  for (const topic of topics) await startTopicLoop(resumeInput(topic), `${topic.id}-resume-${runId}`);
  return topics.length;
}
