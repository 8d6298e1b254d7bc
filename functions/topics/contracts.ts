/** Request shapes of the topic loop: a new topic, each step's evidence, return, reject, extend. */
import * as v from "valibot";
import { maxMembersPresent } from "../domain/quota/activities";
import { dayUnits } from "../domain/topics/policy";
import { type TopicStep, topicSteps } from "../domain/topics/steps";
import { consultationFormats, feedbackMethods, topicSources } from "../domain/topics/vocabulary";
import { id, int, isoDate, listOf, longText, shortText, strictObject, version } from "../kernel/contracts";
import { isoDateTimeWithOffsetPattern } from "../kernel/formats";
import { email, mainlandMobile, personName } from "../registry/contracts";

/** Free text that must say something (trimmed, not empty). */
/* @__NO_SIDE_EFFECTS__ */
const prose = (max: number) => shortText(max);

export { isoDate };

/** A deadline: a date (by the end of that day in the county) or a date-time with its offset. */
export const deadlineInput = /* @__PURE__ */ (() =>
  v.union([isoDate, v.pipe(v.string(), v.regex(isoDateTimeWithOffsetPattern))]))();

export const duration = /* @__PURE__ */ (() =>
  strictObject({
    amount: v.pipe(int, v.minValue(1), v.maxValue(365)),
    unit: v.picklist(dayUnits),
  }))();

/** Who answers for a step: a member, or anyone the notices can reach by phone or email. */
export const responsible = /* @__PURE__ */ (() =>
  v.pipe(
    strictObject({
      /** With `memberId`, the member's name as registered (400 `responsible_name_mismatch` otherwise). */
      name: personName(50),
      memberId: v.optional(id),
      phone: v.optional(mainlandMobile),
      email: v.optional(email),
    }),
    v.check((value) => Boolean(value.memberId || value.phone || value.email), "responsible_unreachable"),
  ))();

/* @__NO_SIDE_EFFECTS__ */
const perStep = <T extends v.GenericSchema>(schema: T) =>
  strictObject(
    Object.fromEntries(topicSteps.map((step) => [step, v.optional(schema)])) as Record<
      TopicStep,
      v.OptionalSchema<T, undefined>
    >,
  );

export const deadlineDurations = /* @__PURE__ */ (() => perStep(duration))();
export const stepResponsibles = /* @__PURE__ */ (() => perStep(responsible))();

/** A topic category's id: checked against the configured ones by the use case (400 naming the field). */
export const topicCategory = /* @__PURE__ */ (() =>
  v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/)))();

export const topicCreate = /* @__PURE__ */ (() =>
  strictObject({
    title: shortText(100),
    description: v.optional(longText(2000)),
    source: v.picklist(topicSources),
    stationId: id,
    responsible,
    /** Per-step time limits, replacing the county's defaults for this topic. */
    deadlines: v.optional(deadlineDurations),
    /** Per-step responsible people, where not the topic's `responsible`. */
    responsibles: v.optional(stepResponsibles),
    /** One of the configured topic categories (GET /topic-categories). */
    category: v.optional(topicCategory),
  }))();
export type TopicCreate = v.InferOutput<typeof topicCreate>;

/** A topic's own fields that change outside the loop: its category (`null` clears it). */
export const topicPatch = /* @__PURE__ */ (() =>
  strictObject({
    category: v.nullable(topicCategory),
    version: v.optional(version),
  }))();
export type TopicPatch = v.InferOutput<typeof topicPatch>;

/**
 * Someone who raised the topic: told of the outcome at the end of the loop, at `contact` (a mainland
 * mobile number or an e-mail address). The name is the name alone: a number in it is refused.
 */
export const raisedBy = /* @__PURE__ */ (() =>
  strictObject({ name: personName(50), contact: v.optional(shortText(100)) }))();

export const collectEvidence = /* @__PURE__ */ (() =>
  strictObject({
    /** How the topic was collected: duty shift, visit, public-opinion item, assigned by the county … */
    summary: prose(2000),
    raisedBy: v.pipe(listOf(raisedBy, 100), v.minLength(1)),
  }))();

