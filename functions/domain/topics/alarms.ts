/**
 * What to send about a step's deadline, and when to wake up next. Pure: the caller records what it
 * sent and asks again.
 *
 * For one deadline there are at most five alarms, in this order: a reminder `before` (at the
 * notify hour, `reminderBefore` ahead of the deadline's day), `due` (at the notify hour on the
 * deadline's day, or at the deadline if that is earlier), then one escalation per ladder level
 * (at the notify hour, `escalateAfter` past the deadline's day).
 *
 * Catching up (the system was down, or the wait ran long): every missing alarm is sent once, in
 * order, except that a `before` reminder is dropped once `due` is due — it would announce a
 * deadline that has already come. Each ladder level reaches different people, so none is skipped.
 *
 * After an extension, `before` and `due` are sent afresh for the new deadline, while a ladder
 * level already reached for an earlier deadline of the same step is not told again: `sent` keeps
 * the deadline each alarm was for.
 */
import { type Calendars, localDate, localTime, shiftDateBy } from "./calendar";
import { type EscalationLevel, escalationLadder, type TopicPolicy } from "./policy";

export type AlarmKind = "before" | "due" | "escalate";
/** One alarm's identity within a step: what the caller records once it is sent. */
export type AlarmKey = "before" | "due" | `escalate:${EscalationLevel}`;

export interface Alarm {
  readonly key: AlarmKey;
  readonly kind: AlarmKind;
  readonly level?: EscalationLevel;
  readonly at: Date;
  /** The deadline the alarm is about. */
  readonly deadline: Date;
}

export interface SentAlarm {
  readonly key: AlarmKey;
  /** The deadline it was sent for. */
  readonly deadline: Date;
}

export interface AlarmInput {
  readonly deadline: Date;
  /** Alarms already sent during this visit of the step (a return to it starts a new visit). */
  readonly sent: readonly SentAlarm[];
  readonly now: Date;
  readonly policy: TopicPolicy;
  readonly calendars: Calendars;
  readonly timeZone: string;
  /**
   * When the current deadline was set (step entered or deadline extended). Reminders falling at or
   * before it are not sent: the notice that set the deadline already said it.
   */
  readonly since?: Date;
}

export interface AlarmPlan {
  /** Send these now, in this order; each one once. */
  readonly due: readonly Alarm[];
  /** The next alarm after these, if any is left. */
  readonly nextAt: Date | undefined;
  /** Seconds until `nextAt`, at least 1 and at most `maxWaitSeconds` (that also when nothing is left). */
  readonly waitSeconds: number;
}

/** Every alarm for `deadline`, in the order they go out. */
export function alarmSchedule(
  deadline: Date,
  policy: TopicPolicy,
  calendars: Calendars,
  timeZone: string,
): Alarm[] {
  const day = localDate(deadline, timeZone);
  const at = (date: string) => localTime(date, policy.notifyHour, timeZone);
  const dueAt = new Date(Math.min(deadline.getTime(), at(day).getTime()));
  const alarms: Alarm[] = [];

  if (policy.reminderBefore.amount > 0) {
    const beforeAt = at(shiftDateBy(day, policy.reminderBefore, calendars, -1));
    if (beforeAt < dueAt) alarms.push({ key: "before", kind: "before", at: beforeAt, deadline });
  }
  alarms.push({ key: "due", kind: "due", at: dueAt, deadline });

  let previous = dueAt;
  for (const level of escalationLadder) {
    const nominal = at(shiftDateBy(day, policy.escalateAfter[level], calendars));
    // Mixed units could put a higher level first; the ladder is climbed in order regardless.
    const escalateAt = new Date(Math.max(nominal.getTime(), previous.getTime()));
    alarms.push({ key: `escalate:${level}`, kind: "escalate", level, at: escalateAt, deadline });
    previous = escalateAt;
  }
  return alarms;
}

export function planAlarms(input: AlarmInput): AlarmPlan {
  const { deadline, now, policy } = input;
  const schedule = alarmSchedule(deadline, policy, input.calendars, input.timeZone);
  const dueAt = schedule.find((alarm) => alarm.kind === "due")?.at ?? deadline;

  const pending = schedule.filter((alarm) => {
    if (wasSent(alarm, input.sent)) return false;
    if (alarm.kind === "escalate") return true;
    if (input.since && alarm.at <= input.since) return false;
    return !(alarm.kind === "before" && now >= dueAt);
  });
  const due = pending.filter((alarm) => alarm.at <= now);
  const nextAt = pending.find((alarm) => alarm.at > now)?.at;
  const waitSeconds =
    nextAt === undefined
      ? policy.maxWaitSeconds
      : Math.min(policy.maxWaitSeconds, Math.max(1, Math.ceil((nextAt.getTime() - now.getTime()) / 1000)));
  return { due, nextAt, waitSeconds };
}

/** Reminders count per deadline; a ladder level counts once per visit of the step. */
function wasSent(alarm: Alarm, sent: readonly SentAlarm[]): boolean {
  return sent.some(
    (record) =>
      record.key === alarm.key &&
      (alarm.kind === "escalate" || record.deadline.getTime() === alarm.deadline.getTime()),
  );
}
