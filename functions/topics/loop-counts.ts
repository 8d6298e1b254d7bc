/**
 * What a completed step counts (decision 0027): on the station's tally, the step on time (by its
 * deadline) or late, and the topic closed with feedback when it was the last; on the year record of
 * the member responsible for the step, the same step. Written in the decision's own transaction,
 * which is conditioned on the topic's version, so a retried decision never counts twice.
 */
import type { CounterChanges } from "../activities/store/tally";
import { countedOn } from "../domain/quota/tally";
import { localDate, yearOf } from "../domain/topics/calendar";
import { config } from "../kernel/config";
import { responsibleFor } from "./plan-step";
import type { StoredTopic } from "./store/topics";

/** On time: completed by the step's deadline (a step with no deadline is on time). */
export const completedOnTime = (deadline: string | undefined, now: Date): boolean =>
  deadline === undefined || now.getTime() <= new Date(deadline).getTime();

/** What completing the topic's current step `now` counts; `closes` when it is the last (feedback given). */
export function stepCompletionCounts(topic: StoredTopic, now: Date, closes: boolean): CounterChanges {
  const date = localDate(now, config().timeZone);
  const year = yearOf(date);
  const onTime = completedOnTime(topic.deadline, now);
  const delta = countedOn(date, {
    [onTime ? "loop_steps_on_time" : "loop_steps_late"]: 1,
    ...(closes ? { loop_completed: 1 } : {}),
  });
  const memberId = responsibleFor(topic, topic.step).memberId;
  const counts = onTime ? { steps_on_time: 1 } : { steps_late: 1 };
  return { tallies: [{ year, delta }], members: memberId ? [{ memberId, year, counts }] : [] };
}
