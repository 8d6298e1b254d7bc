/**
 * Changing a topic's category (党政要事 / 民生实事 / …): the station's tally moves the topic's count
 * from the old category to the new one, in the same transaction as the topic (decision 0020).
 */
import { tallyWrite } from "../activities/store/tally";
import { requireWriter } from "../domain/access";
import { correctionDelta } from "../domain/quota/tally";
import { topicTallyDelta } from "../domain/topics/categories";
import { retryStaleWrites } from "../kernel/retry";
import { assertTopicCategory } from "./categories";
import type { TopicPatch } from "./contracts";
import { type DecisionRequest, readTopicToChange } from "./decide";
import { actorOf } from "./present";
import type { TopicServices } from "./services";
import { type StoredTopic, saveTopic } from "./store/topics";

export async function changeTopic(
  services: TopicServices,
  call: DecisionRequest,
  patch: TopicPatch,
): Promise<StoredTopic> {
  requireWriter(call.principal);
  const next = patch.category ?? undefined;
  return retryStaleWrites(async () => {
    const topic = await readTopicToChange(call);
    // Unchanged is fine even when the county has since retired that category.
    if (topic.category === next) return topic;
    assertTopicCategory(patch.category);
    const now = services.now();
    // Topics registered before tallies existed were never counted: nothing to move.
    const moved =
      topic.tallyYear === undefined
        ? []
        : tallyWrite(
            topic.stationId,
            topic.tallyYear,
            correctionDelta(
              topicTallyDelta(topic.category, topic.tallyDate),
              topicTallyDelta(next, topic.tallyDate),
            ),
          );
    return saveTopic(
      topic,
      ({ category: _old, ...rest }) => ({ ...rest, ...(next ? { category: next } : {}) }),
      [
        {
          at: now.toISOString(),
          kind: "category_changed",
          step: topic.step,
          actor: actorOf(call.principal),
          details: { from: topic.category ?? null, to: next ?? null },
        },
      ],
      now,
      { alsoWrite: moved },
    );
  });
}
