/**
 * Who is told about a topic: the person responsible for its step, and the escalation ladder above
 * them (lead member → liaison leader and special committee → county office). Beyond the members,
 * the ladder reaches people through the county office's contacts directory (通讯录), each on their
 * own channel and in their own language.
 */

import { config } from "../kernel/config";
import type { Channel, Recipient } from "../notices/notifier";
import { channelFor, memberAddressee } from "../notices/notifier";
import type { Contact } from "../registry/contact-responses";
import type { StoredMember } from "../registry/member-view";
import type { Station } from "../registry/responses";
import { activeContactsWithRole, getContacts } from "../registry/store/contacts";
import { findMember } from "../registry/store/members";
import type { Person } from "./store/topics";

export interface Addressee {
  readonly recipient: Recipient;
  readonly channel: Channel;
}

/**
 * A person named on a topic; when they are a registered member, the member's contacts and preferences
 * win. `known`: members read already (by id), so as not to read them again.
 */
export async function addresseeOf(
  person: Person,
  known: ReadonlyMap<string, StoredMember> = new Map(),
): Promise<Addressee> {
  const memberId = person.memberId;
  const member = memberId ? (known.get(memberId) ?? (await findMember(memberId))) : undefined;
  if (member) return memberAddressee(member);
  const recipient: Recipient = {
    id: `person:${person.phone ?? person.email ?? person.name}`,
    name: person.name,
    ...(person.phone ? { phone: person.phone } : {}),
    ...(person.email ? { email: person.email } : {}),
  };
  return { recipient, channel: channelFor(recipient) };
}

/** The county office (县政协办公室), named after the county when its name is Chinese; told in the console's inbox. */
export function countyOfficeAddressee(): Addressee {
  const { countyName } = config();
  const name = /\p{Script=Han}/u.test(countyName) ? `${countyName}政协办公室` : "县政协办公室";
  return { recipient: { id: "county-office", name }, channel: "inbox" };
}

/**
 * A directory contact as a recipient (`contact:<id>`), on their preferred channel when they have it.
 * One with neither phone nor e-mail gets the inbox, which they do not read: the sender fails that
 * notice visibly (unreachableReason), so the county office sees who was not told.
 */
export function contactAddressee(contact: Contact): Addressee {
  const recipient: Recipient = {
    id: `contact:${contact.id}`,
    name: contact.name,
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.email ? { email: contact.email } : {}),
    language: contact.language,
    // They asked for one e-mail a day: the sender folds their notices into it (decision 0019).
    ...(contact.digest ? { digest: true } : {}),
  };
  return { recipient, channel: channelFor(recipient, contact.channel) };
}

/** The county office: the console's inbox, as ever, and every active county-office contact on their own channel. */
export async function countyOfficeAddressees(directory: Directory = tableDirectory): Promise<Addressee[]> {
  return [countyOfficeAddressee(), ...(await directory.activeCountyOffice()).map(contactAddressee)];
}

/** Where the ladder finds its contacts: the table, or a stand-in in tests. */
export interface Directory {
  contacts(ids: readonly string[]): Promise<readonly Contact[]>;
  activeCountyOffice(): Promise<readonly Contact[]>;
}

export const tableDirectory: Directory = {
  contacts: getContacts,
  activeCountyOffice: () => activeContactsWithRole("countyOffice"),
};

/**
 * The liaison rung: each referenced, active directory contact as themselves; whoever the station
 * only names (or references a contact since retired) as one recipient with the station's embedded
 * phone or e-mail — without either, the inbox, which the sender fails visibly.
 */
async function liaisonAddressees(station: Station, directory: Directory): Promise<Addressee[]> {
  const { leader, committee, leaderContactId, committeeContactId, phone, email } = station.liaison;
  const ids = [leaderContactId, committeeContactId].filter((id): id is string => id !== undefined);
  const active = ids.length ? (await directory.contacts(ids)).filter((contact) => contact.active) : [];
  const reached = (id: string | undefined) => active.find((contact) => contact.id === id);
  const told = [reached(leaderContactId), reached(committeeContactId)].filter(
    (contact): contact is Contact => contact !== undefined,
  );
  const named = [
    reached(leaderContactId) ? undefined : leader,
    reached(committeeContactId) ? undefined : committee,
  ];
  const rest = named.filter((name): name is string => name !== undefined && name !== "");
  const addressees = told.map(contactAddressee);
  if (rest.length === 0) return addressees;
  const recipient: Recipient = {
    id: `liaison:${station.id}`,
    name: rest.join("、"),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
  };
  return [...addressees, { recipient, channel: channelFor(recipient) }];
}

export type LadderLevel = "leadMember" | "liaison" | "countyOffice";

/** Everyone to tell at one level of the escalation ladder for a station (none when the level has nobody). */
export async function ladderAddressees(
  level: LadderLevel,
  station: Station,
  directory: Directory = tableDirectory,
): Promise<Addressee[]> {
  switch (level) {
    case "leadMember":
      return station.leadMemberId ? [await addresseeOf({ name: "", memberId: station.leadMemberId })] : [];
    case "liaison":
      return liaisonAddressees(station, directory);
    case "countyOffice":
      return countyOfficeAddressees(directory);
  }
}
