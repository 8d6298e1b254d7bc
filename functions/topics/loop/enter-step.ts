/** Entering a step: its deadline from the policy and the holiday calendar, and the person responsible told. */
import type { TopicStep } from "../../domain/topics/steps";
import { retryStaleWrites } from "../../kernel/retry";
import { bookkeeping } from "../deliver";
import { planStep, responsibleFor } from "../plan-step";
import { addresseeOf } from "../recipients";
import type { TopicServices } from "../services";
import { calendarsInForce } from "../store/calendars";
import { getTopic, type StoredTopic, saveTopic } from "../store/topics";
import { notifyAboutStep } from "./notify";
import { nextWait, type StepState } from "./waiting";

type Calendars = Awaited<ReturnType<typeof calendarsInForce>>;

/**
 * Records the entry once: a retried task finds the step entered and changes nothing. An entry the
 * decision that led here planned (its deadline shown in that decision's answer, its start in the
 * timeline, perhaps extended since) is only marked entered; otherwise it is planned now.
 */
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
  const planned = current.plannedSeq === current.stepSeq && current.deadline !== undefined;
  const fresh = planned ? undefined : planStep(current, step, now, calendars, current.stepSeq);
  const { pendingDecision, ...entered } = fresh?.topic ?? current;
  return saveTopic(
    current,
    () => ({
      ...entered,
      // The decision that led here has arrived: this entry is its delivery.
      ...(pendingDecision && pendingDecision.step !== step ? { pendingDecision } : {}),
      enteredSeq: current.stepSeq,
    }),
    fresh ? [fresh.event] : [],
    now,
    // Marking a planned entry entered changes nothing a person sees: their ETag stays valid.
    fresh ? {} : bookkeeping,
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
