/**
 * Holiday calendars against DynamoDB Local: an uploaded year replaces the shipped calendar of that
 * year, other shipped years stay in force. This file has a table of its own and its tests build on
 * each other in order (the calendar partition is one per table).
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  calendarFor,
  type HolidayCalendar,
  isWorkingDay,
  shiftWorkingDays,
} from "../../functions/domain/topics/calendar";
import { estimableYears } from "../../functions/domain/topics/estimated-holidays";
import { calendar2026, shippedCalendars } from "../../functions/domain/topics/holidays";
import { calendarsInForce, saveCalendar, storedCalendars } from "../../functions/topics/store/calendars";
import { useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-calendars");
});

const years = (calendars: readonly HolidayCalendar[]) => calendars.map((calendar) => calendar.year);
/** The calendars in force that are not estimates: the shipped and uploaded ones. */
const official = (calendars: readonly HolidayCalendar[]) =>
  calendars.filter((calendar) => !calendar.estimated);

const calendar2027: HolidayCalendar = {
  year: 2027,
  holidays: ["2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"],
  workdays: ["2027-02-13"],
  source: "国务院办公厅关于2027年部分节假日安排的通知（测试用）",
};

/** 2026 as an admin corrected it: one more day off, one make-up workday fewer. */
const corrected2026: HolidayCalendar = {
  year: 2026,
  holidays: [...calendar2026.holidays, "2026-03-02"].sort(),
  workdays: calendar2026.workdays.filter((day) => day !== "2026-01-04"),
  source: "管理员更正（测试用）",
};

describe("calendars in force", () => {
  it("with nothing uploaded: exactly the shipped calendars", async () => {
    expect(await storedCalendars()).toEqual([]);
    const inForce = await calendarsInForce();
    expect(official(inForce)).toEqual(shippedCalendars);
    // Every other year the lunar table covers is filled in by an estimate, in year order.
    const estimated = inForce.filter((calendar) => calendar.estimated);
    expect(years(estimated)).toEqual(
      Array.from(
        { length: estimableYears.last - estimableYears.first + 1 },
        (_, i) => estimableYears.first + i,
      ).filter((year) => year !== 2026),
    );
    expect(years(inForce)).toEqual([...years(inForce)].sort((a, b) => a - b));
  });

  it("an uploaded year nobody shipped is added, in year order, and reads back unchanged", async () => {
    await saveCalendar(calendar2027);
    expect(await storedCalendars()).toEqual([calendar2027]);
    const inForce = await calendarsInForce();
    expect(years(official(inForce))).toEqual([2026, 2027]);
    expect(calendarFor(2026, inForce)).toEqual(calendar2026);
    expect(calendarFor(2027, inForce)).toEqual(calendar2027);
  });

  it("an earlier year sorts first, whatever the order of upload", async () => {
    const calendar2025: HolidayCalendar = {
      year: 2025,
      holidays: ["2025-01-01"],
      workdays: [],
      source: "测试用",
    };
    await saveCalendar(calendar2025);
    expect(years(await storedCalendars())).toEqual([2025, 2027]);
    const inForce = await calendarsInForce();
    expect(years(official(inForce))).toEqual([2025, 2026, 2027]);
    // An empty list of make-up workdays survives the round trip as an empty list.
    expect(calendarFor(2025, inForce)).toEqual(calendar2025);
  });

  it("an uploaded year replaces the shipped calendar of that year: one calendar per year", async () => {
    await saveCalendar(corrected2026);
    const inForce = await calendarsInForce();
    expect(years(official(inForce))).toEqual([2025, 2026, 2027]);
    expect(calendarFor(2026, inForce)).toEqual(corrected2026);
    expect(inForce).not.toContainEqual(calendar2026);
    // The shipped calendar itself is untouched.
    expect(shippedCalendars).toEqual([calendar2026]);
    expect(calendar2026.workdays).toContain("2026-01-04");
  });

  it("working days are then counted with the uploaded calendar", async () => {
    const inForce = await calendarsInForce();
    // Friday 2026-02-27 + 1 working day: Saturday 2026-02-28 is a make-up workday in both calendars.
    expect(shiftWorkingDays("2026-02-27", 1, inForce)).toBe("2026-02-28");
    // Friday 2026-02-27 + 2: Monday 2026-03-02 is a day off only in the corrected calendar.
    expect(shiftWorkingDays("2026-02-27", 2, inForce)).toBe("2026-03-03");
    expect(shiftWorkingDays("2026-02-27", 2, shippedCalendars)).toBe("2026-03-02");
    // Sunday 2026-01-04 is a make-up workday only in the shipped calendar.
    expect(isWorkingDay("2026-01-04", shippedCalendars)).toBe(true);
    expect(isWorkingDay("2026-01-04", inForce)).toBe(false);
  });

  it("saving a year again replaces the stored one (the last upload wins, no versions)", async () => {
    const revised: HolidayCalendar = {
      ...calendar2027,
      holidays: ["2027-01-01"],
      workdays: [],
      source: "修订后的通知（测试用）",
    };
    await saveCalendar(revised);
    const stored = await storedCalendars();
    expect(years(stored)).toEqual([2025, 2026, 2027]);
    expect(stored.find((calendar) => calendar.year === 2027)).toEqual(revised);
    expect(calendarFor(2027, await calendarsInForce())).toEqual(revised);
  });
});
