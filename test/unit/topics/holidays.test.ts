import { describe, expect, it } from "vitest";
import { isWeekend } from "../../../functions/domain/topics/calendar";
import { calendar2026, shippedCalendars, validateCalendar } from "../../../functions/domain/topics/holidays";

describe("the shipped 2026 calendar", () => {
  it("is valid", () => {
    expect(validateCalendar(calendar2026)).toEqual([]);
  });

  it("has the seven holidays of the State Council notice, 33 days off in all", () => {
    expect(calendar2026.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(calendar2026.holidays).toContain("2026-02-15");
    expect(calendar2026.holidays).toContain("2026-02-23");
    expect(calendar2026.holidays).not.toContain("2026-02-24");
    expect(calendar2026.holidays).toContain("2026-10-07");
  });

  it("has six make-up workdays, all on weekends", () => {
    expect(calendar2026.workdays).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    expect(calendar2026.workdays.every(isWeekend)).toBe(true);
  });

  it("names its source", () => {
    expect(calendar2026.source).toContain("国务院办公厅关于2026年部分节假日安排的通知");
  });

  it("ships no year whose notice is not out", () => {
    expect(shippedCalendars.map((calendar) => calendar.year)).toEqual([2026]);
  });
});

describe("validateCalendar", () => {
  const base = { year: 2027, holidays: ["2027-01-01"], workdays: [], source: "upload" };
  const codes = (calendar: Parameters<typeof validateCalendar>[0]) =>
    validateCalendar(calendar).map((problem) => `${problem.field}:${problem.code}`);

  it("accepts a well-formed calendar", () => {
    expect(codes(base)).toEqual([]);
  });

  it("finds dates outside the year, duplicates and malformed dates", () => {
    expect(codes({ ...base, holidays: ["2026-12-31", "2027-01-01", "2027-01-01", "2027-13-01"] })).toEqual([
      "holidays.0:date_outside_year",
      "holidays.2:duplicate_date",
      "holidays.3:invalid_date",
    ]);
  });

  it("finds a day both off and worked, and a make-up workday on a weekday", () => {
    // 2027-01-02 is a Saturday, 2027-01-04 a Monday.
    expect(codes({ ...base, holidays: ["2027-01-02"], workdays: ["2027-01-02", "2027-01-04"] })).toEqual([
      "workdays.0:holiday_and_workday",
      "workdays.1:workday_not_weekend",
    ]);
  });

  it("wants a plausible year and a source", () => {
    expect(codes({ year: 1999.5, holidays: [], workdays: [], source: " " })).toEqual([
      "year:invalid_year",
      "source:source_missing",
    ]);
  });
});
