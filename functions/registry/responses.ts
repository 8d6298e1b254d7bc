/**
 * Response shapes. They document the API (OpenAPI components) and type the records; request
 * handling never builds them, so they stay out of the functions that only validate input.
 */
import * as z from "zod/mini";
import { assignmentBases, channels, languages } from "../domain/registry/members";
import { standardItems, stationKinds, stationStatuses } from "../domain/registry/stations";
import { topicSteps } from "../domain/topics/steps";
import { topicSources } from "../domain/topics/vocabulary";
import { errorBody, id, isoTimestamp, pageOf, version } from "../kernel/contracts";
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

export const member = z.object({
  id,
  name: z.string(),
  sector: z.string(),
  profession: z.string(),
  expertise: z.array(z.string()),
  phone: z.string(),
  email: z.optional(z.string()),
  preferences: z.object({ language: z.enum(languages), channel: z.enum(channels) }),
  stationCount: z.int(),
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type Member = z.output<typeof member>;

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

const person = z.object({
  name: z.string(),
  memberId: z.optional(id),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
});
const stepId = z.enum(topicSteps);

export const topic = z.object({
  id,
  stationId: id,
  title: z.string(),
  description: z.string(),
  source: z.enum(topicSources),
  responsible: person,
  stepResponsible: z.record(z.string(), person),
  status: z.enum(["open", "closed"]),
  closedAs: z.optional(z.enum(["completed", "rejected"])),
  closedAt: z.optional(isoTimestamp),
  step: stepId,
  stepName: z.string(),
  stepStartedAt: z.optional(isoTimestamp),
  deadline: z.optional(isoTimestamp),
  overdue: z.boolean(),
  extensions: z.int(),
  returns: z.int(),
  evidence: z.record(z.string(), z.unknown()),
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type Topic = z.output<typeof topic>;

export const topicEvent = z.object({
  seq: z.int(),
  at: isoTimestamp,
  kind: z.string(),
  step: stepId,
  actor: z.optional(z.object({ subject: z.string(), name: z.optional(z.string()) })),
  details: z.optional(z.record(z.string(), z.unknown())),
  text: z.string(),
});

export const topicDetail = z.object({ ...topic.shape, timeline: z.array(topicEvent) });
export const topicPage = pageOf(topic);

export const notification = z.object({
  id,
  topicId: z.optional(id),
  recipient: z.object({ id: z.string(), name: z.string() }),
  channel: z.enum(["email", "sms", "inbox"]),
  templateId: z.string(),
  language: z.enum(["zh-CN", "en"]),
  subject: z.string(),
  text: z.string(),
  status: z.string(),
  createdAt: isoTimestamp,
});
export const notificationPage = pageOf(notification);

export const holidayCalendar = z.object({
  year: z.int(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  source: z.string(),
  shipped: z.boolean(),
});
export const holidayCalendarList = z.object({ items: z.array(holidayCalendar) });

/** Named schemas, referenced from operations by name and published as OpenAPI components. */
export const responseSchemas = {
  Station: station,
  StationPage: stationPage,
  Member: member,
  MemberPage: memberPage,
  Assignment: assignment,
  AssignmentPage: assignmentPage,
  SuggestionList: suggestionList,
  Topic: topic,
  TopicDetail: topicDetail,
  TopicPage: topicPage,
  NotificationPage: notificationPage,
  HolidayCalendarList: holidayCalendarList,
  Error: errorBody,
} as const;

export type ResponseSchemaName = keyof typeof responseSchemas;
