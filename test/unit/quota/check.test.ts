/** The quarterly check's calendar, the quota's settings and a station's assessment (decision 0022): pure rules. */
import { describe, expect, it } from "vitest";
import { assessQuota, type StationPlan, shortfall } from "../../../functions/domain/quota/assessment";
import {
  checkInstant,
  checkPeriod,
  firstWorkingDayOfQuarter,
  isFirstWorkingDayOfQuarter,
  quarterEndInstant,
  quarterlyShare,
} from "../../../functions/domain/quota/check";
import { yearElapsedShare } from "../../../functions/domain/quota/pace";
import { parseQuotaTargets, quotaSettingsFor } from "../../../functions/domain/quota/targets";
import type { HolidayCalendar } from "../../../functions/domain/topics/calendar";
import { shippedCalendars } from "../../../functions/domain/topics/holidays";

const zone = "Asia/Shanghai";
const local = (text: string) => new Date(`${text}+08:00`);
const settings = quotaSettingsFor(2027, {});

describe("the first working day of a quarter", () => {
  it("skips New Year and National Day, and counts a make-up Sunday as worked (2026's official calendar)", () => {
    const days = ([1, 2, 3, 4] as const).map((q) => firstWorkingDayOfQuarter(2026, q, shippedCalendars));
    // 元旦 1–3 January off, Sunday 4 January worked; 国庆 1–7 October off.
    expect(days).toEqual(["2026-01-04", "2026-04-01", "2026-07-01", "2026-10-08"]);
    expect(isFirstWorkingDayOfQuarter("2026-01-04", shippedCalendars)).toBe(true);
    expect(isFirstWorkingDayOfQuarter("2026-01-05", shippedCalendars)).toBe(false);
    expect(isFirstWorkingDayOfQuarter("2026-10-01", shippedCalendars)).toBe(false);
  });

  it("moves past a weekend without a calendar, and follows an uploaded one", () => {
    // 1 April 2028 is a Saturday.
    expect(firstWorkingDayOfQuarter(2028, 2, [])).toBe("2028-04-03");
    const bridged: HolidayCalendar = {
      year: 2028,
      holidays: ["2028-04-03", "2028-04-04"],
      workdays: [],
      source: "test",
    };
    expect(firstWorkingDayOfQuarter(2028, 2, [bridged])).toBe("2028-04-05");
  });
});

describe("the share of the year, quarter by quarter", () => {
  it("is exactly ¼, ½, ¾ and 1 at the quarters' ends, though Q1 is shorter than a quarter of the days", () => {
    for (const year of [2027, 2028]) {
      const ends = ([1, 2, 3, 4] as const).map((q) =>
        quarterlyShare(quarterEndInstant(year, q, zone), year, zone),
      );
      expect(ends).toEqual([0.25, 0.5, 0.75, 1]);
    }
    // 90 of 365 days: by days alone the end of Q1 is short of a quarter, and the "4" would expect none.
    expect(yearElapsedShare(quarterEndInstant(2027, 1, zone), 2027, zone)).toBeCloseTo(90 / 365, 9);
    expect(quarterlyShare(local("2027-01-01T00:00:00"), 2027, zone)).toBe(0);
    expect(quarterlyShare(local("2026-12-31T23:59:59"), 2027, zone)).toBe(0);
  });

  it("counts 29 February inside a leap year's first quarter (91 days)", () => {
    expect(quarterlyShare(local("2028-03-01T00:00:00"), 2028, zone)).toBeCloseTo(60 / 91 / 4, 12);
    expect(quarterlyShare(local("2027-03-01T00:00:00"), 2027, zone)).toBeCloseTo(59 / 90 / 4, 12);
    expect(yearElapsedShare(local("2029-01-01T00:00:00"), 2028, zone)).toBe(1);
  });
});

describe("which check a date belongs to", () => {
  it("the Q2 check assesses the year as of the end of Q1; the Q1 check closes the year before", () => {
    expect(checkPeriod(local("2027-04-01T09:00:00"), zone)).toMatchObject({
      checkId: "2027-Q2",
      current: { year: 2027, share: 0.25, quartersEnded: 1, closing: false },
      previous: { year: 2026, share: 1, quartersEnded: 4, closing: true },
    });
    const first = checkPeriod(local("2028-01-04T09:00:00"), zone);
    expect(first).toMatchObject({ checkId: "2028-Q1", current: undefined, previous: { year: 2027 } });
    // County time: 31 December 20:00 UTC is already 1 January in Shanghai.
    expect(checkPeriod(new Date("2027-12-31T20:00:00Z"), zone).checkId).toBe("2028-Q1");
  });
});

