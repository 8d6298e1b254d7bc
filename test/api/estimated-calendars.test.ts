/**
 * A year without its official holiday calendar (#9 §4), on a stack whose clock stands in late
 * December 2036, when neither 2036's nor 2037's calendar is loaded: deadlines count the statutory
 * holidays by estimate and say so, the daily scheduled watch asks the county office for the
 * calendars (once a week), and loading them re-plans the open deadlines that counted through them.
 */

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { HolidayCalendar } from "../../functions/domain/topics/calendar";
import { estimateSource } from "../../functions/domain/topics/estimated-holidays";
import { defaultTopicPolicy, stepDeadline } from "../../functions/domain/topics/policy";
import { responseSchemas } from "../../functions/meta/response-schemas";
import { handler as runScheduledJob } from "../../functions/scheduled";
import { clockFileName, saveTime } from "../../infra/local/simulated-time";
import {
  createTopic,
  eventually,
  notificationsOf,
  parkedAt,
  readTopic,
  type StationWithLead,
  stationWithLead,
  type Topic,
} from "../workflow/harness";
import { type Api, startApi } from "./harness";

const timeZone = "Asia/Shanghai";
/**
 * Monday 22 December 2036, 08:58 in the county, with the watch running every minute from 09:00 to
 * 09:59 (two real minutes at this speed): however long the stack takes to start on a busy machine,
 * the watch runs soon after, and as often as it runs it asks once. Slow enough that a topic's
 * working-day deadline stays weeks away during the test.
 */
const origin = new Date("2036-12-22T00:58:00Z");
const speed = 30;

type ListedCalendar = HolidayCalendar & { shipped: boolean; estimated: boolean };
type EstimatedTopic = Topic & { deadlineEstimate?: { years: number[]; note: string } };

interface OutboxLine {
  templateId: string;
  recipient: { id: string };
  text: string;
}

let api: Api;
let dataDir: string;
let home: StationWithLead;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "hsl-estimated-"));
  await saveTime(join(dataDir, clockFileName), origin);
  api = await startApi({
    dataDir,
    speed,
    schedules: [{ job: "holidayCalendarWatch", description: "test", at: { hour: 9 } }],
  });
  home = await stationWithLead(api);
});

