/** Request shapes for stations, rooms, members and their assignments (validated at runtime). */
import * as z from "zod/mini";
import { assignmentBases, channels, languages, normalizeMainlandMobile } from "../domain/registry/members";
import { hostVenueTypes, standardItems, stationKinds, stationStatuses } from "../domain/registry/stations";
import { id, listQuery, longText, shortText, version } from "../kernel/contracts";

export const mainlandMobile = z.pipe(
  z
    .string()
    .check(z.refine((value) => normalizeMainlandMobile(value) !== undefined, { message: "invalid_mobile" })),
  z.transform((value) => normalizeMainlandMobile(value) ?? value),
);

export const email = z.email({ message: "invalid_email" }).check(z.maxLength(254));

export const standardCheck = z.strictObject({ met: z.boolean(), note: z.optional(longText(500)) });

const standardsShape = Object.fromEntries(
  standardItems.map((item) => [item, z.optional(standardCheck)]),
) as Record<(typeof standardItems)[number], z.ZodMiniOptional<typeof standardCheck>>;

export const standardsInput = z.strictObject(standardsShape);

export const hostVenue = z.strictObject({ type: z.enum(hostVenueTypes), name: shortText(100) });
export const liaison = z.strictObject({ leader: shortText(50), committee: shortText(50) });
export const contact = z.strictObject({
  name: shortText(50),
  phone: mainlandMobile,
  email: z.optional(email),
});

export const stationCreate = z.strictObject({
  kind: z.enum(stationKinds),
  name: shortText(100),
  zone: shortText(50),
  township: z.optional(shortText(50)),
  hostVenue,
  leadMemberId: z.optional(id),
  liaison,
  contact: z.optional(contact),
  status: z.optional(z.enum(stationStatuses)),
  standards: z.optional(standardsInput),
});
export type StationCreate = z.output<typeof stationCreate>;

/** Every field optional; `null` clears an optional field. `version` may replace If-Match. */
export const stationPatch = z.strictObject({
  name: z.optional(shortText(100)),
  zone: z.optional(shortText(50)),
  township: z.optional(z.nullable(shortText(50))),
  hostVenue: z.optional(hostVenue),
  leadMemberId: z.optional(z.nullable(id)),
  liaison: z.optional(liaison),
  contact: z.optional(z.nullable(contact)),
  status: z.optional(z.enum(stationStatuses)),
  standards: z.optional(standardsInput),
  version: z.optional(version),
});
export type StationPatch = z.output<typeof stationPatch>;

export const stationListQuery = z.extend(listQuery, {
  kind: z.optional(z.enum(stationKinds)),
  zone: z.optional(shortText(50)),
  status: z.optional(z.enum(stationStatuses)),
});

const preferences = z.strictObject({
  language: z.optional(z.enum(languages)),
  channel: z.optional(z.enum(channels)),
});

export const memberCreate = z.strictObject({
  name: shortText(50),
  sector: shortText(50),
  profession: shortText(100),
  expertise: z.array(shortText(30)).check(z.maxLength(20)),
  /** Home township or community (乡镇/社区): suggestions rank members nearby first (就近). */
  township: z.optional(shortText(50)),
  phone: mainlandMobile,
  email: z.optional(email),
  preferences: z.optional(preferences),
});
export type MemberCreate = z.output<typeof memberCreate>;

export const memberPatch = z.strictObject({
  name: z.optional(shortText(50)),
  sector: z.optional(shortText(50)),
  profession: z.optional(shortText(100)),
  expertise: z.optional(z.array(shortText(30)).check(z.maxLength(20))),
  township: z.optional(shortText(50)),
  phone: z.optional(mainlandMobile),
  email: z.optional(z.nullable(email)),
  preferences: z.optional(preferences),
  version: z.optional(version),
});
export type MemberPatch = z.output<typeof memberPatch>;

/** What a member may change of their own record: how to reach them, and how they like to be reached. */
export const ownContactFields = ["phone", "email", "preferences", "version"] as const;

export const memberListQuery = z.extend(listQuery, { sector: z.optional(shortText(50)) });

export const assignmentInput = z.strictObject({ basis: z.optional(z.enum(assignmentBases)) });

export const suggestionQuery = z.strictObject({
  topic: shortText(500),
  sector: z.optional(shortText(50)),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50))),
});

/** Path parameters of the registry's routes: a malformed id answers 404, like an absent one. */
export const stationPath = z.strictObject({ stationId: id });
export const memberPath = z.strictObject({ memberId: id });
export const stationMemberPath = z.strictObject({ stationId: id, memberId: id });
