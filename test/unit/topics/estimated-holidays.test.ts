import { describe, expect, it } from "vitest";
import { isWorkingDay } from "../../../functions/domain/topics/calendar";
import {
  estimableYears,
  estimatedCalendar,
  withEstimates,
} from "../../../functions/domain/topics/estimated-holidays";
import { calendar2026, shippedCalendars } from "../../../functions/domain/topics/holidays";

/** The State Council's 2025 calendar (国办发明电〔2024〕12号), to hold the estimate against. */
const official2025 = {
  holidays: [
    "2025-01-01",
    ...["01-28", "01-29", "01-30", "01-31", "02-01", "02-02", "02-03", "02-04"].map((d) => `2025-${d}`),
    "2025-04-04",
    "2025-04-05",
    "2025-04-06",
    ...["05-01", "05-02", "05-03", "05-04", "05-05"].map((d) => `2025-${d}`),
    "2025-05-31",
    "2025-06-01",
    "2025-06-02",
    ...["10-01", "10-02", "10-03", "10-04", "10-05", "10-06", "10-07", "10-08"].map((d) => `2025-${d}`),
  ],
};

describe("a year's holidays estimated by the statutory rules", () => {
  it("gives 2027 its 13 statutory days and a weekday off for each that falls on a weekend", () => {
    // Worked out by hand from the rules: 除夕 5 Feb (Fri) to 初三 8 Feb (Mon), 初一 and 初二 on the
    // weekend (made up Tue 9 and Wed 10); 清明 5 Apr; 1–2 May a weekend (made up 3–4 May); 端午 9 Jun;
    // 中秋 15 Sep; 1–3 Oct from a Friday (2 and 3 made up on 4 and 5 Oct).
    expect(estimatedCalendar(2027)).toEqual({
      year: 2027,
      holidays: [
        "2027-01-01",
        "2027-02-05",
        "2027-02-06",
        "2027-02-07",
        "2027-02-08",
        "2027-02-09",
        "2027-02-10",
        "2027-04-05",
        "2027-05-01",
        "2027-05-02",
        "2027-05-03",
        "2027-05-04",
        "2027-06-09",
        "2027-09-15",
        "2027-10-01",
        "2027-10-02",
        "2027-10-03",
        "2027-10-04",
        "2027-10-05",
      ],
      workdays: [],
      source: expect.stringContaining("估算"),
      estimated: true,
    });
  });

  it.each([
    [2025, official2025.holidays],
    [2026, calendar2026.holidays],
  ])("never gives a day off that the official %i calendar works", (year, officialHolidays) => {
    const estimate = estimatedCalendar(year);
    expect(estimate?.holidays.length).toBeGreaterThanOrEqual(13);
    expect(estimate?.holidays.filter((day) => !officialHolidays.includes(day))).toEqual([]);
  });

  it("finds every statutory day of a year with 中秋 on 国庆 (2020: 1 October), counted once", () => {
    const holidays = estimatedCalendar(2020)?.holidays ?? [];
    expect(holidays).toContain("2020-10-01");
    expect(holidays.filter((day) => day === "2020-10-01")).toHaveLength(1);
    // 1 Oct 2020 was a Thursday, 3 Oct a Saturday: one weekday made up, Monday 5 October.
    expect(holidays.filter((day) => day.startsWith("2020-10"))).toEqual([
      "2020-10-01",
      "2020-10-02",
      "2020-10-03",
      "2020-10-05",
    ]);
  });

  it("has no estimate outside the years of the lunar table", () => {
    expect(estimatedCalendar(estimableYears.first - 1)).toBeUndefined();
    expect(estimatedCalendar(estimableYears.last + 1)).toBeUndefined();
    expect(estimatedCalendar(estimableYears.last)?.holidays.length).toBeGreaterThanOrEqual(13);
  });

  it("fills only the years without an official calendar", () => {
    const calendars = withEstimates(shippedCalendars);
    expect(calendars.find((calendar) => calendar.year === 2026)).toBe(calendar2026);
    expect(calendars.find((calendar) => calendar.year === 2027)?.estimated).toBe(true);
    expect(isWorkingDay("2027-01-01", calendars)).toBe(false);
    expect(isWorkingDay("2027-02-09", calendars)).toBe(false);
    expect(isWorkingDay("2027-02-11", calendars)).toBe(true);
    expect(calendars.map((calendar) => calendar.year)).toEqual(
      [...calendars.map((calendar) => calendar.year)].sort((a, b) => a - b),
    );
  });
});
