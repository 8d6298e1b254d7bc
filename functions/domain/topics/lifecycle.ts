/**
 * Which commands a topic accepts in which state. Pure decisions: the store records them in one
 * conditional write on the topic.
 *
 * A request that cannot fit the topic as it stands (closed, another step current, a limit used up)
 * is a ConflictError: reload the topic. A value that is wrong against it (returning to a step that
 * is not earlier, a deadline that is not later) is a ValidationError on that field.
 * errors.ts has one conflict reason for the topic loop, `wrong_step`; the precise code is the
 * problem's code (`TopicConflictCode`).
 */
import { ConflictError, type FieldProblem, ValidationError } from "../errors";
import { defaultTopicPolicy, type TopicPolicy } from "./policy";
import { isEarlier, nextStep, type TopicStep } from "./steps";

export const topicStatuses = ["open", "closed"] as const;
export type TopicStatus = (typeof topicStatuses)[number];

/** How a closed topic ended: the loop completed with feedback, or the topic was not adopted. */
export const topicClosures = ["completed", "rejected"] as const;
export type TopicClosure = (typeof topicClosures)[number];

export interface TopicState {
  readonly status: TopicStatus;
  readonly closedAs?: TopicClosure;
  readonly step: TopicStep;
  /** Times sent back to an earlier step, over the topic's life. */
  readonly returns: number;
  /** Deadline extensions of the current step. */
  readonly extensions: number;
}

export type TopicConflictCode =
  | "topic_closed"
  | "not_current_step"
  | "reject_only_at_determine"
  | "return_limit_reached"
  | "extension_limit_reached";

export type CompleteDecision = { readonly next: TopicStep } | { readonly close: "completed" };
export interface ReturnDecision {
  readonly step: TopicStep;
  readonly returns: number;
}
export interface RejectDecision {
  readonly close: "rejected";
}
export interface ExtendDecision {
  readonly deadline: Date;
  readonly extensions: number;
}

type Limits = Pick<TopicPolicy, "maxReturns" | "maxExtensionsPerStep">;

/** A new topic: open at `collect`. */
export const initialTopicState: TopicState = { status: "open", step: "collect", returns: 0, extensions: 0 };

/** Finish `step` with its evidence: on to the next step, or close the loop after feedback. */
/**
 * A decision names the step it was taken on; one that arrives after the topic moved on (another
 * person decided first) must not act on the step the topic is at now.
 */
function requireCurrent(state: TopicState, step: TopicStep): void {
  if (step !== state.step) {
    throw conflict("not_current_step", { field: "step", params: { step, current: state.step } });
  }
}

export function decideComplete(state: TopicState, step: TopicStep): CompleteDecision {
  requireOpen(state);
  requireCurrent(state, step);
  const next = nextStep(step);
  return next ? { next } : { close: "completed" };
}

/** Send the topic back to an earlier step, e.g. research found the topic needs redefining. */
export function decideReturn(
  state: TopicState,
  fromStep: TopicStep,
  toStep: TopicStep,
  limits: Limits = defaultTopicPolicy,
): ReturnDecision {
  requireOpen(state);
  requireCurrent(state, fromStep);
  if (!isEarlier(toStep, state.step)) {
    throw invalid("toStep", "not_earlier_step", { toStep, current: state.step });
  }
  if (state.returns >= limits.maxReturns) {
    throw conflict("return_limit_reached", { params: { max: limits.maxReturns } });
  }
  return { step: toStep, returns: state.returns + 1 };
}

/** Decline the topic: only while determining it (确定议题); the people who raised it are told. */
export function decideReject(state: TopicState, step: TopicStep): RejectDecision {
  requireOpen(state);
  requireCurrent(state, step);
  if (state.step !== "determine") {
    throw conflict("reject_only_at_determine", { field: "step", params: { current: state.step } });
  }
  return { close: "rejected" };
}

/** The furthest an extension may move a deadline, in days. */
export const maxExtensionDays = 366;

/** Move the current step's deadline later. */
export function decideExtend(
  state: TopicState,
  currentDeadline: Date,
  newDeadline: Date,
  limits: Limits = defaultTopicPolicy,
): ExtendDecision {
  requireOpen(state);
  if (Number.isNaN(newDeadline.getTime())) throw invalid("deadline", "invalid_deadline");
  if (newDeadline <= currentDeadline) {
    throw invalid("deadline", "deadline_not_later", { currentDeadline: currentDeadline.toISOString() });
  }
  // A step put off by more than a year is a topic to decline or send back, not to extend; and
  // "9999-12-31" as "no deadline" would carry the escalation dates past year 9999.
  if (newDeadline.getTime() - currentDeadline.getTime() > maxExtensionDays * 86_400_000) {
    throw invalid("deadline", "deadline_too_far", { max: maxExtensionDays });
  }
  if (state.extensions >= limits.maxExtensionsPerStep) {
    throw conflict("extension_limit_reached", { params: { max: limits.maxExtensionsPerStep } });
  }
  return { deadline: newDeadline, extensions: state.extensions + 1 };
}

/** The state after a decision: entering a step (next or earlier) starts its extensions afresh. */
export function applyDecision(
  state: TopicState,
  decision: CompleteDecision | ReturnDecision | RejectDecision | ExtendDecision,
): TopicState {
  if ("close" in decision) return { ...state, status: "closed", closedAs: decision.close };
  if ("next" in decision) return { ...state, step: decision.next, extensions: 0 };
  if ("step" in decision) return { ...state, step: decision.step, returns: decision.returns, extensions: 0 };
  return { ...state, extensions: decision.extensions };
}

function requireOpen(state: TopicState): void {
  if (state.status === "closed") {
    throw conflict("topic_closed", { params: { closedAs: state.closedAs ?? "completed" } });
  }
}

function conflict(
  code: TopicConflictCode,
  detail: { field?: string; params?: Record<string, string | number> },
): ConflictError {
  const problem: FieldProblem = { field: detail.field ?? "", code, message: code, params: detail.params };
  return new ConflictError("wrong_step", undefined, [problem]);
}

function invalid(field: string, code: string, params?: Record<string, string | number>): ValidationError {
  return new ValidationError([{ field, code, message: code, ...(params ? { params } : {}) }]);
}
