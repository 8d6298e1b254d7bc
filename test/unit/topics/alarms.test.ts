import { describe, expect, it } from "vitest";
import {
  type AlarmInput,
  type AlarmKey,
  alarmSchedule,
  planAlarms,
  type SentAlarm,
} from "../../../functions/domain/topics/alarms";
import { shippedCalendars } from "../../../functions/domain/topics/holidays";
import { defaultTopicPolicy } from "../../../functions/domain/topics/policy";

const zone = "Asia/Shanghai";
const local = (dateTime: string) => new Date(`${dateTime}+08:00`);
/** Due by the end of Friday 13 March 2026. */
const deadline = local("2026-03-13T23:59:59.999");

const plan = (now: Date, sent: readonly SentAlarm[] = [], extra: Partial<AlarmInput> = {}) =>
  planAlarms({
    deadline,
    sent,
    now,
    policy: defaultTopicPolicy,
    calendars: shippedCalendars,
    timeZone: zone,
    ...extra,
  });
const keys = (alarms: readonly { key: AlarmKey }[]) => alarms.map((alarm) => alarm.key);
const sentFor = (at: Date, ...alarmKeys: AlarmKey[]): SentAlarm[] =>
  alarmKeys.map((key) => ({ key, deadline: at }));

describe("alarmSchedule", () => {
  it("reminds two working days ahead, on the day, then climbs the ladder on working days at 09:00", () => {
    const schedule = alarmSchedule(deadline, defaultTopicPolicy, shippedCalendars, zone);
    expect(schedule.map((alarm) => [alarm.key, alarm.at])).toEqual([
      ["before", local("2026-03-11T09:00:00")],
      ["due", local("2026-03-13T09:00:00")],
      ["escalate:leadMember", local("2026-03-16T09:00:00")],
      ["escalate:liaison", local("2026-03-18T09:00:00")],
      ["escalate:countyOffice", local("2026-03-24T09:00:00")],
    ]);
    expect(schedule.filter((alarm) => alarm.kind === "escalate").map((alarm) => alarm.level)).toEqual([
      "leadMember",
      "liaison",
      "countyOffice",
    ]);
  });

  it("skips the Spring Festival and counts its make-up Saturdays", () => {
    const schedule = alarmSchedule(
      local("2026-02-24T23:59:59.999"),
      defaultTopicPolicy,
      shippedCalendars,
      zone,
    );
    // Two working days before Tuesday 24 February: Saturday 14th (worked), then Friday 13th.
    expect(schedule.map((alarm) => alarm.at)).toEqual([
      local("2026-02-13T09:00:00"),
      local("2026-02-24T09:00:00"),
      local("2026-02-25T09:00:00"),
      local("2026-02-27T09:00:00"),
      // 25, 26, 27, Saturday 28 February (worked), 2, 3, 4 March.
      local("2026-03-04T09:00:00"),
    ]);
  });

  it("sends the due reminder at the deadline itself when that comes before the notify hour", () => {
    const early = local("2026-03-13T08:00:00");
    const due = alarmSchedule(early, defaultTopicPolicy, shippedCalendars, zone).find(
      (a) => a.kind === "due",
    );
    expect(due?.at).toEqual(early);
  });

  it("has no reminder ahead when it is switched off", () => {
    const policy = { ...defaultTopicPolicy, reminderBefore: { amount: 0, unit: "workingDays" as const } };
    expect(keys(alarmSchedule(deadline, policy, shippedCalendars, zone))[0]).toBe("due");
  });

  it("climbs the ladder in order even when mixed units would reorder it", () => {
    const policy = {
      ...defaultTopicPolicy,
      escalateAfter: {
        leadMember: { amount: 3, unit: "days" as const },
        liaison: { amount: 1, unit: "workingDays" as const },
        countyOffice: { amount: 7, unit: "workingDays" as const },
      },
    };
    const ladder = alarmSchedule(deadline, policy, shippedCalendars, zone).filter(
      (a) => a.kind === "escalate",
    );
    // Three days after Friday is Monday 16th; one working day after is also Monday 16th.
    expect(ladder.map((alarm) => alarm.at)).toEqual([
      local("2026-03-16T09:00:00"),
      local("2026-03-16T09:00:00"),
      local("2026-03-24T09:00:00"),
    ]);
  });
});

