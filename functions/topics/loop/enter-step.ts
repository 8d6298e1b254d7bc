/**
 * Entering a step: its deadline from the policy and the holiday calendar, and the person responsible
 * told. The entry is the step's wait too (decision 0006, addenda of 2026-12-03): the registration
 * and each decision enter the step they move the topic to, so the task token just parks; an entry
 * nobody recorded (a topic written before they did) is recorded here with its notice and the token
 * in one write.
 */
import type { TopicStep } from "../../domain/topics/steps";
import { retryStaleWrites } from "../../kernel/retry";
import { entryNotice } from "../entry-notice";
import { planStep } from "../plan-step";
import type { TopicServices } from "../services";
import { calendarsInForce } from "../store/calendars";
import { getTopic, parkTaskToken, type StoredTopic } from "../store/topics";
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
 * finds the step entered and changes nothing. An entry planned by a decision that did not enter it
 * (one recorded before decisions entered their steps: its deadline in that decision's answer, its
 * start in the timeline) is only marked entered; otherwise (a registration of the version before)
 * it is planned now.
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
    [await entryNotice(entered)],
  );
}

/**
 * Parks the wait's token on the step's entry. The registration or decision that moved the topic here
 * entered the step already (decision 0006), so the token just parks, in one request. A topic written
 * before they did is entered here, with the token, in one write. Anything else (a decision waiting,
 * the topic elsewhere or closed) is the Await step's business, done here at once: it parks the token
 * or answers it with what waits.
 */
export async function enterStep(
  services: TopicServices,
  input: { topicId: string; step: TopicStep; taskToken: string; executionName?: string | undefined },
): Promise<void> {
  if (await parkTaskToken(input.topicId, input.step, input.taskToken, input.executionName)) return;
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
