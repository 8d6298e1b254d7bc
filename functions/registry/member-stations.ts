/** What a `member` user may read beyond their own record: the stations they serve at. */
import type { Principal } from "../domain/access";
import { stationIdsOfMember } from "./store/assignments";

/** The station ids a member user may see: those they serve at (none for other roles). */
export async function visibleMemberStations(principal: Principal): Promise<string[]> {
  if (principal.role !== "member" || !principal.memberId) return [];
  return stationIdsOfMember(principal.memberId);
}
