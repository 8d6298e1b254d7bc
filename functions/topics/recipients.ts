/**
 * Who is told about a topic: the person responsible for its step, and the escalation ladder above
 * them (lead member → liaison leader and special committee → county office).
 */

import { config } from "../kernel/config";
import type { Channel, Recipient } from "../notices/notifier";
import { channelFor, memberAddressee } from "../notices/notifier";
import type { Station } from "../registry/responses";
import { findMember } from "../registry/store/members";
import type { Person } from "./store/topics";

export interface Addressee {
  readonly recipient: Recipient;
  readonly channel: Channel;
}

/** A person named on a topic; when they are a registered member, the member's contacts and preferences win. */
export async function addresseeOf(person: Person): Promise<Addressee> {
  const member = person.memberId ? await findMember(person.memberId) : undefined;
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

export type LadderLevel = "leadMember" | "liaison" | "countyOffice";

/** The addressee of one level of the escalation ladder for a station, if that level has anyone. */
export async function ladderAddressee(level: LadderLevel, station: Station): Promise<Addressee | undefined> {
  switch (level) {
    case "leadMember":
      return station.leadMemberId ? addresseeOf({ name: "", memberId: station.leadMemberId }) : undefined;
    case "liaison": {
      const { leader, committee, phone, email } = station.liaison;
      const recipient: Recipient = {
        id: `liaison:${station.id}`,
        name: `${leader}、${committee}`,
        ...(phone ? { phone } : {}),
        ...(email ? { email } : {}),
      };
      // Without a phone or e-mail this is the inbox, which a liaison leader does not read: the
      // sender fails it visibly (unreachableReason), so the county office sees who was not told.
      return { recipient, channel: channelFor(recipient) };
    }
    case "countyOffice":
      return countyOfficeAddressee();
  }
}
