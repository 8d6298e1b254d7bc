/** Response shapes of topics and holiday calendars (OpenAPI components; they type the answers). */
import * as z from "zod/mini";
import { topicSteps } from "../domain/topics/steps";
import { topicSources } from "../domain/topics/vocabulary";
import { id, isoTimestamp, pageOf, version } from "../kernel/contracts";

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
  /** Present while the deadline counts some year's holidays by estimate (no official calendar loaded). */
  deadlineEstimate: z.optional(z.object({ years: z.array(z.int()), note: z.string() })),
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

export const holidayCalendar = z.object({
  year: z.int(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  source: z.string(),
  shipped: z.boolean(),
  /** An estimate by the statutory rules, in use until the official calendar is loaded. */
  estimated: z.boolean(),
});
export const holidayCalendarList = z.object({ items: z.array(holidayCalendar) });
export const holidayCalendarSaved = z.object({
  items: z.array(holidayCalendar),
  /** Open topics whose deadline moved with the new calendar. */
  replannedTopics: z.int(),
});

/** Named schemas of topics and calendars (OpenAPI components). */
export const topicSchemas = {
  Topic: topic,
  TopicDetail: topicDetail,
  TopicPage: topicPage,
  HolidayCalendarList: holidayCalendarList,
  HolidayCalendarSaved: holidayCalendarSaved,
} as const;
