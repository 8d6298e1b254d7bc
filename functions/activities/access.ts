/** Who may read and change a station's activities and shifts, and who did what (the audit's actor). */
import { assertCanChangeStation, assertCanSeeStation, type Principal } from "../domain/access";
import { visibleMemberStations } from "../registry/member-stations";

/** Staff of the station and the county office change; members of the station read. */
export async function assertCanReadStation(principal: Principal, stationId: string): Promise<void> {
  assertCanSeeStation(principal, stationId, await visibleMemberStations(principal));
}

export const assertCanRecordAt = assertCanChangeStation;

export const actorOf = (principal: Principal) => ({
  subject: principal.subject,
  ...(principal.name ? { name: principal.name } : {}),
});

/** The scheduler and the topic loop act as the system. */
export const systemActor = { subject: "system", name: "系统" };