/** Completing `determine` adopts the topic; declining it is `topicReject`. */
export const determineEvidence = /* @__PURE__ */ (() =>
  strictObject({
    decision: v.literal("adopted"),
    format: v.picklist(consultationFormats),
    reason: prose(1000),
  }))();

export const visit = /* @__PURE__ */ (() =>
  strictObject({
    date: isoDate,
    place: shortText(100),
    members: v.pipe(listOf(id, 50), v.minLength(1)),
  }))();

export const researchEvidence = /* @__PURE__ */ (() =>
  strictObject({
    visits: v.pipe(listOf(visit, 50), v.minLength(1)),
    findings: prose(5000),
  }))();

export const participants = /* @__PURE__ */ (() =>
  strictObject({
    /** At most what one activity records (its attendance rides in the step's transaction). */
    members: v.pipe(listOf(id, maxMembersPresent), v.minLength(1)),
    departments: listOf(shortText(100), 50),
    /** How many residents took part, or their names. */
    residents: v.union([v.pipe(int, v.minValue(0), v.maxValue(100_000)), listOf(personName(50), 500)]),
  }))();

export const consultEvidence = /* @__PURE__ */ (() =>
  strictObject({
    meeting: strictObject({
      date: isoDate,
      place: shortText(100),
      participants,
      consensus: prose(5000),
    }),
  }))();

export const reportEvidence = /* @__PURE__ */ (() =>
  strictObject({
    summary: prose(5000),
    sentTo: v.pipe(listOf(shortText(100), 20), v.minLength(1)),
    sentOn: isoDate,
  }))();

export const departmentResponse = /* @__PURE__ */ (() =>
  strictObject({
    department: shortText(100),
    response: prose(5000),
    respondedOn: isoDate,
  }))();

export const feedbackEvidence = /* @__PURE__ */ (() =>
  strictObject({
    responses: v.pipe(listOf(departmentResponse, 50), v.minLength(1)),
    feedbackToSource: strictObject({
      method: v.picklist(feedbackMethods),
      summary: prose(2000),
      givenOn: isoDate,
    }),
  }))();

/**
 * The most a step's evidence may weigh, as JSON (UTF-8). The topic keeps every step's evidence in its
 * one DynamoDB item (400 KB at most): six steps at this size leave room for the rest of the topic.
 */
export const maxEvidenceBytesPerStep = 56 * 1024;

/** The body of `POST /topics/{topicId}/steps/{step}/complete`, by step. */
export const stepEvidence = {
  collect: collectEvidence,
  determine: determineEvidence,
  research: researchEvidence,
  consult: consultEvidence,
  report: reportEvidence,
  feedback: feedbackEvidence,
} as const satisfies Record<TopicStep, v.GenericSchema>;
export type StepEvidence<S extends TopicStep = TopicStep> = v.InferOutput<(typeof stepEvidence)[S]>;

/** `step`: the step the caller saw and sends back from; if the topic has moved on, 409. */
export const topicReturn = /* @__PURE__ */ (() =>
  strictObject({
    step: v.picklist(topicSteps),
    toStep: v.picklist(topicSteps),
    reason: prose(1000),
  }))();
export type TopicReturn = v.InferOutput<typeof topicReturn>;

/** `step`: the step the caller saw (declining is only possible at 确定议题); if it moved on, 409. */
export const topicReject = /* @__PURE__ */ (() =>
  strictObject({ step: v.picklist(topicSteps), reason: prose(1000) }))();
export type TopicReject = v.InferOutput<typeof topicReject>;

export const deadlineExtension = /* @__PURE__ */ (() =>
  strictObject({ deadline: deadlineInput, reason: prose(1000) }))();
export type DeadlineExtension = v.InferOutput<typeof deadlineExtension>;

/** Path parameters of the topic routes: a malformed id or an unknown step answers 404. */
export const topicPath = /* @__PURE__ */ (() => strictObject({ topicId: id }))();
export const stepPath = /* @__PURE__ */ (() => strictObject({ topicId: id, step: v.picklist(topicSteps) }))();

/** Four digits only: Number() alone would read "2027.0", "02027" or "0x7EB" as 2027. */
export const calendarYearPath = /* @__PURE__ */ (() =>
  strictObject({
    year: v.pipe(v.string(), v.regex(/^\d{4}$/, "invalid_year"), v.transform(Number)),
  }))();
