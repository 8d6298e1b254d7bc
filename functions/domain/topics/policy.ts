/**
 * How long each step may take, when the responsible person is reminded, and who is told when a
 * step is overdue (the escalation ladder of DOMAIN.md). The defaults below are a county's starting
 * point; a county or a topic may override them through `resolvePolicy`.
 */
import { type FieldProblem, ValidationError } from "../errors";
import {
  addDuration,
  type Calendars,
  type DayUnit,
  type Duration,
  localDate,
  yearsOnEstimate,
} from "./calendar";
import { type TopicStep, topicSteps } from "./steps";

/** Lead member (牵头委员) → liaison leader and special committee (联系领导、专委会) → county office. */
export const escalationLadder = ["leadMember", "liaison", "countyOffice"] as const;
export type EscalationLevel = (typeof escalationLadder)[number];

export const dayUnits = ["days", "workingDays"] as const satisfies readonly DayUnit[];

export interface TopicPolicy {
  /** How long each step may take, counted in whole days from the day after it starts. */
  readonly deadlines: Readonly<Record<TopicStep, Duration>>;
  /** How long before the deadline's day the responsible person is reminded; 0 sends no such reminder. */
  readonly reminderBefore: Duration;
  /** Local hour at which reminders and escalations go out: nobody should get an SMS at midnight. */
  readonly notifyHour: number;
  /** When each level of the ladder is told, counted from the deadline's day; later levels later. */
  readonly escalateAfter: Readonly<Record<EscalationLevel, Duration>>;
  /** Times a topic may be sent back to an earlier step, over its whole life. */
  readonly maxReturns: number;
  /** Times the current step's deadline may be extended. */
  readonly maxExtensionsPerStep: number;
  /** Longest single wait of the state machine; a wake-up with nothing due just waits again. */
  readonly maxWaitSeconds: number;
}

const workingDays = (amount: number): Duration => ({ amount, unit: "workingDays" });

/**
 * Working days throughout, so that a step started before the Spring Festival is not overdue on the
 * first day back. Collect: two weeks of duty shifts and visits. Determine: one meeting, a week.
 * Research: the members' visits, the longest step of their own. Consult: two weeks to bring
 * members, departments and residents together. Report: a week to write the consensus up and send
 * it. Feedback: departments answer on their own schedule; a month before the ladder starts.
 */
export const defaultTopicPolicy: TopicPolicy = {
  deadlines: {
    collect: workingDays(10),
    determine: workingDays(5),
    research: workingDays(15),
    consult: workingDays(10),
    report: workingDays(5),
    feedback: workingDays(20),
  },
  reminderBefore: workingDays(2),
  notifyHour: 9,
  escalateAfter: { leadMember: workingDays(1), liaison: workingDays(3), countyOffice: workingDays(7) },
  maxReturns: 3,
  maxExtensionsPerStep: 2,
  maxWaitSeconds: 20 * 24 * 60 * 60,
};

export interface TopicPolicyOverrides {
  readonly deadlines?: Partial<Record<TopicStep, Duration>>;
  readonly reminderBefore?: Duration;
  readonly notifyHour?: number;
  readonly escalateAfter?: Partial<Record<EscalationLevel, Duration>>;
  readonly maxReturns?: number;
  readonly maxExtensionsPerStep?: number;
  readonly maxWaitSeconds?: number;
}

const overrideKeys = [
  "deadlines",
  "reminderBefore",
  "notifyHour",
  "escalateAfter",
  "maxReturns",
  "maxExtensionsPerStep",
  "maxWaitSeconds",
] as const satisfies readonly (keyof TopicPolicyOverrides)[];

/** `base` with `overrides` applied; throws ValidationError listing every out-of-range value. */
export function resolvePolicy(
  overrides: TopicPolicyOverrides = {},
  base: TopicPolicy = defaultTopicPolicy,
): TopicPolicy {
  const problems: FieldProblem[] = [];
  const problem = (field: string, code: string, params?: Record<string, string | number>) =>
    problems.push({ field, code, message: code, ...(params ? { params } : {}) });

  unknownKeys(overrides, overrideKeys, "", problem);
  unknownKeys(overrides.deadlines ?? {}, topicSteps, "deadlines.", problem);
  unknownKeys(overrides.escalateAfter ?? {}, escalationLadder, "escalateAfter.", problem);

  const policy: TopicPolicy = {
    ...base,
    ...withoutUndefined(overrides),
    deadlines: { ...base.deadlines, ...withoutUndefined(overrides.deadlines ?? {}) },
    escalateAfter: { ...base.escalateAfter, ...withoutUndefined(overrides.escalateAfter ?? {}) },
  };

  const duration = (field: string, value: Duration, min: number, max: number) => {
    if (!(dayUnits as readonly string[]).includes(value.unit)) problem(`${field}.unit`, "invalid_unit");
    if (!isWholeIn(value.amount, min, max)) problem(`${field}.amount`, "out_of_range", { min, max });
  };
  for (const step of topicSteps) duration(`deadlines.${step}`, policy.deadlines[step], 1, 365);
  duration("reminderBefore", policy.reminderBefore, 0, 30);
  escalationLadder.forEach((level, index) => {
    const after = policy.escalateAfter[level];
    duration(`escalateAfter.${level}`, after, 1, 90);
    const previous = escalationLadder[index - 1];
    const before = previous && policy.escalateAfter[previous];
    if (before && before.unit === after.unit && before.amount >= after.amount) {
      problem(`escalateAfter.${level}.amount`, "escalation_out_of_order", { after: before.amount });
    }
  });
  const whole = (field: keyof TopicPolicy, min: number, max: number) => {
    if (!isWholeIn(policy[field], min, max)) problem(field, "out_of_range", { min, max });
  };
  whole("notifyHour", 0, 23);
  whole("maxReturns", 0, 20);
  whole("maxExtensionsPerStep", 0, 10);
  // A Step Functions task may wait at most a year.
  whole("maxWaitSeconds", 60, 365 * 24 * 60 * 60);

  if (problems.length) throw new ValidationError(problems);
  return policy;
}

export interface StepDeadline {
  readonly deadline: Date;
  /** Years the count ran through without their official holiday calendar: the deadline is an estimate. */
  readonly estimatedYears: readonly number[];
}

/** When a step entered at `start` is due under `policy`. */
export function stepDeadline(
  step: TopicStep,
  start: Date,
  policy: TopicPolicy,
  calendars: Calendars,
  timeZone: string,
): StepDeadline {
  const duration = policy.deadlines[step];
  const deadline = addDuration(start, duration, calendars, timeZone);
  const estimatedYears =
    duration.unit === "workingDays"
      ? yearsOnEstimate(localDate(start, timeZone), localDate(deadline, timeZone), calendars)
      : [];
  return { deadline, estimatedYears };
}

function isWholeIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

function unknownKeys(
  value: object,
  known: readonly string[],
  prefix: string,
  problem: (field: string, code: string) => void,
): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) problem(`${prefix}${key}`, "unknown_field");
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/**
 * Who a rung of the ladder tells: its own level, except that a lead member who is the person
 * responsible is not asked to chase themselves — the next level above is told instead.
 */
export function rungToTell(
  level: EscalationLevel,
  people: { readonly leadMemberId?: string | undefined; readonly responsibleMemberId?: string | undefined },
): EscalationLevel {
  const chasingThemselves =
    level === "leadMember" &&
    people.leadMemberId !== undefined &&
    people.leadMemberId === people.responsibleMemberId;
  return chasingThemselves ? "liaison" : level;
}
