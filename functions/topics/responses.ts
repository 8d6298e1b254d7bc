/** Response shapes of topics and holiday calendars (OpenAPI components; they type the answers). */
import * as v from "valibot";
import { topicSteps } from "../domain/topics/steps";
import { topicSources } from "../domain/topics/vocabulary";
import { id, int, isoTimestamp, pageOf, version } from "../kernel/contracts";

const person = v.object({
  name: v.string(),
  memberId: v.optional(id),
  phone: v.optional(v.string()),
  email: v.optional(v.string()),
});
const stepId = v.picklist(topicSteps);

const topicEntries = {
  id,
  stationId: id,
  title: v.string(),
  description: v.string(),
  source: v.picklist(topicSources),
  responsible: person,
  stepResponsible: v.record(v.string(), person),
  status: v.picklist(["open", "closed"]),
  closedAs: v.optional(v.picklist(["completed", "rejected"])),
  closedAt: v.optional(isoTimestamp),
  step: stepId,
  stepName: v.string(),
  stepStartedAt: v.optional(isoTimestamp),
  deadline: v.optional(isoTimestamp),
  /** Present while the deadline counts some year's holidays by estimate (no official calendar loaded). */
  deadlineEstimate: v.optional(v.object({ years: v.array(int), note: v.string() })),
  overdue: v.boolean(),
  extensions: int,
  returns: int,
  evidence: v.record(v.string(), v.unknown()),
  /** One of the configured categories (GET /topic-categories), with its name. */
  category: v.optional(v.string()),
  categoryName: v.optional(v.string()),
  /** The 社情民意 item the topic was promoted from. */
  opinionId: v.optional(id),
  /** Who raised it before the loop began (a promoted item's submitter): told the outcome. */
  sourcePeople: v.optional(v.array(person)),
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
};
export const topic = v.object(topicEntries);
export type Topic = v.InferOutput<typeof topic>;

export const topicEvent = v.object({
  seq: int,
  at: isoTimestamp,
  kind: v.string(),
  step: stepId,
  actor: v.optional(v.object({ subject: v.string(), name: v.optional(v.string()) })),
  details: v.optional(v.record(v.string(), v.unknown())),
  text: v.string(),
});

export const topicDetail = v.object({ ...topicEntries, timeline: v.array(topicEvent) });
export const topicPage = pageOf(topic);

export const holidayCalendar = v.object({
  year: int,
  holidays: v.array(v.string()),
  workdays: v.array(v.string()),
  source: v.string(),
  shipped: v.boolean(),
  /** An estimate by the statutory rules, in use until the official calendar is loaded. */
  estimated: v.boolean(),
});
export const holidayCalendarList = v.object({ items: v.array(holidayCalendar) });
export const holidayCalendarSaved = v.object({
  items: v.array(holidayCalendar),
  /** Open topics whose deadline moved with the new calendar. */
  replannedTopics: int,
});

export const topicCategoryList = v.object({
  items: v.array(
    v.object({
      id: v.string(),
      /** In the reader's language. */
      name: v.string(),
      labels: v.object({ "zh-CN": v.string(), en: v.string() }),
    }),
  ),
});

/** A topic's loop started again (decision 0026). */
const topicRedrive = v.object({
  topicId: id,
  step: stepId,
  /** True: the stored step's entry stands (no second notice); false: the step is entered afresh. */
  resume: v.boolean(),
  /** Why it had stopped: failed, timedOut, aborted, ended, neverStarted. */
  reason: v.picklist(["failed", "timedOut", "aborted", "ended", "neverStarted"]),
  executionName: v.string(),
});

/** Named schemas of topics and calendars (OpenAPI components). */
export const topicSchemas = {
  Topic: topic,
  TopicDetail: topicDetail,
  TopicPage: topicPage,
  HolidayCalendarList: holidayCalendarList,
  HolidayCalendarSaved: holidayCalendarSaved,
  TopicCategoryList: topicCategoryList,
  TopicRedrive: topicRedrive,
} as const;
