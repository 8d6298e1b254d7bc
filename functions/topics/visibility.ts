/**
 * Which topics a caller may read: a topic they may not see answers exactly as an absent one. A member
 * reads the topics of the stations they serve at and the topics they take part in by invitation
 * (decision 0024 addendum); either way with the same masking of personal data (present.ts).
 */
import { canSeeStation, type Principal } from "../domain/access";
import { NotFoundError } from "../domain/errors";
import { visibleMemberReach } from "../registry/member-stations";
import { takesPartIn } from "../registry/store/reach";
import { getTopic, type StoredTopic, type TopicFilter } from "./store/topics";

/** What a caller may list: topics of these stations, or these topics; undefined means all (admin). */
export interface ReadableTopics {
  readonly stationIds: readonly string[];
  readonly topics: readonly { readonly topicId: string; readonly stationId: string }[];
}

export async function readableTopics(principal: Principal): Promise<ReadableTopics | undefined> {
  if (principal.role === "admin") return undefined;
  if (principal.role === "staff") return { stationIds: principal.stationIds, topics: [] };
  return visibleMemberReach(principal);
}

/**
 * The part of the topic filter that keeps a list to what the caller may read: one station's topics
 * (all of them, or those the member takes part in), or every readable one. A station the caller
 * reaches nothing of answers as absent.
 */
export function readableFilter(
  readable: ReadableTopics | undefined,
  stationId: string | undefined,
): Pick<TopicFilter, "stationId" | "readable"> {
  if (!readable) return stationId ? { stationId } : {};
  if (!stationId)
    return { readable: { stationIds: readable.stationIds, topicIds: readable.topics.map((t) => t.topicId) } };
  if (readable.stationIds.includes(stationId)) return { stationId };
  const topicIds = readable.topics.filter((t) => t.stationId === stationId).map((t) => t.topicId);
  if (topicIds.length === 0) throw new NotFoundError("station", stationId);
  return { stationId, readable: { stationIds: [], topicIds } };
}

/** The topic, if the caller may see it; its existence is not disclosed otherwise. */
export async function readVisibleTopic(principal: Principal, topicId: string): Promise<StoredTopic> {
  if (principal.role !== "member") {
    const topic = await getTopic(topicId);
    if (!canSeeStation(principal, topic.stationId)) throw new NotFoundError("topic", topicId);
    return topic;
  }
  const [topic, reach] = await Promise.all([getTopic(topicId), visibleMemberReach(principal)]);
  if (reach.stationIds.includes(topic.stationId) || reach.topics.some((t) => t.topicId === topicId))
    return topic;
  // Not in the index (yet): a participant who accepted a moment ago, or one recorded before it was.
  if (principal.memberId && (await takesPartIn(topicId, principal.memberId))) return topic;
  throw new NotFoundError("topic", topicId);
}

/** For the delivery log: the caller may read this topic, or it answers as absent. */
export const noticeSubjects = {
  async assertCanReadTopic(principal: Principal, topicId: string): Promise<void> {
    await readVisibleTopic(principal, topicId);
  },
};
