/**
 * A wake-up of a waiting step: the reminders and escalations now due are sent (each once: its key
 * names the alarm and the deadline it belongs to) and recorded, and the next wait is planned.
 */
import { chatRecipientId } from "../../domain/notices/chat-webhook";
import type { Alarm } from "../../domain/topics/alarms";
import { rungToTell } from "../../domain/topics/policy";
import type { TopicStep } from "../../domain/topics/steps";
import { retryStaleWrites } from "../../kernel/retry";
import type { NotificationRequest } from "../../notices/notifier";
import type { NoticeTemplate } from "../../notices/templates";
import { escalation, reminderBefore, reminderDue } from "../../notices/templates/step-notices";
import type { Station } from "../../registry/responses";
import { getStation } from "../../registry/store/stations";
import { responsibleFor } from "../plan-step";
import { type Addressee, addresseeOf, ladderAddressees } from "../recipients";
import type { TopicServices } from "../services";
import { stepNotice } from "../step-notice";
import { calendarsInForce } from "../store/calendars";
import { getTopic, type NewTopicEvent, type StoredTopic } from "../store/topics";
import { saveWithNotices } from "./notify";
import {
  decisionWaiting,
  maxWakeUpsPerExecution,
  nextWait,
  pickUpSeconds,
  planFor,
  type RemindState,
  tooOld,
} from "./waiting";

const alarmTemplate = (alarm: Alarm): NoticeTemplate =>
  alarm.kind === "before" ? reminderBefore : alarm.kind === "due" ? reminderDue : escalation;

async function addresseesForAlarm(topic: StoredTopic, alarm: Alarm, station: Station): Promise<Addressee[]> {
  const responsible = responsibleFor(topic, topic.step);
  if (alarm.kind !== "escalate" || !alarm.level) return [await addresseeOf(responsible)];
  const level = rungToTell(alarm.level, {
    leadMemberId: station.leadMemberId,
    responsibleMemberId: responsible.memberId,
  });
  return ladderAddressees(level, station);
}

/**
 * One alarm: the notices it sends, one per person at its level (none when the level has nobody), and
 * what the timeline records of it. The first notice keeps the alarm's own key (as when a level had
 * one addressee); each other adds its recipient, so that every one is sent once.
 */
async function alarmNotices(
  topic: StoredTopic,
  alarm: Alarm,
  station: Station,
  now: Date,
): Promise<{ notices: NotificationRequest[]; event: NewTopicEvent }> {
  const addressees = await addresseesForAlarm(topic, alarm, station);
  const event: NewTopicEvent = {
    at: now.toISOString(),
    kind: alarm.kind === "escalate" ? "escalated" : "reminder_sent",
    step: topic.step,
    details: {
      alarm: alarm.key,
      deadline: alarm.deadline.toISOString(),
      ...(alarm.level ? { level: alarm.level } : {}),
      recipient: addressees.length ? addressees.map((a) => a.recipient.name).join("、") : null,
      ...(addressees.length ? {} : { skipped: "nobody_at_this_level" }),
    },
  };
  const key = `${topic.id}:${topic.stepSeq}:${alarm.key}:${alarm.deadline.toISOString()}`;
  const template = alarmTemplate(alarm);
  const notices = addressees.map((addressee, index) =>
    stepNotice(topic, addressee, {
      template,
      key: index === 0 ? key : `${key}:${addressee.recipient.id}`,
      extra: { stationName: station.name },
    }),
  );
  return { notices: [...notices, ...chatCopy(topic, station, addressees, template, key)], event };
}

/**
 * The station's group chat, when it has a robot, gets a copy of each reminder and escalation, worded
 * as to the first person told: staff see what is due and who was asked, where they already talk.
 */
function chatCopy(
  topic: StoredTopic,
  station: Station,
  told: readonly Addressee[],
  template: NoticeTemplate,
  key: string,
): NotificationRequest[] {
  // Nobody at this level: nothing was sent that the group could be told of.
  if (!station.chatRobot || told.length === 0) return [];
  const addressee: Addressee = {
    recipient: { id: chatRecipientId(station.id), name: `${station.name} 工作群` },
    channel: "chat",
  };
  const recipientName = told[0]?.recipient.name ?? "";
  return [
    stepNotice(topic, addressee, {
      template,
      key: `${key}:chat`,
      extra: { stationName: station.name, recipientName },
    }),
  ];
}

type Calendars = Awaited<ReturnType<typeof calendarsInForce>>;

/** Counts the wake-up and records the alarms now due with their notices, in one write. */
async function sendDueAlarms(
  services: TopicServices,
  current: StoredTopic,
  step: TopicStep,
  calendars: Calendars,
  station: () => Promise<Station>,
) {
  if (decisionWaiting(current, step)) return current;
  const now = services.now();
  const { due } = planFor(current, now, calendars);
  const alarms = [];
  for (const alarm of due) alarms.push(await alarmNotices(current, alarm, await station(), now));
  return saveWithNotices(
    services,
    {
      current,
      next: (topic) => ({
        ...topic,
        wakeUps: topic.wakeUps + 1,
        alarmsSent: [
          ...topic.alarmsSent,
          ...due.map((alarm) => ({ key: alarm.key, deadline: alarm.deadline.toISOString() })),
        ],
      }),
      events: alarms.map((alarm) => alarm.event),
      now,
      bookkeeping: true,
    },
    alarms.flatMap((alarm) => alarm.notices),
  );
}

export async function remind(
  services: TopicServices,
  input: { topicId: string; step: TopicStep; executionStartedAt?: string | undefined },
): Promise<RemindState> {
  const calendars = await calendarsInForce();
  const first = await getTopic(input.topicId);
  if (decisionWaiting(first, input.step))
    return { topicId: first.id, step: input.step, waitSeconds: pickUpSeconds, restart: false };
  let stationRecord: Station | undefined;
  const station = async () => {
    stationRecord ??= await getStation(first.stationId);
    return stationRecord;
  };
  const topic = await retryStaleWrites(async () =>
    sendDueAlarms(services, await getTopic(input.topicId), input.step, calendars, station),
  );
  const now = services.now();
  return {
    topicId: topic.id,
    step: input.step,
    waitSeconds: nextWait(topic, input.step, now, calendars),
    restart: topic.wakeUps >= maxWakeUpsPerExecution || tooOld(input.executionStartedAt, now),
  };
}
