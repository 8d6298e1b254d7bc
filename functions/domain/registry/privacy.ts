/**
 * Personal data on a need-to-know basis (个人信息保护法). A member's phone and e-mail are for the
 * county office, the member, and the staff of stations where the member serves; everyone else sees
 * who the member is (name, sector, profession, expertise) — enough to suggest and invite them.
 * Residents' contacts in a topic's record are for the county office and the topic's station.
 */
import type { Principal } from "../access";

export function maySeeMemberContacts(
  principal: Principal,
  member: { readonly id: string; readonly stationIds?: readonly string[] },
): boolean {
  if (principal.role === "admin") return true;
  if (principal.role === "member") return principal.memberId === member.id;
  return (member.stationIds ?? []).some((stationId) => principal.stationIds.includes(stationId));
}

/** Whether the caller may see the contacts of the people in a station's topics. */
export function maySeeTopicContacts(principal: Principal, stationId: string): boolean {
  return (
    principal.role === "admin" || (principal.role === "staff" && principal.stationIds.includes(stationId))
  );
}

/** 13800138000 → 138****8000; zhang.san@example.org → z***@example.org; anything else → ***. */
export function maskContact(contact: string): string {
  const digits = contact.replace(/[\s-]/g, "");
  if (/^\+?\d{7,}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  const at = contact.indexOf("@");
  if (at > 0) return `${contact[0]}***${contact.slice(at)}`;
  return "***";
}

/**
 * A mainland mobile number or an e-mail address inside other text ("居民甲 139-0000-0002"): digits
 * may be spaced or dashed and led by +86. Not part of a longer run of letters or digits, so that an
 * id (a ULID) or a long number is never taken for one.
 */
const mobileIn = /(?<![0-9A-Za-z])(?:(?:\+|00)86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![0-9A-Za-z])/gu;
const emailIn = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;

/** Whether `text` carries a phone number or e-mail address: a name must not (it has no field's masking). */
export function containsContact(text: string): boolean {
  return (
    text.search(new RegExp(mobileIn.source, "u")) >= 0 || text.search(new RegExp(emailIn.source, "u")) >= 0
  );
}

/** `text` with every phone number and e-mail address in it masked, the rest as it was. */
export function maskContactsInText(text: string): string {
  return text
    .replace(mobileIn, (found) => maskContact(found.replace(/^(\+|00)86/, "")))
    .replace(emailIn, (found) => maskContact(found));
}

const contactKeys = new Set(["contact", "phone", "email", "mobile"]);

/**
 * A copy of `value` with every contact field (contact, phone, email, mobile) masked, at any depth, and
 * any phone number or e-mail address written into other text (a name, a summary) masked where it stands.
 */
export function maskContactsIn<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => maskContactsIn(item)) as T;
  if (typeof value === "string") return maskContactsInText(value) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      contactKeys.has(key) && typeof field === "string" ? maskContact(field) : maskContactsIn(field),
    ]),
  ) as T;
}
