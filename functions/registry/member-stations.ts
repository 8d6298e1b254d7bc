/** What a `member` user may read beyond their own record: the stations they serve at, and their topics. */
import type { Principal } from "../domain/access";
import { stationIdsOfMember } from "./store/assignments";
import { type Reach, reachOfMember } from "./store/reach";

/** The station ids a member user may see: those they serve at (none for other roles). */
export async function visibleMemberStations(principal: Principal): Promise<string[]> {
  if (principal.role !== "member" || !principal.memberId) return [];
  return stationIdsOfMember(principal.memberId);
}

/**
 * A member user's stations and the topics they take part in by invitation (nothing for other
 * roles): one request, where the stations alone took one too.
 */
export async function visibleMemberReach(principal: Principal): Promise<Reach> {
  if (principal.role !== "member" || !principal.memberId) return { stationIds: [], topics: [] };
  return reachOfMember(principal.memberId);
}
