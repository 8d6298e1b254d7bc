/** Which years' official holiday calendars the county office is asked for, by date. */
import { describe, expect, it } from "vitest";
import { askForNextYearFromMonth, yearsDue } from "../../../functions/topics/calendar-watch";

describe("yearsDue", () => {
  it("asks for this year's calendar all year", () => {
    expect(yearsDue("2027-01-01")).toEqual([2027]);
    expect(yearsDue("2027-06-30")).toEqual([2027]);
    expect(yearsDue("2027-10-31")).toEqual([2027]);
  });

  it("asks for next year's too from 1 November, when the State Council publishes it", () => {
    expect(askForNextYearFromMonth).toBe(11);
    expect(yearsDue("2027-11-01")).toEqual([2027, 2028]);
    expect(yearsDue("2027-12-31")).toEqual([2027, 2028]);
  });
});
