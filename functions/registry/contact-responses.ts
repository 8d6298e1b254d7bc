/** Response shapes of the contacts directory (通讯录): OpenAPI components and the records' types. */
import * as v from "valibot";
import { contactRoles } from "../domain/registry/contacts";
import { channels, languages } from "../domain/registry/members";
import { id, isoTimestamp, pageOf, version } from "../kernel/contracts";

const contactEntries = {
  id,
  name: v.string(),
  role: v.picklist(contactRoles),
  organisation: v.optional(v.string()),
  phone: v.optional(v.string()),
  email: v.optional(v.string()),
  language: v.picklist(languages),
  channel: v.optional(v.picklist(channels)),
  digest: v.boolean(),
  active: v.boolean(),
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
};
const contactRecord = v.object(contactEntries);
/** A contact as the directory holds it. */
export type Contact = v.InferOutput<typeof contactRecord>;

/**
 * A contact as the API shows it: the county office and station staff see everything (they reach
 * them); a member sees who they are (name, role, organisation) with the phone and e-mail masked.
 */
const contactViewEntries = {
  ...contactEntries,
  language: v.optional(v.picklist(languages)),
  digest: v.optional(v.boolean()),
};
export const contactView = v.object(contactViewEntries);
export type ContactView = v.InferOutput<typeof contactView>;

export const contactSchemas = {
  Contact: contactView,
  ContactPage: pageOf(contactView),
} as const;
