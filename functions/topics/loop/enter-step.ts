/**
 * Entering a step: its deadline from the policy and the holiday calendar, and the person responsible
 * told. The entry is the step's wait too (decision 0006, addendum of 2026-12-03): the task token is
 * parked in the same write as the entry and its notice, and the decision answers it.
 */
import type { TopicStep } from "../../domain/topics/steps";
import { retryStaleWrites } from "../../kernel/retry";
import { stepStarted } from "../../notices/templates/step-notices";
import { planStep, responsibleFor } from "../plan-step";
import { addresseeOf } from "../recipients";
import type { TopicServices } from "../services";
import { stepNotice } from "../step-notice";
import { calendarsInForce } from "../store/calendars";
import { getTopic, type StoredTopic } from "../store/topics";
import { awaitStep } from "./await-step";
import { saveWithNotices } from "./notify";
import { decisionWaiting, nextWait, type StepState } from "./waiting";

type Calendars = Awaited<ReturnType<typeof calendarsInForce>>;

/** The wait's token and the execution that parks it, written with the entry. */
interface Parking {
  readonly taskToken: string;
  readonly executionName?: string | undefined;
}

/**
 * Records the entry once, with the notice to the person responsible, in one write: a retried task
 * finds the step entered and changes nothing. An entry the decision that led here planned (its
 * deadline shown in that decision's answer, its start in the timeline, perhaps extended since) is
 * only marked entered; otherwise it is planned now.
 */
async function recordEntry(
  services: TopicServices,
  current: StoredTopic,
  step: TopicStep,
  calendars: Calendars,
  parking: Parking | undefined,
) {
  if (current.enteredSeq === current.stepSeq || current.step !== step || current.status === "closed") {
    return current;
  }
  const now = services.now();
  const planned = current.plannedSeq === current.stepSeq && current.deadline !== undefined;
  const fresh = planned ? undefined : planStep(current, step, now, calendars, current.stepSeq);
  const { pendingDecision, ...planEntered } = fresh?.topic ?? current;
  const entered: StoredTopic = {
    ...planEntered,
    // The decision that led here has arrived: this entry is its delivery.
    ...(pendingDecision && pendingDecision.step !== step ? { pendingDecision } : {}),
    enteredSeq: current.stepSeq,
    ...(parking?.taskToken ? { taskToken: parking.taskToken } : {}),
    ...(parking?.executionName ? { executionName: parking.executionName } : {}),
  };
  const addressee = await addresseeOf(responsibleFor(entered, step));
  return saveWithNotices(
    services,
    {
      current,
      next: () => entered,
      events: fresh ? [fresh.event] : [],
      now,
      // Marking a planned entry entered changes nothing a person sees: their ETag stays valid.
      bookkeeping: !fresh,
    },
    [
      stepNotice(entered, addressee, {
        template: stepStarted,
        key: `${entered.id}:${entered.stepSeq}:started`,
      }),
    ],
  );
}

/**
 * Enters the step and parks the wait's token with it, in one write. Anything else (the step entered
 * already by an earlier try, a decision waiting, the topic elsewhere or closed) is the Await step's
 * business, done here at once: it parks the token or answers it with what waits.
 */
export async function enterStep(
  services: TopicServices,
  input: { topicId: string; step: TopicStep; taskToken: string; executionName?: string | undefined },
): Promise<void> {
  const calendars = await calendarsInForce();
  const topic = await retryStaleWrites(async () =>
    recordEntry(services, await getTopic(input.topicId), input.step, calendars, input),
  );
  if (topic.taskToken === input.taskToken && !decisionWaiting(topic, input.step)) return;
  await awaitStep(services, input);
}

/**
 * An execution started before the entry parked its token (the definition of before 2026-12-03):
 * enters the step and answers the wait until the next alarm, for its own Await step.
 */
export async function enterStepOnly(
  services: TopicServices,
  input: { topicId: string; step: TopicStep },
): Promise<StepState> {
  const calendars = await calendarsInForce();
  const topic = await retryStaleWrites(async () =>
    recordEntry(services, await getTopic(input.topicId), input.step, calendars, undefined),
  );
  return {
    topicId: topic.id,
    step: input.step,
    waitSeconds: nextWait(topic, input.step, services.now(), calendars),
  };
}
