import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addDuration,
  addWorkingDays,
  endOfLocalDay,
  hasCalendarFor,
  isIsoDate,
  isWorkingDay,
  localDate,
  localTime,
  parseDeadline,
  shiftWorkingDays,
  yearsOnEstimate,
} from "../../../functions/domain/topics/calendar";
import { shippedCalendars } from "../../../functions/domain/topics/holidays";

const zone = "Asia/Shanghai";
const calendars = shippedCalendars;
/** An instant written in the county's local time (UTC+8, no daylight saving). */
const local = (dateTime: string) => new Date(`${dateTime}+08:00`);

describe("isWorkingDay", () => {
  it.each([
    ["2026-03-11", true, "an ordinary Wednesday"],
    ["2026-03-07", false, "an ordinary Saturday"],
    ["2026-01-01", false, "元旦, a Thursday"],
    ["2026-01-04", true, "the Sunday worked for 元旦"],
    ["2026-02-14", true, "the Saturday worked before 春节"],
    ["2026-02-16", false, "a Monday of 春节"],
    ["2026-02-28", true, "the Saturday worked after 春节"],
    ["2026-09-20", true, "the Sunday worked for 国庆节"],
    ["2026-10-07", false, "the last day of 国庆节, a Wednesday"],
  ])("%s is a working day: %s (%s)", (date, expected) => {
    expect(isWorkingDay(date, calendars)).toBe(expected);
  });

  it("counts weekends only in a year without a calendar", () => {
    expect(hasCalendarFor(2026, calendars)).toBe(true);
    expect(hasCalendarFor(2027, calendars)).toBe(false);
    expect(isWorkingDay("2027-01-01", calendars)).toBe(true);
    expect(isWorkingDay("2027-01-02", calendars)).toBe(false);
    expect(yearsOnEstimate("2026-12-30", "2027-01-04", calendars)).toEqual([2027]);
    expect(yearsOnEstimate("2026-03-01", "2026-04-01", calendars)).toEqual([]);
  });

  it("counts a year on an estimated calendar, and says the year rests on an estimate", () => {
    const withEstimate = [
      ...calendars,
      { year: 2027, holidays: ["2027-01-01"], workdays: [], source: "est", estimated: true },
    ];
    expect(isWorkingDay("2027-01-01", withEstimate)).toBe(false);
    expect(yearsOnEstimate("2026-12-30", "2027-01-04", withEstimate)).toEqual([2027]);
  });

  it("without any calendar, every weekday works", () => {
    expect(isWorkingDay("2026-01-01", [])).toBe(true);
    expect(isWorkingDay("2026-01-04", [])).toBe(false);
  });

  it("rejects what is not a date", () => {
    expect(() => isWorkingDay("2026-02-30", calendars)).toThrow(RangeError);
    expect(isIsoDate("2026-02-28")).toBe(true);
    // Years 0–99 are themselves, not 1900–1999 (Date.UTC's reading).
    expect(isIsoDate("0050-01-01")).toBe(true);
    expect(isIsoDate("2026-2-28")).toBe(false);
  });
});

describe("shiftWorkingDays", () => {
  it("skips the Spring Festival both ways", () => {
    expect(shiftWorkingDays("2026-02-13", 1, calendars)).toBe("2026-02-14");
    expect(shiftWorkingDays("2026-02-14", 1, calendars)).toBe("2026-02-24");
    expect(shiftWorkingDays("2026-02-24", -1, calendars)).toBe("2026-02-14");
    expect(shiftWorkingDays("2026-02-24", -2, calendars)).toBe("2026-02-13");
    expect(shiftWorkingDays("2026-02-24", 0, calendars)).toBe("2026-02-24");
  });
});

