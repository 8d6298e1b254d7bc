/** What an activity refers to must exist: its members in the county's roster, its topic at its station. */
import type { FieldProblem } from "../domain/errors";
import type { ActivityFields } from "../domain/quota/activities";
import { getItem } from "../kernel/table/items";
import { topicKey } from "../kernel/table/keys";
import { getMembers } from "../registry/store/members";

/** Members present who are not registered, as problems of `memberIds.<index>`. */
export async function unknownMemberProblems(memberIds: readonly string[]): Promise<FieldProblem[]> {
  const known = new Set((memberIds.length ? await getMembers(memberIds) : []).map((member) => member.id));
  return memberIds.flatMap((memberId, index) =>
    known.has(memberId)
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
