/** A station as the caller may see it, and its detail with the directory's liaison contacts. */
import type { Principal } from "../domain/access";
import { maskContactsIn } from "../domain/registry/privacy";
import { contactShownTo } from "./contact-view";
import type { Station, StationDetail } from "./responses";
import { getContacts } from "./store/contacts";

/**
 * The phones and e-mails a station keeps (its liaison leader's, its own contact person's) are for the
 * county office and the station's staff, who keep them; a member serving there sees them masked, as
 * every other phone outside the need to know (个人信息保护法).
 */
export const stationShownTo = (principal: Principal, station: Station): Station =>
  principal.role === "member"
    ? {
        ...station,
        liaison: maskContactsIn(station.liaison),
        ...(station.contact ? { contact: maskContactsIn(station.contact) } : {}),
      }
    : station;

/**
 * GET /stations/{stationId}: the station, and when its liaison references the contacts directory,
 * those contacts as the caller may see them (one read more, only then).
 */
export async function stationDetailFor(principal: Principal, station: Station): Promise<StationDetail> {
  const shown = stationShownTo(principal, station);
  const { leaderContactId, committeeContactId } = station.liaison;
  const ids = [leaderContactId, committeeContactId].filter((id): id is string => id !== undefined);
  if (ids.length === 0) return shown;
  const found = new Map((await getContacts(ids)).map((contact) => [contact.id, contact]));
  const seen = (id: string | undefined) => {
    const contact = id ? found.get(id) : undefined;
    return contact ? contactShownTo(principal, contact) : undefined;
  };
  const leader = seen(leaderContactId);
  const committee = seen(committeeContactId);
  return {
    ...shown,
    liaisonContacts: { ...(leader ? { leader } : {}), ...(committee ? { committee } : {}) },
  };
}