describe("the quota's settings", () => {
  it("default to 4 and 10 and a quarter, a year's entry over the default entry", () => {
    expect(settings).toEqual({
      targets: { consultations: 4, opinions: 10 },
      thresholds: { atRiskQuartersBehind: 1 },
    });
    const table = parseQuotaTargets(
      '{"default": {"opinions": 12}, "2028": {"consultations": 6, "atRiskQuartersBehind": 2}}',
    );
    expect(quotaSettingsFor(2027, table).targets).toEqual({ consultations: 4, opinions: 12 });
    expect(quotaSettingsFor(2028, table)).toEqual({
      targets: { consultations: 6, opinions: 12 },
      thresholds: { atRiskQuartersBehind: 2 },
    });
  });

  it("refuse what is not a setting, saying which", () => {
    expect(() => parseQuotaTargets("{")).toThrow(/JSON/);
    expect(() => parseQuotaTargets('{"27": {}}')).toThrow(/years or "default"/);
    expect(() => parseQuotaTargets('{"2027": {"consultation": 4}}')).toThrow(
      /2027\.consultation is not a setting/,
    );
    expect(() => parseQuotaTargets('{"2027": {"opinions": -1}}')).toThrow(/≥ 0/);
    expect(parseQuotaTargets(undefined)).toEqual({});
  });
});

describe("a station's assessment", () => {
  const tally = (counters: Record<string, number>) => ({ stationId: "s", year: 2027, counters });

  it("at the end of Q1 expects one consultation and two opinions by the share of the year", () => {
    const assessed = assessQuota(tally({ activity_consultation: 1, opinions: 1 }), undefined, settings, 0.25);
    expect(assessed.consultations).toMatchObject({
      expected: 1,
      status: "on_pace",
      forecast: 4,
      toTarget: 3,
      behindPace: 0,
    });
    expect(assessed.opinions).toMatchObject({ expected: 2, status: "behind" });
    expect(assessed.status).toBe("behind");
    expect(shortfall(assessed, "zh-CN")).toBe("社情民意1条");
    expect(shortfall(assessed, "en")).toBe("1 opinion item");
  });

  it("holds a station to its plan quarter by quarter, and shows the plan beside what was done", () => {
    const plan: StationPlan = {
      quarters: [
        { consultations: 0, opinions: 1, activities: { visit: 2 } },
        { consultations: 2, opinions: 3 },
        { consultations: 1, opinions: 3, activities: { visit: 1 } },
        { consultations: 1, opinions: 3 },
      ],
    };
    const counts = tally({ opinions: 1, activity_visit: 1 });
    const byPlan = assessQuota(counts, plan, settings, 0.25);
    expect(byPlan.consultations).toMatchObject({ expected: 0, status: "on_pace" });
    expect(byPlan.status).toBe("on_pace");
    expect(byPlan.activities.find((line) => line.type === "visit")).toEqual({
      type: "visit",
      done: 1,
      planned: 3,
      plannedByNow: 2,
    });
    // Without the plan, the same counts are behind.
    expect(assessQuota(counts, undefined, settings, 0.25).status).toBe("behind");
    // At the end of Q2 the plan expects 2 consultations: none done is more than a quarter's worth (1) behind.
    expect(assessQuota(counts, plan, settings, 0.5).consultations.status).toBe("at_risk");
  });

  it("closes a year short of a target as at risk, and a met one as met", () => {
    const closed = assessQuota(tally({ activity_consultation: 4, opinions: 9 }), undefined, settings, 1);
    expect(closed.consultations.status).toBe("met");
    expect(closed.opinions.status).toBe("at_risk");
    expect(shortfall(closed, "zh-CN")).toBe("社情民意1条");
  });

  it("counts topics by category", () => {
    const assessed = assessQuota(
      tally({ topics: 3, topics_livelihood: 2, topics_governance: 1 }),
      undefined,
      settings,
      0.5,
    );
    expect(assessed.topics).toBe(3);
    expect(assessed.topicsByCategory).toEqual({ livelihood: 2, governance: 1 });
  });
});

describe("the date a check is asked for", () => {
  // 00:37 on 4 December in the county: today's date is accepted, as now (not as 09:00, still ahead).
  const now = local("2026-12-04T00:37:00");
  const instant = (asOf: string | undefined, at: Date) => checkInstant(asOf, at, zone);

  it("is 09:00 that day, or now when today's 09:00 has not come yet", () => {
    expect(instant("2026-12-04", now)).toEqual(now);
    expect(instant("2026-12-03", now)).toEqual(local("2026-12-03T09:00:00"));
    expect(instant(undefined, now)).toEqual(now);
    expect(instant("2026-12-03T20:00:00Z", now)).toEqual(new Date("2026-12-03T20:00:00Z"));
  });

  it("stays in the future for a day to come (refused as as_of_in_future)", () => {
    expect(instant("2026-12-05", now)).toEqual(local("2026-12-05T09:00:00"));
  });
});
