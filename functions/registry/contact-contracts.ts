/** Request shapes for the contacts directory (通讯录), kept by the county office. */
import * as v from "valibot";
import { contactRoles } from "../domain/registry/contacts";
import { channels, languages } from "../domain/registry/members";
import { id, listQueryEntries, shortText, strictObject, version } from "../kernel/contracts";
import { email, mainlandMobile, personName } from "./contracts";

export const contactCreate = /* @__PURE__ */ (() =>
  strictObject({
    name: personName(50),
    role: v.picklist(contactRoles),
    /** 单位或部门, e.g. 社会和法制委员会. */
    organisation: v.optional(shortText(100)),
    phone: v.optional(mainlandMobile),
    email: v.optional(email),
    /** The language of the notices they get (default zh-CN). */
    language: v.optional(v.picklist(languages)),
    /** Their preferred channel, when they have both a phone and an e-mail (default: SMS when they have a phone). */
    channel: v.optional(v.picklist(channels)),
    /** Wants a daily digest e-mail (default false). */
    digest: v.optional(v.boolean()),
    /** Default true; an inactive contact is not told and cannot be chosen as a station's liaison. */
    active: v.optional(v.boolean()),
  }))();
export type ContactCreate = v.InferOutput<typeof contactCreate>;

/** Every field optional; `null` clears an optional one. `version` may replace If-Match. */
export const contactPatch = /* @__PURE__ */ (() =>
  strictObject({
    name: v.optional(personName(50)),
    role: v.optional(v.picklist(contactRoles)),
    organisation: v.optional(v.nullable(shortText(100))),
    phone: v.optional(v.nullable(mainlandMobile)),
    email: v.optional(v.nullable(email)),
    language: v.optional(v.picklist(languages)),
    channel: v.optional(v.nullable(v.picklist(channels))),
    digest: v.optional(v.boolean()),
    active: v.optional(v.boolean()),
    version: v.optional(version),
  }))();
export type ContactPatch = v.InferOutput<typeof contactPatch>;

const queryBoolean = /* @__PURE__ */ (() =>
  v.pipe(
    v.picklist(["true", "false"]),
    v.transform((text) => text === "true"),
  ))();

export const contactListQuery = /* @__PURE__ */ (() =>
  strictObject({
    ...listQueryEntries,
    role: v.optional(v.picklist(contactRoles)),
    active: v.optional(queryBoolean),
  }))();

export const contactPath = /* @__PURE__ */ (() => strictObject({ contactId: id }))();
