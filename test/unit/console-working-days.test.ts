/**
 * The console counts the working days left to a deadline itself (the topic response carries no count);
 * it must agree with the API, which plans deadlines with the domain's calendar.
 */
import { describe, expect, it } from "vitest";
import { shiftWorkingDays } from "../../functions/domain/topics/calendar";
import { withEstimates } from "../../functions/domain/topics/estimated-holidays";
import { shippedCalendars } from "../../functions/domain/topics/holidays";
import { type HolidayCalendar, workingDaysLeft } from "../../infra/console/src/topics/working-days";

const calendars: HolidayCalendar[] = withEstimates(shippedCalendars).map((c) => ({
  ...c,
  holidays: [...c.holidays],
  workdays: [...c.workdays],
  shipped: true,
  estimated: c.estimated === true,
}));

describe("working days left to a deadline", () => {
  it("agrees with the days the API plans a deadline with, across the Spring Festival and National Day", () => {
    for (const start of ["2026-02-10", "2026-09-28", "2026-12-30"]) {
      for (const n of [1, 3, 5, 10, 20]) {
        const deadline = shiftWorkingDays(start, n, calendars);
        expect(workingDaysLeft(start, deadline, calendars).days, `${start} + ${n}`).toBe(n);
      }
    }
  });

  it("skips the National Day holiday and counts the make-up Saturday worked", () => {
    const official = calendars.find((c) => c.year === 2026);
    expect(official?.holidays).toContain("2026-10-01");
    // Monday 28 September to Thursday 8 October: the week of 1 October is off.
    const left = workingDaysLeft("2026-09-28", "2026-10-08", calendars);
    const plain = 8; // weekdays 29 Sep – 8 Oct
    expect(left.days).toBeLessThan(plain);
    expect(left.estimated).toBe(false);
  });

  it("says when a year of the count has no official calendar yet", () => {
    expect(workingDaysLeft("2026-12-28", "2027-01-08", calendars).estimated).toBe(true);
  });
});
