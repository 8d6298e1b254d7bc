/** Request shapes of 社情民意 items: a new item, the transitions (report, adopt, decline), promotion. */
import * as v from "valibot";
import { opinionSources, opinionStatuses } from "../domain/quota/opinions";
import { id, isoDate, listQueryEntries, shortText, strictObject, version } from "../kernel/contracts";
import { email, mainlandMobile, personName } from "../registry/contracts";
import { deadlineDurations, responsible, stepResponsibles, topicCategory } from "../topics/contracts";

/** The resident who raised it: a name; a mobile number or e-mail if they left one (told the outcome). */
export const opinionSubmitter = /* @__PURE__ */ (() =>
  strictObject({
    name: personName(50),
    phone: v.optional(mainlandMobile),
    email: v.optional(email),
  }))();

export const opinionCreate = /* @__PURE__ */ (() =>
  strictObject({
    title: shortText(100),
    /** What was raised, in the resident's or member's words (it becomes a promoted topic's description). */
    content: shortText(2000),
    source: v.picklist(opinionSources),
    /** For an item from a resident. */
    submitter: v.optional(opinionSubmitter),
    /** For an item from a member: filled from the token when a member submits. */
    memberId: v.optional(id),
    /** The county date it was received (default: today). */
    receivedOn: v.optional(isoDate),
    category: v.optional(topicCategory),
  }))();
export type OpinionCreate = v.InferOutput<typeof opinionCreate>;

export const opinionReport = /* @__PURE__ */ (() =>
  strictObject({
    /** Where it went, e.g. 县政协. */
    to: shortText(100),
    reportedOn: v.optional(isoDate),
    version: v.optional(version),
  }))();
export type OpinionReport = v.InferOutput<typeof opinionReport>;

export const opinionAdopt = /* @__PURE__ */ (() =>
  strictObject({
    /** The body that adopted it (采用单位). */
    adoptedBy: shortText(100),
    adoptedOn: v.optional(isoDate),
    note: v.optional(shortText(1000)),
    version: v.optional(version),
  }))();
export type OpinionAdopt = v.InferOutput<typeof opinionAdopt>;

export const opinionDecline = /* @__PURE__ */ (() =>
  strictObject({
    reason: shortText(1000),
    declinedOn: v.optional(isoDate),
    version: v.optional(version),
  }))();
export type OpinionDecline = v.InferOutput<typeof opinionDecline>;

/** Promotion to a topic: its responsible person (default: the station's lead member), category, deadlines. */
export const opinionPromote = /* @__PURE__ */ (() =>
  strictObject({
    responsible: v.optional(responsible),
    responsibles: v.optional(stepResponsibles),
    deadlines: v.optional(deadlineDurations),
    /** Default: the item's own category. */
    category: v.optional(topicCategory),
  }))();
export type OpinionPromote = v.InferOutput<typeof opinionPromote>;

export const opinionPath = /* @__PURE__ */ (() => strictObject({ opinionId: id }))();
export const stationOpinionsPath = /* @__PURE__ */ (() => strictObject({ stationId: id }))();

export const opinionListQuery = /* @__PURE__ */ (() =>
  strictObject({
    ...listQueryEntries,
    year: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, "invalid_year"), v.transform(Number))),
    status: v.optional(v.picklist(opinionStatuses)),
  }))();
