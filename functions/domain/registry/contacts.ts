/**
 * The county office's contacts directory (通讯录): the people the escalation ladder reaches beyond
 * the members — liaison leaders (联系领导), special committees (专委会), the county office
 * (县政协办公室) — with how each wants to be reached.
 */
import type { FieldProblem } from "../errors";
import type { Channel, Language } from "./members";

export const contactRoles = ["liaisonLeader", "specialCommittee", "countyOffice", "other"] as const;
export type ContactRole = (typeof contactRoles)[number];

export const contactRoleNames: Readonly<Record<ContactRole, Readonly<Record<Language, string>>>> = {
  liaisonLeader: { "zh-CN": "联系领导", en: "liaison leader" },
  specialCommittee: { "zh-CN": "专委会", en: "special committee" },
  countyOffice: { "zh-CN": "县政协办公室", en: "county office" },
  other: { "zh-CN": "其他", en: "other" },
};

/** The role a station's liaison reference must have: its leader is a 联系领导, its committee a 专委会. */
export const liaisonReferenceRoles = {
  leaderContactId: "liaisonLeader",
  committeeContactId: "specialCommittee",
} as const satisfies Record<string, ContactRole>;

/** What a contact is reached by, and how they like it. */
export interface ContactReach {
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly channel?: Channel | undefined;
  readonly digest: boolean;
}

/**
 * A preference that cannot be honoured is refused where it is made: SMS first without a mobile
 * number, e-mail first or a daily digest without an address. (A contact with no phone or e-mail at
 * all is allowed: the directory may know a name before a number, and a notice to them fails visibly.)
 */
export function contactReachProblems(contact: ContactReach): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (contact.channel === "sms" && !contact.phone)
    problems.push({ field: "channel", code: "channel_without_contact", message: "sms_without_phone" });
  if (contact.channel === "email" && !contact.email)
    problems.push({ field: "channel", code: "channel_without_contact", message: "email_without_address" });
  if (contact.digest && !contact.email)
    problems.push({ field: "digest", code: "digest_without_email", message: "digest_without_email" });
  return problems;
}
