/** What an activity refers to must exist: its members in the county's roster, its topic at its station. */
import type { FieldProblem } from "../domain/errors";
import type { ActivityFields } from "../domain/quota/activities";
import { tableName } from "../kernel/table/client";
import { getItem } from "../kernel/table/items";
import { topicKey } from "../kernel/table/keys";
import { getMembers } from "../registry/store/members";

/**
 * Members this process has seen registered, by table. No member is ever deleted (the roster keeps
 * everyone who served; no route removes one), so once seen, a member stays known: a station's
 * members, named again at each step and activity, are read once per warm instance rather than at
 * every decision. Should members ever be deleted, this must go.
 */
const registeredMembers = new Set<string>();
const registeredRemembered = 10_000;

async function registered(memberIds: readonly string[]): Promise<(memberId: string) => boolean> {
  const seen = (memberId: string) => registeredMembers.has(`${tableName()} ${memberId}`);
  const unseen = memberIds.filter((memberId) => !seen(memberId));
  if (unseen.length) {
    if (registeredMembers.size >= registeredRemembered) registeredMembers.clear();
    for (const member of await getMembers(unseen)) registeredMembers.add(`${tableName()} ${member.id}`);
  }
  return seen;
}

/** Members present who are not registered, as problems of `memberIds.<index>`. */
export async function unknownMemberProblems(memberIds: readonly string[]): Promise<FieldProblem[]> {
  const known = await registered(memberIds);
  return memberIds.flatMap((memberId, index) =>
    known(memberId)
      ? []
      : [
          {
            field: `memberIds.${index}`,
            code: "not_found",
            message: "member_unknown",
            params: { id: memberId },
          },
        ],
  );
}

async function topicProblems(stationId: string, topicId: string | undefined): Promise<FieldProblem[]> {
  if (!topicId) return [];
  const topic = await getItem<{ stationId?: string }>(topicKey(topicId));
  return topic?.stationId === stationId
    ? []
    : [{ field: "topicId", code: "not_found", message: "topic_unknown", params: { id: topicId } }];
}

/** Members that are not registered, and a topic that is not the station's, as field problems. */
export async function referenceProblems(stationId: string, fields: ActivityFields): Promise<FieldProblem[]> {
  const [members, topic] = await Promise.all([
    unknownMemberProblems(fields.memberIds),
    topicProblems(stationId, fields.topicId),
  ]);
  return [...members, ...topic];
}
