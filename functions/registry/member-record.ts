/**
 * Where a member serves and how they came to: shown to those entitled to the member's contacts (the
 * county office, the member, the staff of a station where they serve); to anyone else it is absent.
 */
import { assertCanSeeMember, type Principal } from "../domain/access";
import { NotFoundError } from "../domain/errors";
import { maySeeMemberContacts } from "../domain/registry/privacy";
import type { StoredMember } from "./member-view";
import { assignmentsOfMember } from "./store/assignments";
import { type HistoryEntry, memberHistory } from "./store/history";
import { getMember } from "./store/members";
import { getStations } from "./store/stations";

export async function stationsServedBy(memberId: string) {
  const assignments = await assignmentsOfMember(memberId);
  const names = new Map((await getStations(assignments.map((a) => a.stationId))).map((s) => [s.id, s.name]));
  return assignments.map((a) => ({
    stationId: a.stationId,
    name: names.get(a.stationId) ?? "",
    basis: a.basis,
    since: a.assignedAt,
  }));
}

/** The member, if the caller may see their assignments (404 otherwise, as for an unknown member). */
export async function memberWithHistoryVisible(
  principal: Principal,
  memberId: string,
): Promise<StoredMember> {
  assertCanSeeMember(principal, memberId);
  const stored = await getMember(memberId);
  if (!maySeeMemberContacts(principal, stored)) throw new NotFoundError("member", memberId);
  return stored;
}

export async function historyOf(principal: Principal, memberId: string): Promise<HistoryEntry[]> {
  await memberWithHistoryVisible(principal, memberId);
  const entries = await memberHistory(memberId);
  return entries.map(({ memberId: _member, ...entry }) => entry);
}
