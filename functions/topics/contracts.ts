/** Request shapes of the topic loop: a new topic, each step's evidence, return, reject, extend. */
import * as z from "zod/mini";
import { dayUnits } from "../domain/topics/policy";
import { type TopicStep, topicSteps } from "../domain/topics/steps";
import { consultationFormats, feedbackMethods, topicSources } from "../domain/topics/vocabulary";
import { id, longText, shortText } from "../kernel/contracts";
import { email, mainlandMobile } from "../registry/contracts";

/** Free text that must say something (trimmed, not empty). */
const prose = (max: number) => shortText(max);

export const isoDate = z.iso.date();

/** A deadline: a date (by the end of that day in the county) or a date-time with its offset. */
export const deadlineInput = z.union([isoDate, z.iso.datetime({ offset: true })]);

export const duration = z.strictObject({
  amount: z.int().check(z.minimum(1), z.maximum(365)),
  unit: z.enum(dayUnits),
});

/** Who answers for a step: a member, or anyone the notices can reach by phone or email. */
export const responsible = z
  .strictObject({
    name: shortText(50),
    memberId: z.optional(id),
    phone: z.optional(mainlandMobile),
    email: z.optional(email),
  })
  .check(
    z.refine((value) => Boolean(value.memberId || value.phone || value.email), {
      message: "responsible_unreachable",
    }),
  );

const perStep = <T extends z.ZodMiniType>(schema: T) =>
  z.strictObject(
    Object.fromEntries(topicSteps.map((step) => [step, z.optional(schema)])) as Record<
      TopicStep,
      z.ZodMiniOptional<T>
    >,
  );

export const topicCreate = z.strictObject({
  title: shortText(100),
  description: z.optional(longText(2000)),
  source: z.enum(topicSources),
  stationId: id,
  responsible,
  /** Per-step time limits, replacing the county's defaults for this topic. */
  deadlines: z.optional(perStep(duration)),
  /** Per-step responsible people, where not the topic's `responsible`. */
  responsibles: z.optional(perStep(responsible)),
});
export type TopicCreate = z.output<typeof topicCreate>;

/** Someone who raised the topic: told of the outcome at the end of the loop. */
export const raisedBy = z.strictObject({ name: shortText(50), contact: z.optional(shortText(100)) });

export const collectEvidence = z.strictObject({
  /** How the topic was collected: duty shift, visit, public-opinion item, assigned by the county … */
  summary: prose(2000),
  raisedBy: z.array(raisedBy).check(z.minLength(1), z.maxLength(100)),
});

/** Completing `determine` adopts the topic; declining it is `topicReject`. */
export const determineEvidence = z.strictObject({
  decision: z.literal("adopted"),
  format: z.enum(consultationFormats),
  reason: prose(1000),
});

export const visit = z.strictObject({
  date: isoDate,
  place: shortText(100),
  members: z.array(id).check(z.minLength(1), z.maxLength(50)),
});

export const researchEvidence = z.strictObject({
  visits: z.array(visit).check(z.minLength(1), z.maxLength(50)),
  findings: prose(5000),
});

export const participants = z.strictObject({
  members: z.array(id).check(z.minLength(1), z.maxLength(100)),
  departments: z.array(shortText(100)).check(z.maxLength(50)),
  /** How many residents took part, or their names. */
  residents: z.union([
    z.int().check(z.minimum(0), z.maximum(100_000)),
    z.array(shortText(50)).check(z.maxLength(500)),
  ]),
});

export const consultEvidence = z.strictObject({
  meeting: z.strictObject({
    date: isoDate,
    place: shortText(100),
    participants,
    consensus: prose(5000),
  }),
});

export const reportEvidence = z.strictObject({
  summary: prose(5000),
  sentTo: z.array(shortText(100)).check(z.minLength(1), z.maxLength(20)),
  sentOn: isoDate,
});

export const departmentResponse = z.strictObject({
  department: shortText(100),
  response: prose(5000),
  respondedOn: isoDate,
});

export const feedbackEvidence = z.strictObject({
  responses: z.array(departmentResponse).check(z.minLength(1), z.maxLength(50)),
  feedbackToSource: z.strictObject({
    method: z.enum(feedbackMethods),
    summary: prose(2000),
    givenOn: isoDate,
  }),
});

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
} as const satisfies Record<TopicStep, z.ZodMiniType>;
export type StepEvidence<S extends TopicStep = TopicStep> = z.output<(typeof stepEvidence)[S]>;

/** `step`: the step the caller saw and sends back from; if the topic has moved on, 409. */
export const topicReturn = z.strictObject({
  step: z.enum(topicSteps),
  toStep: z.enum(topicSteps),
  reason: prose(1000),
});
export type TopicReturn = z.output<typeof topicReturn>;

/** `step`: the step the caller saw (declining is only possible at 确定议题); if it moved on, 409. */
export const topicReject = z.strictObject({ step: z.enum(topicSteps), reason: prose(1000) });
export type TopicReject = z.output<typeof topicReject>;

export const deadlineExtension = z.strictObject({ deadline: deadlineInput, reason: prose(1000) });
export type DeadlineExtension = z.output<typeof deadlineExtension>;

/** Path parameters of the topic routes: a malformed id or an unknown step answers 404. */
export const topicPath = z.strictObject({ topicId: id });
export const stepPath = z.strictObject({ topicId: id, step: z.enum(topicSteps) });

/** Four digits only: Number() alone would read "2027.0", "02027" or "0x7EB" as 2027. */
export const calendarYearPath = z.strictObject({
  year: z.pipe(z.string().check(z.regex(/^\d{4}$/, { message: "invalid_year" })), z.transform(Number)),
});
