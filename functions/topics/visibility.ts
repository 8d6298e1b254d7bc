/** Which topics a caller may read: a topic they may not see answers exactly as an absent one. */
import { canSeeStation, type Principal } from "../domain/access";
import { NotFoundError } from "../domain/errors";
import { visibleMemberStations } from "../registry/member-stations";
import { getTopic, type StoredTopic } from "./store/topics";

/** Stations whose topics the caller may read; undefined means all (admin). */
export async function readableStations(principal: Principal): Promise<readonly string[] | undefined> {
  if (principal.role === "admin") return undefined;
  if (principal.role === "staff") return principal.stationIds;
  return visibleMemberStations(principal);
}

/** The topic, if the caller may see it; its existence is not disclosed otherwise. */
export async function readVisibleTopic(principal: Principal, topicId: string): Promise<StoredTopic> {
  const topic = await getTopic(topicId);
  if (!canSeeStation(principal, topic.stationId, await visibleMemberStations(principal)))
    throw new NotFoundError("topic", topicId);
  return topic;
}

/** For the delivery log: the caller may read this topic, or it answers as absent. */
export const noticeSubjects = {
  async assertCanReadTopic(principal: Principal, topicId: string): Promise<void> {
    await readVisibleTopic(principal, topicId);
  },
};
