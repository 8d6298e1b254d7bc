/**
 * 期限重算: when a year's official holiday calendar is loaded (or corrected), the open deadlines
 * counted through that year are counted again from the step's start. Only deadlines the loop planned
 * move: one a person set by an extension stays. The person responsible is told, and the waiting
 * execution re-plans its alarms. Running it twice changes nothing the second time.
 */
import { type Calendars, localDate, yearOf } from "../domain/topics/calendar";
import { stepDeadline } from "../domain/topics/policy";
import { config } from "../kernel/config";
import { retryStaleWrites } from "../kernel/retry";
import { announceNewDeadline } from "./announce";
import { withCountedDeadline } from "./plan-step";
import { policyOf } from "./present";
import type { TopicServices } from "./services";
import { calendarsInForce } from "./store/calendars";
import { getTopic, openTopics, type StoredTopic, saveTopic } from "./store/topics";

/** Topics re-planned at once: enough to be quick, few enough not to throttle the table. */
const concurrency = 8;

/** Whether the topic's current deadline was counted by the calendar and its count ran through `year`. */
function countedThrough(topic: StoredTopic, year: number): boolean {
  if (topic.status !== "open" || !topic.deadline || !topic.stepStartedAt || topic.extensions > 0)
    return false;
  const timeZone = config().timeZone;
  const from = yearOf(localDate(new Date(topic.stepStartedAt), timeZone));
  const to = yearOf(localDate(new Date(topic.deadline), timeZone));
  return (from <= year && year <= to) || (topic.deadlineEstimatedYears ?? []).includes(year);
}

const sameYears = (a: readonly number[] | undefined, b: readonly number[]) =>
  (a ?? []).length === b.length && b.every((year, index) => a?.[index] === year);

/** The topic with its deadline counted again, or undefined when the count comes out the same. */
function recounted(topic: StoredTopic, calendars: Calendars, now: Date): StoredTopic | undefined {
  if (!topic.stepStartedAt) return undefined;
  const planned = stepDeadline(
    topic.step,
    new Date(topic.stepStartedAt),
    policyOf(topic),
    calendars,
    config().timeZone,
  );
  const deadline = planned.deadline.toISOString();
  if (deadline === topic.deadline && sameYears(topic.deadlineEstimatedYears, planned.estimatedYears))
    return undefined;
  return {
    ...withCountedDeadline(topic, planned),
    ...(deadline === topic.deadline ? {} : { deadlineSetAt: now.toISOString() }),
  };
}

/** Counts one topic's deadline again; true when the deadline moved. */
async function replanTopic(
  services: TopicServices,
  topicId: string,
  calendarYear: number,
  calendars: Calendars,
): Promise<boolean> {
  const saved = await retryStaleWrites(async () => {
    const topic = await getTopic(topicId);
    const now = services.now();
    const next = countedThrough(topic, calendarYear) ? recounted(topic, calendars, now) : undefined;
    if (!next) return undefined;
    const moved = next.deadline !== topic.deadline;
    const event = {
      at: now.toISOString(),
      kind: "deadline_replanned" as const,
      step: topic.step,
      details: {
        from: topic.deadline,
        to: next.deadline,
        calendarYear,
        ...(next.deadlineEstimatedYears
          ? { estimatedHolidayCalendarYears: next.deadlineEstimatedYears }
          : {}),
      },
    };
    return { topic: await saveTopic(topic, () => next, moved ? [event] : [], now), moved };
  });
  if (saved?.moved) await announceNewDeadline(services, saved.topic, { kind: "replanned", calendarYear });
  return saved?.moved ?? false;
}

/** Re-plans every open deadline counted through `calendarYear`; answers how many deadlines moved. */
export async function replanOpenDeadlines(services: TopicServices, calendarYear: number): Promise<number> {
  const calendars = await calendarsInForce();
  const candidates = (await openTopics()).filter((topic) => countedThrough(topic, calendarYear));
  let moved = 0;
  for (let first = 0; first < candidates.length; first += concurrency) {
    const batch = candidates.slice(first, first + concurrency);
    const outcomes = await Promise.all(
      batch.map((topic) => replanTopic(services, topic.id, calendarYear, calendars)),
    );
    moved += outcomes.filter(Boolean).length;
  }
  return moved;
}
