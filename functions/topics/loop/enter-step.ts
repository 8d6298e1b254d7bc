/** Entering a step: its deadline from the policy and the holiday calendar, and the person responsible told. */
import { stepDeadline } from "../../domain/topics/policy";
import type { TopicStep } from "../../domain/topics/steps";
import { config } from "../../kernel/config";
import { retryStaleWrites } from "../../kernel/retry";
import { policyOf } from "../present";
import { addresseeOf } from "../recipients";
import type { TopicServices } from "../services";
import { calendarsInForce } from "../store/calendars";
import { getTopic, type NewTopicEvent, type StoredTopic, saveTopic } from "../store/topics";
import { notifyAboutStep, responsibleFor } from "./notify";
import { nextWait, type StepState } from "./waiting";

type Calendars = Awaited<ReturnType<typeof calendarsInForce>>;

/** Records the entry once: a retried task finds the step entered and changes nothing. */
/**
 * The entry's start and deadline: those the decision that led here planned (its answer showed them,
 * and an extension may have moved the deadline since), or from now when nothing was planned.
 */
function planOfEntry(current: StoredTopic, step: TopicStep, now: Date, calendars: Calendars) {
  const planned = current.plannedSeq === current.stepSeq && current.deadline !== undefined;
  const startedAt = planned && current.stepStartedAt ? new Date(current.stepStartedAt) : now;
  const computed = stepDeadline(step, startedAt, policyOf(current), calendars, config().timeZone);
  return {
    planned,
    startedAt,
    deadline: planned && current.deadline ? new Date(current.deadline) : computed.deadline,
    deadlineSetAt: (planned && current.deadlineSetAt) || now.toISOString(),
    yearsWithoutCalendar: computed.yearsWithoutCalendar,
  };
}

async function recordEntry(
  services: TopicServices,
  current: StoredTopic,
  step: TopicStep,
  calendars: Calendars,
) {
  if (current.enteredSeq === current.stepSeq || current.step !== step || current.status === "closed") {
    return current;
  }
  const now = services.now();
  const plan = planOfEntry(current, step, now, calendars);
  const { deadline, yearsWithoutCalendar } = plan;
  const event: NewTopicEvent = {
    at: now.toISOString(),
    kind: "step_started",
    step,
    details: {
      deadline: deadline.toISOString(),
      responsible: responsibleFor(current, step).name,
      ...(yearsWithoutCalendar.length ? { yearsWithoutHolidayCalendar: yearsWithoutCalendar } : {}),
    },
  };
  return saveTopic(
    current,
    ({ pendingDecision, ...topic }) => ({
      ...topic,
      // The decision that led here has arrived: this entry is its delivery.
      ...(pendingDecision && pendingDecision.step !== step ? { pendingDecision } : {}),
      enteredSeq: topic.stepSeq,
      stepStartedAt: plan.startedAt.toISOString(),
      deadline: deadline.toISOString(),
      deadlineSetAt: plan.deadlineSetAt,
      alarmsSent: plan.planned ? topic.alarmsSent : [],
      extensions: plan.planned ? topic.extensions : 0,
    }),
    [event],
    now,
  );
}

export async function enterStep(
  services: TopicServices,
  input: { topicId: string; step: TopicStep },
): Promise<StepState> {
  const calendars = await calendarsInForce();
  const topic = await retryStaleWrites(async () =>
    recordEntry(services, await getTopic(input.topicId), input.step, calendars),
  );
  const entered = topic.step === input.step && topic.status === "open" && topic.enteredSeq === topic.stepSeq;
  if (entered) {
    // Outside the save: a retried task repeats the notice, whose key makes it one.
    await notifyAboutStep(services, topic, await addresseeOf(responsibleFor(topic, input.step)), {
      templateId: "step_started",
      key: `${topic.id}:${topic.stepSeq}:started`,
    });
  }
  return {
    topicId: topic.id,
    step: input.step,
    waitSeconds: nextWait(topic, input.step, services.now(), calendars),
  };
}
