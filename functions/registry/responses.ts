/**
 * Response shapes. They document the API (OpenAPI components) and type the records; request
 * handling never builds them, so they stay out of the functions that only validate input.
 */
import * as z from "zod/mini";
import { assignmentBases, channels, languages } from "../domain/registry/members";
import { standardItems, stationKinds, stationStatuses } from "../domain/registry/stations";
import { id, isoTimestamp, pageOf, version } from "../kernel/contracts";
import { contact, hostVenue, liaison, standardCheck } from "./contracts";

const standardsOutput = z.object(
  Object.fromEntries(standardItems.map((item) => [item, standardCheck])) as Record<
    (typeof standardItems)[number],
    typeof standardCheck
  >,
);

export const station = z.object({
  id,
  kind: z.enum(stationKinds),
  name: z.string(),
  zone: z.string(),
  township: z.optional(z.string()),
  hostVenue,
  leadMemberId: z.optional(z.string()),
  liaison,
  contact: z.optional(contact),
  status: z.enum(stationStatuses),
  standards: standardsOutput,
  meetsStandard: z.boolean(),
  standardsMet: z.int(),
  memberCount: z.int(),
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type Station = z.output<typeof station>;

const memberRecord = z.object({
  id,
  name: z.string(),
  sector: z.string(),
  profession: z.string(),
  expertise: z.array(z.string()),
  township: z.optional(z.string()),
  phone: z.string(),
  email: z.optional(z.string()),
  preferences: z.object({ language: z.enum(languages), channel: z.enum(channels) }),
  stationCount: z.int(),
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
/** A member as the register holds it, contacts included. */
export type Member = z.output<typeof memberRecord>;

/**
 * A member as the API shows it: contacts and preferences only to the county office, the member, and
 * the staff of a station where the member serves (functions/domain/registry/privacy.ts).
 */
export const member = z.object({
  ...memberRecord.shape,
  phone: z.optional(z.string()),
  preferences: z.optional(memberRecord.shape.preferences),
});
export type MemberView = z.output<typeof member>;

/** Where a member serves, in GET /members/{memberId} (to those who may see their history). */
export const servedStation = z.object({
  stationId: id,
  name: z.string(),
  basis: z.enum(assignmentBases),
  since: isoTimestamp,
});

export const memberDetail = z.object({
  ...member.shape,
  stations: z.optional(z.array(servedStation)),
});

export const historyEntry = z.object({
  at: isoTimestamp,
  event: z.enum(["assigned", "invited", "accepted", "declined", "withdrawn", "left", "removed"]),
  stationId: id,
  topicId: z.optional(id),
  basis: z.optional(z.enum(assignmentBases)),
  invitationId: z.optional(id),
  by: z.object({
    subject: z.string(),
    name: z.optional(z.string()),
    role: z.enum(["admin", "staff", "member", "system"]),
  }),
});
export const memberHistory = z.object({ items: z.array(historyEntry) });

export const assignment = z.object({
  stationId: id,
  memberId: id,
  basis: z.enum(assignmentBases),
  assignedAt: isoTimestamp,
  member: z.optional(member),
});
export type Assignment = z.output<typeof assignment>;

export const suggestion = z.object({
  memberId: id,
  name: z.string(),
  sector: z.string(),
  rank: z.int(),
  score: z.object({ match: z.number(), nearness: z.number(), load: z.number() }),
  reasons: z.array(
    z.object({ code: z.string(), value: z.union([z.string(), z.number()]), text: z.string() }),
  ),
});

export const stationPage = pageOf(station);
export const memberPage = pageOf(member);
export const assignmentPage = pageOf(assignment);
export const suggestionList = z.object({ items: z.array(suggestion), topic: z.string() });

/** The registry's named schemas (OpenAPI components). */
export const registrySchemas = {
  Station: station,
  StationPage: stationPage,
  Member: member,
  MemberDetail: memberDetail,
  MemberHistory: memberHistory,
  MemberPage: memberPage,
  Assignment: assignment,
  AssignmentPage: assignmentPage,
  SuggestionList: suggestionList,
} as const;
