/**
 * Response shapes. They document the API (OpenAPI components) and type the records; request
 * handling never builds them, so they stay out of the functions that only validate input.
 */
import * as v from "valibot";
import { chatPlatforms } from "../domain/notices/chat-webhook";
import { assignmentBases, channels, languages } from "../domain/registry/members";
import { standardItems, stationKinds, stationStatuses } from "../domain/registry/stations";
import { id, int, isoTimestamp, pageOf, version } from "../kernel/contracts";
import { contactView } from "./contact-responses";
import { contact, hostVenue, standardCheck } from "./contracts";

const standardsOutput = v.object(
  Object.fromEntries(standardItems.map((item) => [item, standardCheck])) as Record<
    (typeof standardItems)[number],
    typeof standardCheck
  >,
);

/** The liaison leader and committee: their names (a referenced contact's), references and contacts. */
const liaison = v.object({
  leader: v.string(),
  committee: v.string(),
  leaderContactId: v.optional(id),
  committeeContactId: v.optional(id),
  phone: v.optional(v.string()),
  email: v.optional(v.string()),
});

/** That the station has a group-chat robot, and on which platform: its webhook and secret are never shown. */
const chatRobotSummary = v.object({ platform: v.picklist(chatPlatforms), configured: v.literal(true) });

const stationEntries = {
  id,
  kind: v.picklist(stationKinds),
  name: v.string(),
  zone: v.string(),
  township: v.optional(v.string()),
  hostVenue,
  leadMemberId: v.optional(v.string()),
  liaison,
  contact: v.optional(contact),
  status: v.picklist(stationStatuses),
  standards: standardsOutput,
  meetsStandard: v.boolean(),
  standardsMet: int,
  memberCount: int,
  chatRobot: v.optional(chatRobotSummary),
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
};
export const station = v.object(stationEntries);
export type Station = v.InferOutput<typeof station>;

/**
 * GET /stations/{stationId}: the station with the directory's records of its referenced liaison
 * leader and committee (as the caller may see contacts).
 */
export const stationDetail = v.object({
  ...stationEntries,
  liaisonContacts: v.optional(
    v.object({ leader: v.optional(contactView), committee: v.optional(contactView) }),
  ),
});
export type StationDetail = v.InferOutput<typeof stationDetail>;

const preferences = v.object({ language: v.picklist(languages), channel: v.picklist(channels) });

const memberEntries = {
  id,
  name: v.string(),
  sector: v.string(),
  profession: v.string(),
  expertise: v.array(v.string()),
  township: v.optional(v.string()),
  phone: v.string(),
  email: v.optional(v.string()),
  preferences,
  stationCount: int,
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
};
const memberRecord = v.object(memberEntries);
/** A member as the register holds it, contacts included. */
export type Member = v.InferOutput<typeof memberRecord>;

/**
 * A member as the API shows it: contacts and preferences only to the county office, the member, and
 * the staff of a station where the member serves (functions/domain/registry/privacy.ts).
 */
const memberViewEntries = {
  ...memberEntries,
  phone: v.optional(v.string()),
  preferences: v.optional(preferences),
};
export const member = v.object(memberViewEntries);
export type MemberView = v.InferOutput<typeof member>;

/** Where a member serves, in GET /members/{memberId} (to those who may see their history). */
export const servedStation = v.object({
  stationId: id,
  name: v.string(),
  basis: v.picklist(assignmentBases),
  since: isoTimestamp,
});

export const memberDetail = v.object({
  ...memberViewEntries,
  stations: v.optional(v.array(servedStation)),
});

export const historyEntry = v.object({
  at: isoTimestamp,
  event: v.picklist(["assigned", "invited", "accepted", "declined", "withdrawn", "left", "removed"]),
  stationId: id,
  topicId: v.optional(id),
  basis: v.optional(v.picklist(assignmentBases)),
  invitationId: v.optional(id),
  by: v.object({
    subject: v.string(),
    name: v.optional(v.string()),
    role: v.picklist(["admin", "staff", "member", "system"]),
  }),
});
export const memberHistory = v.object({ items: v.array(historyEntry) });

export const assignment = v.object({
  stationId: id,
  memberId: id,
  basis: v.picklist(assignmentBases),
  assignedAt: isoTimestamp,
  member: v.optional(member),
});
export type Assignment = v.InferOutput<typeof assignment>;

export const suggestion = v.object({
  memberId: id,
  name: v.string(),
  sector: v.string(),
  rank: int,
  score: v.object({ match: v.number(), nearness: v.number(), load: v.number() }),
  reasons: v.array(
    v.object({ code: v.string(), value: v.union([v.string(), v.number()]), text: v.string() }),
  ),
});

export const stationPage = pageOf(station);
export const memberPage = pageOf(member);
export const assignmentPage = pageOf(assignment);
export const suggestionList = v.object({ items: v.array(suggestion), topic: v.string() });

/** The registry's named schemas (OpenAPI components). */
export const registrySchemas = {
  Station: station,
  StationDetail: stationDetail,
  StationPage: stationPage,
  Member: member,
  MemberDetail: memberDetail,
  MemberHistory: memberHistory,
  MemberPage: memberPage,
  Assignment: assignment,
  AssignmentPage: assignmentPage,
  SuggestionList: suggestionList,
} as const;
