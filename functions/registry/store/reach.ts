/**
 * What a member reaches: the stations they serve at and the topics they take part in by invitation
 * (decision 0024 addendum). Both sit in the member's GSI1 partition, so one Query reads them.
 */
import { getItem, queryAll } from "../../kernel/table/items";
import { memberReach, topicParticipantKey } from "../../kernel/table/keys";

/** A topic a member takes part in (an accepted invitation), with the station it belongs to. */
export interface Participation {
  readonly topicId: string;
  readonly stationId: string;
}

export interface Reach {
  readonly stationIds: readonly string[];
  readonly topics: readonly Participation[];
}

/** The member's memberships and participations, in one Query of their GSI1 partition. */
export async function reachOfMember(memberId: string): Promise<Reach> {
  const items = await queryAll<{ stationId: string; topicId?: string }>({
    index: "GSI1",
    partition: { name: "GSI1PK", value: memberReach(memberId) },
  });
  const stationIds: string[] = [];
  const topics: Participation[] = [];
  for (const item of items) {
    if (item.topicId) topics.push({ topicId: item.topicId, stationId: item.stationId });
    else stationIds.push(item.stationId);
  }
  return { stationIds, topics };
}

/**
 * Whether the member takes part in the topic, read from the topic's partition (consistently: right
 * after accepting, before the index has it, and for participants recorded before it was indexed).
 */
export async function takesPartIn(topicId: string, memberId: string): Promise<boolean> {
  return (await getItem(topicParticipantKey(topicId, memberId))) !== undefined;
}