describe("addWorkingDays", () => {
  it("ends at the end of the n-th working day after the start's day", () => {
    const start = local("2026-02-12T10:00:00");
    expect(addWorkingDays(start, 1, calendars, zone)).toEqual(local("2026-02-13T23:59:59.999"));
    expect(addWorkingDays(start, 2, calendars, zone)).toEqual(local("2026-02-14T23:59:59.999"));
    expect(addWorkingDays(start, 3, calendars, zone)).toEqual(local("2026-02-24T23:59:59.999"));
    expect(addWorkingDays(start, 3, calendars, zone).toISOString()).toBe("2026-02-24T15:59:59.999Z");
  });

  it("counts from the local date, not the UTC one", () => {
    // 17:00 UTC on 2 March is already 01:00 on 3 March in the county.
    const start = new Date("2026-03-02T17:00:00Z");
    expect(addWorkingDays(start, 1, calendars, zone)).toEqual(local("2026-03-04T23:59:59.999"));
  });

  it("0 days is the end of the start's own day", () => {
    expect(addWorkingDays(local("2026-03-07T08:00:00"), 0, calendars, zone)).toEqual(
      local("2026-03-07T23:59:59.999"),
    );
  });

  it("passes the National Day week and lands on its make-up Saturday", () => {
    const start = local("2026-09-30T16:00:00");
    expect(addWorkingDays(start, 1, calendars, zone)).toEqual(local("2026-10-08T23:59:59.999"));
    expect(addWorkingDays(start, 3, calendars, zone)).toEqual(local("2026-10-10T23:59:59.999"));
    expect(addWorkingDays(local("2026-09-18T09:00:00"), 1, calendars, zone)).toEqual(
      local("2026-09-20T23:59:59.999"),
    );
  });

  it("runs into a year without a calendar on weekends only", () => {
    expect(addWorkingDays(local("2026-12-30T09:00:00"), 3, calendars, zone)).toEqual(
      local("2027-01-04T23:59:59.999"),
    );
  });

  it("refuses negative or fractional counts", () => {
    expect(() => addWorkingDays(new Date(), -1, calendars, zone)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5, calendars, zone)).toThrow(RangeError);
  });
});

describe("addCalendarDays and addDuration", () => {
  it("counts every day, holidays included", () => {
    expect(addCalendarDays(local("2026-02-12T10:00:00"), 10, zone)).toEqual(local("2026-02-22T23:59:59.999"));
    expect(addDuration(local("2026-02-12T10:00:00"), { amount: 10, unit: "days" }, calendars, zone)).toEqual(
      local("2026-02-22T23:59:59.999"),
    );
    expect(
      addDuration(local("2026-02-12T10:00:00"), { amount: 3, unit: "workingDays" }, calendars, zone),
    ).toEqual(local("2026-02-24T23:59:59.999"));
  });
});

describe("local days and times", () => {
  it("follow the zone's daylight saving where it has one", () => {
    expect(endOfLocalDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-09T03:59:59.999Z");
    expect(endOfLocalDay("2026-03-07", "America/New_York").toISOString()).toBe("2026-03-08T04:59:59.999Z");
    expect(localTime("2026-03-13", 9, zone).toISOString()).toBe("2026-03-13T01:00:00.000Z");
    expect(localDate(new Date("2026-03-13T16:00:00Z"), zone)).toBe("2026-03-14");
  });
});

describe("parseDeadline", () => {
  it("reads a date as the end of that day in the county", () => {
    expect(parseDeadline("2026-03-10", zone)).toEqual(local("2026-03-10T23:59:59.999"));
  });

  it("takes a date-time with an offset as it is", () => {
    expect(parseDeadline("2026-03-10T12:00:00+08:00", zone)).toEqual(local("2026-03-10T12:00:00"));
    expect(parseDeadline("2026-03-10T04:00:00Z", zone)).toEqual(local("2026-03-10T12:00:00"));
  });

  it.each([["2026-02-30"], ["2026-03-10T12:00:00"], ["next friday"], [""]])("refuses %j", (value) => {
    expect(parseDeadline(value, zone)).toBeUndefined();
  });
});
