import { describe, expect, it } from "vitest";
import {
  countsTowardCap,
  defaultCostLimits,
  digestDueAt,
  digestItems,
  digestListLimit,
  foldsByPreference,
  parseDigestHour,
  parseLimit,
  rateWindow,
} from "../../../functions/domain/notices/cost-protection";

describe("cost-protection settings", () => {
  it("reads a limit as a whole number from 1, or off", () => {
    expect(parseLimit("10")).toBe(10);
    expect(parseLimit(" off ")).toBeUndefined();
    for (const bad of ["0", "-1", "1.5", "ten", ""]) expect(() => parseLimit(bad)).toThrow(/whole number/);
  });

  it("reads the digest hour as 8 or 08:00, and nothing past 23", () => {
    expect(parseDigestHour("08:00")).toBe(8);
    expect(parseDigestHour("7")).toBe(7);
    for (const bad of ["24:00", "8:30", "morning"]) expect(() => parseDigestHour(bad)).toThrow(/hour/);
  });
});

describe("what folds and what counts", () => {
  const notice = (channel: string, templateId: string, digest?: boolean) => ({
    channel,
    templateId,
    recipient: digest === undefined ? {} : { digest },
  });

  it("folds by preference all but the urgent, the inbox and a digest itself", () => {
    const urgent = new Set(["escalation"]);
    expect(foldsByPreference(notice("email", "reminder_due", true), urgent)).toBe(true);
    expect(foldsByPreference(notice("sms", "reminder_due", true), urgent)).toBe(true);
    expect(foldsByPreference(notice("email", "reminder_due", false), urgent)).toBe(false);
    expect(foldsByPreference(notice("email", "escalation", true), urgent)).toBe(false);
    expect(foldsByPreference(notice("inbox", "reminder_due", true), urgent)).toBe(false);
    expect(foldsByPreference(notice("email", "notice_digest", true), urgent)).toBe(false);
  });

  it("counts SMS toward the cap, not e-mail, not a digest, not an urgent one, not when the cap is off", () => {
    expect(countsTowardCap(notice("sms", "escalation"), defaultCostLimits, new Set(["escalation"]))).toBe(
      false,
    );
    expect(countsTowardCap(notice("sms", "reminder_due"), defaultCostLimits)).toBe(true);
    expect(countsTowardCap(notice("email", "reminder_due"), defaultCostLimits)).toBe(false);
    expect(countsTowardCap(notice("sms", "notice_digest"), defaultCostLimits)).toBe(false);
    expect(
      countsTowardCap(notice("sms", "reminder_due"), { ...defaultCostLimits, smsDailyCap: undefined }),
    ).toBe(false);
  });
});

describe("when and what", () => {
  it("sends a day's digest the next morning at the digest hour, county time", () => {
    expect(digestDueAt("2026-12-31", defaultCostLimits, "Asia/Shanghai").toISOString()).toBe(
      "2027-01-01T00:00:00.000Z",
    );
    // A zone with daylight saving time: the hour is the local one on the day after.
    expect(digestDueAt("2026-03-28", defaultCostLimits, "Europe/London").toISOString()).toBe(
      "2026-03-29T07:00:00.000Z",
    );
  });

  it("windows the rate by the minute", () => {
    const window = rateWindow(new Date("2026-12-02T02:00:59.999Z"));
    expect(window).toEqual({ minute: "2026-12-02T02:00", next: new Date("2026-12-02T02:01:00.000Z") });
  });

  it("lists the folded subjects up to its limit, then says how many more", () => {
    const subjects = Array.from({ length: digestListLimit + 3 }, (_, i) => `通知${i + 1}`);
    const lines = digestItems(subjects, "zh-CN").split("\n");
    expect(lines).toHaveLength(digestListLimit + 1);
    expect(lines[0]).toBe("· 通知1");
    expect(lines.at(-1)).toBe("· 另有3条");
    expect(digestItems(subjects, "en").split("\n").at(-1)).toBe("· and 3 more");
  });
});
