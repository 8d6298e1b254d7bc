/**
 * Collecting a 社情民意 item: from a resident (a name, contacts optional) or a member. Staff record
 * them for their stations, the county office anywhere, and a member for a station they serve at — in
 * their own name when the item is theirs. The item is counted in its station's tally of the year it
 * was received, in the same transaction.
 */
import type { Principal } from "../../domain/access";
import { ForbiddenError, NotFoundError, ValidationError } from "../../domain/errors";
import { submissionProblems } from "../../domain/quota/opinions";
import { localDate } from "../../domain/topics/calendar";
import { config } from "../../kernel/config";
import { newId } from "../../kernel/ids";
import { visibleMemberStations } from "../../registry/member-stations";
import { findMember } from "../../registry/store/members";
import { assertTopicCategory } from "../../topics/categories";
import type { OpinionCreate } from "../opinion-contracts";
import type { Opinion } from "../opinion-responses";
import { createOpinion, StationMissing, type StoredOpinion } from "../store/opinions";

const actorOf = (principal: Principal) => ({
  subject: principal.subject,
  ...(principal.name ? { name: principal.name } : {}),
});

/** Who may record an item for the station: admin, its staff, a member serving there. */
async function assertCanSubmit(principal: Principal, stationId: string): Promise<void> {
  const allowed =
    principal.role === "admin" ||
    (principal.role === "staff" && principal.stationIds.includes(stationId)) ||
    (principal.role === "member" && (await visibleMemberStations(principal)).includes(stationId));
  if (!allowed) throw new NotFoundError("station", stationId);
}

/** The member whose item it is, by name: a missing one is the field's problem. */
async function memberSubmitter(memberId: string): Promise<Opinion["submitter"]> {
  const member = await findMember(memberId);
  if (!member) {
    throw new ValidationError([
      { field: "memberId", code: "member_not_found", message: "member_not_found", params: { id: memberId } },
    ]);
  }
  return { name: member.name, memberId };
}

export async function collectOpinion(
  principal: Principal,
  stationId: string,
  body: OpinionCreate,
  now: Date,
): Promise<StoredOpinion> {
  if (principal.role === "member" && !principal.memberId) throw new ForbiddenError("read_only");
  const today = localDate(now, config().timeZone);
  const ownMemberId = principal.role === "member" ? principal.memberId : undefined;
  const problems = submissionProblems(body, ownMemberId, today);
  if (problems.length) throw new ValidationError(problems);
  assertTopicCategory(body.category);
  await assertCanSubmit(principal, stationId);
  const submitter =
    body.source === "member" ? await memberSubmitter(body.memberId ?? ownMemberId ?? "") : body.submitter;
  const receivedOn = body.receivedOn ?? today;
  const timestamp = now.toISOString();
  const opinion: StoredOpinion = {
    id: newId(now.getTime()),
    stationId,
    title: body.title,
    content: body.content,
    source: body.source,
    ...(submitter ? { submitter } : {}),
    receivedOn,
    ...(body.category ? { category: body.category } : {}),
    status: "received",
    history: [{ at: timestamp, kind: "received", actor: actorOf(principal), details: { receivedOn } }],
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  return createOpinion(opinion).catch((error: unknown) => {
    throw error instanceof StationMissing ? new NotFoundError("station", stationId) : error;
  });
}

export { actorOf as opinionActorOf };
