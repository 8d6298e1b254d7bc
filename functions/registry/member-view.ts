/** A member record as the caller may see it: contacts only where the caller needs them. */
import type { Principal } from "../domain/access";
import { maySeeMemberContacts } from "../domain/registry/privacy";
import type { Member, MemberView } from "./responses";

/** The register's record, with the stations the member serves (kept beside it for these checks). */
export type StoredMember = Member & { readonly stationIds?: readonly string[] };

export function memberAsSeenBy(principal: Principal, stored: StoredMember): MemberView {
  const { stationIds: _served, ...record } = stored;
  if (maySeeMemberContacts(principal, stored)) return record;
  const { phone: _phone, email: _email, preferences: _preferences, ...profile } = record;
  return profile;
}