describe("planAlarms", () => {
  it("sends nothing early and sleeps until the first reminder", () => {
    const now = local("2026-03-02T08:00:00");
    const result = plan(now);
    expect(result.due).toEqual([]);
    expect(result.nextAt).toEqual(local("2026-03-11T09:00:00"));
    expect(result.waitSeconds).toBe(9 * 86_400 + 3_600);
  });

  it("never waits longer than maxWaitSeconds", () => {
    const result = plan(local("2026-01-05T09:00:00"));
    expect(result.nextAt).toEqual(local("2026-03-11T09:00:00"));
    expect(result.waitSeconds).toBe(defaultTopicPolicy.maxWaitSeconds);
  });

  it("waits at least one second", () => {
    const result = plan(new Date(local("2026-03-11T09:00:00").getTime() - 100));
    expect(result.due).toEqual([]);
    expect(result.waitSeconds).toBe(1);
  });

  it("sends each alarm when its time comes, and only once", () => {
    const first = plan(local("2026-03-11T09:00:00"));
    expect(keys(first.due)).toEqual(["before"]);
    expect(first.nextAt).toEqual(local("2026-03-13T09:00:00"));

    const again = plan(local("2026-03-11T09:00:05"), sentFor(deadline, "before"));
    expect(again.due).toEqual([]);
    expect(again.nextAt).toEqual(local("2026-03-13T09:00:00"));
  });

  it("after an outage, sends what was missed in order, but not a reminder for a deadline already here", () => {
    const result = plan(local("2026-03-19T10:00:00"));
    expect(keys(result.due)).toEqual(["due", "escalate:leadMember", "escalate:liaison"]);
    expect(result.nextAt).toEqual(local("2026-03-24T09:00:00"));
  });

  it("when everything was sent, only re-arms", () => {
    const sent = sentFor(
      deadline,
      "before",
      "due",
      "escalate:leadMember",
      "escalate:liaison",
      "escalate:countyOffice",
    );
    const result = plan(local("2026-04-30T10:00:00"), sent);
    expect(result).toEqual({ due: [], nextAt: undefined, waitSeconds: defaultTopicPolicy.maxWaitSeconds });
  });

  it("does not remind of a deadline set after the reminder's time", () => {
    const since = local("2026-03-12T10:00:00");
    const result = plan(local("2026-03-12T11:00:00"), [], { since });
    expect(result.due).toEqual([]);
    expect(result.nextAt).toEqual(local("2026-03-13T09:00:00"));
  });

  it("after an extension, reminds afresh but does not repeat a ladder level already reached", () => {
    const sent = sentFor(deadline, "before", "due", "escalate:leadMember");
    const extended = local("2026-03-20T23:59:59.999");
    const since = local("2026-03-17T10:00:00");

    const right = plan(local("2026-03-17T10:00:00"), sent, { deadline: extended, since });
    expect(right.due).toEqual([]);
    expect(right.nextAt).toEqual(local("2026-03-18T09:00:00"));

    const later = plan(local("2026-03-25T09:30:00"), sent, { deadline: extended, since });
    expect(keys(later.due)).toEqual(["due", "escalate:liaison"]);
    expect(later.due.every((alarm) => alarm.deadline === extended)).toBe(true);
    expect(later.nextAt).toEqual(local("2026-03-31T09:00:00"));
  });

  it("sends at most five alarms for one deadline, however often it wakes", () => {
    let now = local("2026-03-02T09:00:00");
    const sent: SentAlarm[] = [];
    let wakeUps = 0;
    for (; wakeUps < 50; wakeUps++) {
      const result = plan(now, sent);
      sent.push(...result.due.map((alarm) => ({ key: alarm.key, deadline: alarm.deadline })));
      if (!result.nextAt) break;
      now = new Date(now.getTime() + result.waitSeconds * 1000);
    }
    expect(keys(sent)).toEqual([
      "before",
      "due",
      "escalate:leadMember",
      "escalate:liaison",
      "escalate:countyOffice",
    ]);
    expect(wakeUps).toBe(5);
  });
});
