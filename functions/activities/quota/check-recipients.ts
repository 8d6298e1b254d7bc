/**
 * Who the quarterly check tells about a station (decision 0022): its lead member, its contact and its
 * group chat when it is behind; its liaison leader and committee too when it is at risk. Read for a
 * page of stations at once: lead members in one batch, the contacts directory once per check.
 */
import { chatRecipientId } from "../../domain/notices/chat-webhook";
import type { PaceStatus } from "../../domain/quota/pace";
import { queryAll } from "../../kernel/table/items";
import { collections } from "../../kernel/table/keys";
import { channelFor, memberAddressee, type Recipient } from "../../notices/notifier";
import type { Contact } from "../../registry/contact-responses";
import type { Station } from "../../registry/responses";
import { getMembers } from "../../registry/store/members";
import { type Addressee, type Directory, ladderAddressees } from "../../topics/recipients";

/** The whole contacts directory (a county's: dozens), read once: the ladder then needs no read per station. */
export async function preloadedDirectory(): Promise<Directory> {
  const all = await queryAll<Contact>({
    index: "GSI1",
    partition: { name: "GSI1PK", value: collections.contacts },
  });
  return {
    contacts: async (ids) => all.filter((contact) => ids.includes(contact.id)),
    activeCountyOffice: async () =>
      all.filter((contact) => contact.active && contact.role === "countyOffice"),
  };
}

/** The lead members of these stations, as addressees by member id: one BatchGetItem per hundred. */
export async function leadAddressees(stations: readonly Station[]): Promise<Map<string, Addressee>> {
  const ids = stations.flatMap((station) => (station.leadMemberId ? [station.leadMemberId] : []));
  const members = ids.length ? await getMembers(ids) : [];
  return new Map(members.map((member) => [member.id, memberAddressee(member)]));
}

function stationContact(station: Station): Addressee[] {
  if (!station.contact) return [];
  const recipient: Recipient = {
    id: `station-contact:${station.id}`,
    name: station.contact.name,
    phone: station.contact.phone,
    ...(station.contact.email ? { email: station.contact.email } : {}),
  };
  return [{ recipient, channel: channelFor(recipient) }];
}

function stationChat(station: Station): Addressee[] {
  if (!station.chatRobot) return [];
  return [
    { recipient: { id: chatRecipientId(station.id), name: `${station.name} 工作群` }, channel: "chat" },
  ];
}

/** Who is told, and with which notice: `behind` to the station's people, `atRisk` to its liaison rung. */
export async function stationAddressees(
  station: Station,
  status: PaceStatus,
  leads: ReadonlyMap<string, Addressee>,
  directory: Directory,
): Promise<{ behind: Addressee[]; atRisk: Addressee[] }> {
  if (status !== "behind" && status !== "at_risk") return { behind: [], atRisk: [] };
  const lead = station.leadMemberId ? leads.get(station.leadMemberId) : undefined;
  const behind = [...(lead ? [lead] : []), ...stationContact(station), ...stationChat(station)];
  const atRisk = status === "at_risk" ? await ladderAddressees("liaison", station, directory) : [];
  return { behind, atRisk };
}