afterAll(async () => {
  await api?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

async function calendars(): Promise<ListedCalendar[]> {
  const reply = await api.get("/holiday-calendars");
  expect(reply.status, reply.text).toBe(200);
  const body = reply.json<{ items: ListedCalendar[] }>();
  expect(v.safeParse(responseSchemas.HolidayCalendarList, body).success).toBe(true);
  return body.items;
}

async function outbox(templateId: string): Promise<OutboxLine[]> {
  await api.stack.delivery.settled();
  const text = await readFile(api.stack.outboxFile, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxLine)
    .filter((line) => line.templateId === templateId);
}

const official = (year: number, holidays: string[], workdays: string[] = []) => ({
  holidays,
  workdays,
  source: `国务院办公厅关于${year}年部分节假日安排的通知（测试）`,
});

describe("before the official calendars are loaded", () => {
  it("lists this year's and next year's estimates, with the statutory holidays and their source", async () => {
    const listed = await calendars();
    const estimates = listed.filter((calendar) => calendar.estimated);
    expect(estimates.map((calendar) => calendar.year)).toEqual([2036, 2037]);
    const next = estimates.find((calendar) => calendar.year === 2037);
    // 元旦, 春节 (除夕 2037-02-14 and 初一 to 初三), 劳动节, 国庆.
    expect(next?.holidays).toEqual(
      expect.arrayContaining(["2037-01-01", "2037-02-14", "2037-02-15", "2037-05-01", "2037-10-01"]),
    );
    expect(next?.workdays).toEqual([]);
    expect(next?.source).toBe(estimateSource["zh-CN"]);
    expect(listed.find((calendar) => calendar.year === 2026)).toMatchObject({ estimated: false });
  });

  it("asks the county office for both calendars at the daily watch's time, on the local scheduler", async () => {
    const asked = await eventually(async () => {
      const lines = await outbox("holiday_calendar_missing");
      return lines.length >= 2 ? lines : undefined;
    }, "the scheduled watch to ask for the 2036 and 2037 calendars");
    expect(asked.map((line) => line.recipient.id)).toEqual(["county-office", "county-office"]);
    expect(asked.map((line) => /\d{4}/.exec(line.text)?.[0]).sort()).toEqual(["2036", "2037"]);
    // The watch has done its part: the re-plans below are the uploads' own, not a run's between them.
    await api.stack.scheduler.stop();
    // Run again the same week: nobody is asked twice.
    const again = await runScheduledJob({ job: "holidayCalendarWatch" });
    expect(again).toMatchObject({ missing: [2036, 2037], told: 0 });
    expect(await outbox("holiday_calendar_missing")).toHaveLength(2);
  });

  it("refuses a job it does not know, doing nothing", async () => {
    await expect(runScheduledJob({ job: "quarterlyParty" })).rejects.toThrow(/job/);
    await expect(runScheduledJob(undefined)).rejects.toThrow();
    expect(await outbox("holiday_calendar_missing")).toHaveLength(2);
  });
});

describe("a deadline that counts through New Year 2037", () => {
  let topic: EstimatedTopic;

  beforeAll(async () => {
    const created = await createTopic(api, home.station.id, { title: "跨年议题" });
    await parkedAt(api, created.id, "collect");
    topic = (await readTopic(api, created.id)) as EstimatedTopic;
  });

  it("says on the topic and its timeline which years it estimated", async () => {
    expect(topic.deadlineEstimate?.years).toEqual([2036, 2037]);
    expect(topic.deadlineEstimate?.note).toMatch(/估算2036、2037年/);
    const started = topic.timeline?.find((event) => event.kind === "step_started");
    expect(started?.details?.estimatedHolidayCalendarYears).toEqual([2036, 2037]);
    expect(started?.text).toMatch(/估算/);
    // 1 January is not counted as a working day.
    const estimates = (await calendars()).map(({ shipped: _s, estimated: _e, ...calendar }) => calendar);
    const stepStart = new Date(topic.stepStartedAt ?? "");
    expect(topic.deadline).toBe(
      stepDeadline("collect", stepStart, defaultTopicPolicy, estimates, timeZone).deadline.toISOString(),
    );
  });

  it("is re-planned when the official calendars arrive: timeline, notice, count, no estimate left", async () => {
    const estimate2036 = (await calendars()).find((calendar) => calendar.year === 2036);
    const first = await api.put(
      "/holiday-calendars/2036",
      official(2036, [...(estimate2036?.holidays ?? [])], ["2036-09-28"]),
    );
    expect(first.status, first.text).toBe(200);
    // The late-December count does not change with 2036's own calendar, only its footing.
    expect(first.json<{ replannedTopics: number }>().replannedTopics).toBe(0);
    expect(((await readTopic(api, topic.id)) as EstimatedTopic).deadlineEstimate?.years).toEqual([2037]);

    // The official 2037 calendar bridges New Year: Friday 2 January off (made up on a Saturday in February).
    const second = await api.put(
      "/holiday-calendars/2037",
      official(2037, ["2037-01-01", "2037-01-02", "2037-02-14", "2037-02-15"], ["2037-02-21"]),
    );
    expect(second.status, second.text).toBe(200);
    const saved = second.json<{ items: ListedCalendar[]; replannedTopics: number }>();
    expect(v.safeParse(responseSchemas.HolidayCalendarSaved, saved).success).toBe(true);
    expect(saved.items.filter((calendar) => calendar.estimated)).toEqual([]);

    const after = (await readTopic(api, topic.id)) as EstimatedTopic;
    const inForce = saved.items.map(({ shipped: _s, estimated: _e, ...calendar }) => calendar);
    const expected = stepDeadline(
      "collect",
      new Date(after.stepStartedAt ?? ""),
      defaultTopicPolicy,
      inForce,
      timeZone,
    ).deadline.toISOString();
    // The premise of the case: the bridging day moves the deadline.
    expect(expected).not.toBe(topic.deadline);
    expect(after.deadline).toBe(expected);
    expect(after.deadlineEstimate).toBeUndefined();
    expect(saved.replannedTopics).toBe(1);
    const line = after.timeline?.find((event) => event.kind === "deadline_replanned");
    expect(line?.details).toMatchObject({ from: topic.deadline, to: expected, calendarYear: 2037 });
    expect(line?.text).toMatch(/2037年节假日安排/);
    const notices = await notificationsOf(api, topic.id);
    expect(notices.filter((notice) => notice.templateId === "deadline_replanned")).toHaveLength(1);
  });

  it("re-plans nothing on a second upload of the same calendar, and the watch asks no more", async () => {
    const again = await api.put(
      "/holiday-calendars/2037",
      official(2037, ["2037-01-01", "2037-01-02", "2037-02-14", "2037-02-15"], ["2037-02-21"]),
    );
    expect(again.json<{ replannedTopics: number }>().replannedTopics).toBe(0);
    expect(await runScheduledJob({ job: "holidayCalendarWatch" })).toMatchObject({
      missing: [],
      replanned: 0,
    });
    const notices = await notificationsOf(api, topic.id);
    expect(notices.filter((notice) => notice.templateId === "deadline_replanned")).toHaveLength(1);
  });
});
