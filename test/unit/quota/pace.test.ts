import { describe, expect, it } from "vitest";
import {
  assessPace,
  expectedByNow,
  quarterOf,
  worstOf,
  yearElapsedShare,
} from "../../../functions/domain/quota/pace";

const shanghai = "Asia/Shanghai";

describe("the share of the year gone by, county time", () => {
  it("is 0 until the county's new year, 1 from the next", () => {
    expect(yearElapsedShare(new Date("2027-12-31T15:59:59.999Z"), 2028, shanghai)).toBe(0);
    expect(yearElapsedShare(new Date("2027-12-31T16:00:00.000Z"), 2028, shanghai)).toBe(0);
    expect(yearElapsedShare(new Date("2028-12-31T16:00:00.000Z"), 2028, shanghai)).toBe(1);
    expect(yearElapsedShare(new Date("2030-06-01T00:00:00.000Z"), 2028, shanghai)).toBe(1);
  });

  it("counts a leap year's 366 days", () => {
    // 2 January 00:00 in Shanghai: one day gone.
    expect(yearElapsedShare(new Date("2028-01-01T16:00:00.000Z"), 2028, shanghai)).toBeCloseTo(1 / 366, 12);
    expect(yearElapsedShare(new Date("2027-01-01T16:00:00.000Z"), 2027, shanghai)).toBeCloseTo(1 / 365, 12);
    // 1 March 00:00: 31 + 29 days gone in 2028, 31 + 28 in 2027.
    expect(yearElapsedShare(new Date("2028-02-29T16:00:00.000Z"), 2028, shanghai)).toBeCloseTo(60 / 366, 12);
    expect(yearElapsedShare(new Date("2027-02-28T16:00:00.000Z"), 2027, shanghai)).toBeCloseTo(59 / 365, 12);
  });

  it("knows a date's quarter", () => {
    expect(["2027-01-01", "2027-03-31", "2027-04-01", "2027-09-30", "2027-12-31"].map(quarterOf)).toEqual([
      1, 1, 2, 3, 4,
    ]);
  });
});

describe("what is expected by now", () => {
  it("follows the share of the year without a plan, and the plan quarter by quarter with one", () => {
    expect(expectedByNow(4, 0.5)).toBe(2);
    expect(expectedByNow(4, 0.5, [0, 0, 2, 2])).toBe(0);
    expect(expectedByNow(4, 0.625, [0, 0, 2, 2])).toBe(1);
    expect(expectedByNow(4, 1, [3, 3, 3, 3])).toBe(4);
  });
});

describe("a target's pace", () => {
  it("is met once the target is reached, whenever", () => {
    expect(assessPace(4, 4, 0.1).status).toBe("met");
    expect(assessPace(12, 10, 0.9)).toMatchObject({ status: "met", toTarget: 0, behindPace: 0 });
  });

  it("is on pace with the whole activities expected by now, behind with fewer, at risk a quarter's worth behind", () => {
    // The check after the first quarter: one consultation expected of four.
    expect(assessPace(1, 4, 0.25).status).toBe("on_pace");
    expect(assessPace(0, 4, 0.25)).toMatchObject({
      status: "behind",
      expected: 1,
      toTarget: 4,
      behindPace: 1,
    });
    // After the second: two expected.
    expect(assessPace(1, 4, 0.5).status).toBe("behind");
    expect(assessPace(0, 4, 0.5).status).toBe("at_risk");
    // Opinions: ten a year, five by mid-year; fewer than 2.5 is at risk.
    expect(assessPace(5, 10, 0.5).status).toBe("on_pace");
    expect(assessPace(3, 10, 0.5).status).toBe("behind");
    expect(assessPace(2, 10, 0.5).status).toBe("at_risk");
  });

  it("is at risk when the year has ended short, and forecasts the year's end at the pace so far", () => {
    expect(assessPace(3, 4, 1)).toMatchObject({ status: "at_risk", forecast: 3, toTarget: 1, behindPace: 1 });
    expect(assessPace(3, 10, 0.25).forecast).toBe(12);
    expect(assessPace(0, 10, 0).forecast).toBe(0);
  });

  it("takes a station's worst status as its own", () => {
    expect(worstOf(["met", "behind", "on_pace"])).toBe("behind");
    expect(worstOf(["met", "at_risk"])).toBe("at_risk");
    expect(worstOf([])).toBe("met");
  });
});
