/**
 * The holiday calendars that working-day deadlines count with: GET /holiday-calendars (anyone signed
 * in) and PUT /holiday-calendars/{year} (admins), with the checks of an uploaded calendar, and a new
 * topic's collect deadline following an upload. Its own stack: uploads change every deadline after.
 */
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type HolidayCalendar,
  isWorkingDay,
  localDate,
  shiftDate,
  yearOf,
} from "../../functions/domain/topics/calendar";
import { defaultTopicPolicy, stepDeadline } from "../../functions/domain/topics/policy";
import { responseSchemas } from "../../functions/meta/response-schemas";
import { createTopic, parkedAt, readTopic, type StationWithLead, stationWithLead } from "../workflow/harness";
import { type Api, createMember, expectApiError, startApi } from "./harness";

const timeZone = "Asia/Shanghai";

let api: Api;
let home: StationWithLead;
let memberToken: string;

beforeAll(async () => {
  api = await startApi();
  home = await stationWithLead(api);
  memberToken = await api.token({ role: "member", memberId: (await createMember(api)).id });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

type ListedCalendar = HolidayCalendar & { shipped: boolean; estimated: boolean };

async function calendars(token?: string): Promise<ListedCalendar[]> {
  const reply = await api.get("/holiday-calendars", token ? { token } : {});
  expect(reply.status, reply.text).toBe(200);
  const body = reply.json<{ items: ListedCalendar[] }>();
  expect(v.safeParse(responseSchemas.HolidayCalendarList, body).success).toBe(true);
  return body.items;
}

const source = "国务院办公厅关于2027年部分节假日安排的通知（测试）";

describe("GET /holiday-calendars", () => {
  it("shows the calendars in force to every role, the shipped 2026 calendar among them", async () => {
    const asAdmin = await calendars();
    expect(await calendars(home.staffToken)).toEqual(asAdmin);
    expect(await calendars(memberToken)).toEqual(asAdmin);
    const shipped = asAdmin.find((calendar) => calendar.year === 2026);
    expect(shipped).toMatchObject({ shipped: true });
    expect(shipped?.holidays).toContain("2026-10-01");
    expect(shipped?.workdays).toContain("2026-02-14");
    expect(asAdmin.map((calendar) => calendar.year)).toEqual(
      [...asAdmin.map((calendar) => calendar.year)].sort((a, b) => a - b),
    );
    // Only 2026's official calendar ships: later years are listed as estimates, and only this year
    // and the next (the years deadlines are counted in now).
    const thisYear = yearOf(localDate(api.stack.clock.now(), timeZone));
    for (const calendar of asAdmin.filter((calendar) => calendar.year > 2026)) {
      expect(calendar).toMatchObject({ estimated: true, shipped: false, workdays: [] });
      expect([thisYear, thisYear + 1]).toContain(calendar.year);
    }
  });

  it("needs a token", async () => {
    expect((await api.get("/holiday-calendars", { token: null })).status).toBe(401);
  });
});

describe("PUT /holiday-calendars/{year}: refusals, each changing nothing", () => {
  let before: ListedCalendar[];
  beforeAll(async () => {
    before = await calendars();
  });
  afterEach(async () => {
    expect(await calendars()).toEqual(before);
  });

  const valid = { holidays: ["2027-01-01"], workdays: [], source };

  it("staff and members: 403; no token: 401", async () => {
    for (const token of [home.staffToken, memberToken]) {
      const reply = await api.put("/holiday-calendars/2027", valid, { token });
      expect(expectApiError(reply, 403, "forbidden").message).toMatch(/无权|只能查看/);
    }
    expect((await api.put("/holiday-calendars/2027", valid, { token: null })).status).toBe(401);
  });

  it.each(["abc", "1999", "2101", "0x7EB", "2027.0", "2027e0", "02027"])(
    "year %s: 400 naming year",
    async (year) => {
      const reply = await api.put(`/holiday-calendars/${year}`, { holidays: [], workdays: [], source });
      const error = expectApiError(reply, 400, "validation_failed");
      expect(error.details?.map((detail) => [detail.field, detail.code])).toEqual([["year", "invalid_year"]]);
    },
  );

  it.each([
    [
      "dates that are not dates",
      { holidays: ["2027-02-30", "20270101", "2027-1-1"] },
      [
        ["holidays.0", "invalid_date"],
        ["holidays.1", "invalid_date"],
        ["holidays.2", "invalid_date"],
      ],
    ],
    ["a date that is too long", { holidays: ["2027-01-01T00:00"] }, [["holidays.0", "too_big"]]],
    [
      "a date outside the year",
      { holidays: ["2027-01-01", "2026-12-31"], workdays: ["2028-01-08"] },
      [
        ["holidays.1", "date_outside_year"],
        ["workdays.0", "date_outside_year"],
      ],
    ],
    [
      "a date both holiday and workday",
      { holidays: ["2027-01-01", "2027-01-02"], workdays: ["2027-01-02"] },
      [["workdays.0", "holiday_and_workday"]],
    ],
    ["a make-up workday on a weekday", { workdays: ["2027-01-04"] }, [["workdays.0", "workday_not_weekend"]]],
    ["a date twice", { holidays: ["2027-01-01", "2027-01-01"] }, [["holidays.1", "duplicate_date"]]],
    ["no source", { source: undefined }, [["source", "required"]]],
    ["a blank source", { source: "   " }, [["source", "too_small"]]],
    ["no workdays list", { workdays: undefined }, [["workdays", "required"]]],
    ["an unknown field", { year: 2027 }, [["year", "unknown_field"]]],
  ])("%s: 400 naming the fields", async (_name, change, expected) => {
    const reply = await api.put("/holiday-calendars/2027", { ...valid, ...change });
    const error = expectApiError(reply, 400, "validation_failed");
    expect(error.details?.map((detail) => [detail.field, detail.code])).toEqual(expected);
  });
});

describe("PUT /holiday-calendars/{year}", () => {
  it("saves a year's calendar, sorted, and replaces it on the next upload", async () => {
    const reply = await api.put("/holiday-calendars/2027", {
      holidays: ["2027-02-08", "2027-01-01", "2027-02-06"],
      workdays: ["2027-02-20", "2027-01-02"],
      source,
    });
    expect(reply.status, reply.text).toBe(200);
    const saved = reply.json<{ items: ListedCalendar[] }>().items;
    expect(saved).toEqual(await calendars());
    expect(saved.find((calendar) => calendar.year === 2027)).toEqual({
      year: 2027,
      holidays: ["2027-01-01", "2027-02-06", "2027-02-08"],
      workdays: ["2027-01-02", "2027-02-20"],
      source,
      shipped: false,
      estimated: false,
    });
    expect(saved.find((calendar) => calendar.year === 2026)?.shipped).toBe(true);

    const again = await api.put("/holiday-calendars/2027", {
      holidays: ["2027-10-01"],
      workdays: [],
      source,
    });
    expect(again.status, again.text).toBe(200);
    expect((await calendars()).find((calendar) => calendar.year === 2027)).toEqual({
      year: 2027,
      holidays: ["2027-10-01"],
      workdays: [],
      source,
      shipped: false,
      estimated: false,
    });
  });

  it("moves the working-day deadlines of new topics: the next ten days made holidays", async () => {
    const inForce = (listed: readonly ListedCalendar[]): HolidayCalendar[] =>
      listed.map(({ shipped: _shipped, estimated: _estimated, ...calendar }) => calendar);
    const before = inForce(await calendars());
    const today = localDate(api.stack.clock.now(), timeZone);
    const days = Array.from({ length: 10 }, (_, index) => shiftDate(today, index + 1));
    // Each year touched keeps its calendar, with the ten days added as holidays.
    for (const year of new Set(days.map(yearOf))) {
      const base = before.find((calendar) => calendar.year === year);
      const added = days.filter((day) => yearOf(day) === year);
      const reply = await api.put(`/holiday-calendars/${year}`, {
        holidays: [...new Set([...(base?.holidays ?? []), ...added])],
        workdays: (base?.workdays ?? []).filter((day) => !added.includes(day)),
        source: "测试：未来十天放假",
      });
      expect(reply.status, reply.text).toBe(200);
    }
    const after = inForce(await calendars());
    for (const day of days) expect(isWorkingDay(day, after)).toBe(false);

    const topic = await createTopic(api, home.station.id, { title: "节后议题" });
    await parkedAt(api, topic.id, "collect");
    const detail = (await readTopic(api, topic.id)) as typeof topic & { stepStartedAt?: string };
    const started = new Date(detail.stepStartedAt ?? "");
    const expected = stepDeadline("collect", started, defaultTopicPolicy, after, timeZone).deadline;
    const unmoved = stepDeadline("collect", started, defaultTopicPolicy, before, timeZone).deadline;
    // The premise: the ten days held at least one working day before the upload.
    expect(expected.getTime()).toBeGreaterThan(unmoved.getTime());
    expect(detail.deadline).toBe(expected.toISOString());
  });
});
