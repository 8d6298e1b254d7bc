/**
 * A new entry of a step, planned by the decision that leads to it: started now, with its deadline
 * (from the policy and the holiday calendars) and fresh alarms, and its `step_started` line in the
 * timeline. The decision's answer shows it, and the decision enters it (decision 0006).
 */
import type { Calendars } from "../domain/topics/calendar";
import { type StepDeadline, stepDeadline } from "../domain/topics/policy";
import type { TopicStep } from "../domain/topics/steps";
import { config } from "../kernel/config";
import { policyOf } from "./present";
import type { NewTopicEvent, StoredTopic } from "./store/topics";

export const responsibleFor = (topic: StoredTopic, step: TopicStep) =>
  topic.stepResponsible[step] ?? topic.responsible;

/** The timeline's line for a step's start: its deadline, who is responsible, years counted on an estimate. */
export function stepStartedEvent(
  topic: StoredTopic,
  step: TopicStep,
  at: Date,
  planned: StepDeadline,
): NewTopicEvent {
  return {
    at: at.toISOString(),
    kind: "step_started",
    step,
    details: {
      deadline: planned.deadline.toISOString(),
      responsible: responsibleFor(topic, step).name,
      ...(planned.estimatedYears.length
        ? { estimatedHolidayCalendarYears: [...planned.estimatedYears] }
        : {}),
    },
  };
}

/**
 * The topic with `planned` as its deadline and the years that count rested on an estimate (none: the
 * field goes). A step's plan and a re-plan after a calendar upload both set a deadline this way.
 */
export function withCountedDeadline(topic: StoredTopic, planned: StepDeadline): StoredTopic {
  const { deadlineEstimatedYears: _previous, ...rest } = topic;
  return {
    ...rest,
    ...(planned.estimatedYears.length ? { deadlineEstimatedYears: planned.estimatedYears } : {}),
    deadline: planned.deadline.toISOString(),
  };
}

/** The next entry (`stepSeq` one on), or, for an entry nobody planned, the current one. */
export function planStep(
  topic: StoredTopic,
  step: TopicStep,
  now: Date,
  calendars: Calendars,
  stepSeq = topic.stepSeq + 1,
) {
  const planned = stepDeadline(step, now, policyOf(topic), calendars, config().timeZone);
  const entered: StoredTopic = {
    ...withCountedDeadline(topic, planned),
    step,
    stepSeq,
    plannedSeq: stepSeq,
    stepStartedAt: now.toISOString(),
    deadlineSetAt: now.toISOString(),
    extensions: 0,
    alarmsSent: [],
  };
  return { topic: entered, event: stepStartedEvent(topic, step, now, planned) };
}
