/**
 * A directory contact as the caller may see it (个人信息保护法): the county office keeps the
 * directory and station staff reach these people, so both see it all; a member sees who the
 * contact is (name, role, organisation), with the phone and e-mail masked.
 */
import type { Principal } from "../domain/access";
import { maskContactsIn } from "../domain/registry/privacy";
import type { Contact, ContactView } from "./contact-responses";

export function contactShownTo(principal: Principal, contact: Contact): ContactView {
  if (principal.role !== "member") return contact;
  const { language: _language, channel: _channel, digest: _digest, ...profile } = contact;
  return maskContactsIn(profile);
}
