import { describe, expect, it } from "vitest";
import {
  afterAttempt,
  defaultQuietHours,
  failureText,
  maxAttempts,
  parseQuietHours,
  quietUntil,
  retryDelaysMs,
  unreachableReason,
} from "../../../functions/domain/notices/delivery";

const zone = "Asia/Shanghai";
/** An instant given as Shanghai local time (UTC+8, no daylight saving). */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe("quiet hours (21:00-08:00 Asia/Shanghai by default)", () => {
  it("holds an evening notice until 08:00 the next morning", () => {
    expect(quietUntil(shanghai("2026-12-02T21:59:00"), defaultQuietHours, zone)).toEqual(
      shanghai("2026-12-03T08:00:00"),
    );
  });

  it("holds a notice after midnight until 08:00 the same morning, across a month's and a year's end", () => {
    expect(quietUntil(shanghai("2027-01-01T01:08:00"), defaultQuietHours, zone)).toEqual(
      shanghai("2027-01-01T08:00:00"),
    );
    expect(quietUntil(shanghai("2026-12-31T23:30:00"), defaultQuietHours, zone)).toEqual(
      shanghai("2027-01-01T08:00:00"),
    );
  });

  it("lets a notice through from 08:00 to 20:59", () => {
    for (const time of ["08:00:00", "12:00:00", "20:59:59"])
      expect(quietUntil(shanghai(`2026-12-02T${time}`), defaultQuietHours, zone), time).toBeUndefined();
    expect(quietUntil(shanghai("2026-12-02T07:59:59"), defaultQuietHours, zone)).toEqual(
      shanghai("2026-12-02T08:00:00"),
    );
    expect(quietUntil(shanghai("2026-12-02T21:00:00"), defaultQuietHours, zone)).toEqual(
      shanghai("2026-12-03T08:00:00"),
    );
  });

  it("takes a window within one day (a lunch break) as well", () => {
    const lunch = parseQuietHours("12:00-14:00");
    if (!lunch) throw new Error("no window");
    expect(quietUntil(shanghai("2026-12-02T12:30:00"), lunch, zone)).toEqual(shanghai("2026-12-02T14:00:00"));
    expect(quietUntil(shanghai("2026-12-02T22:00:00"), lunch, zone)).toBeUndefined();
  });

  it("reads the setting, or refuses it naming the expected shape", () => {
    expect(parseQuietHours("21:00-08:00")).toEqual(defaultQuietHours);
    expect(parseQuietHours("off")).toBeUndefined();
    for (const wrong of ["21-8", "25:00-08:00", "21:00-08:60", "09:00-09:00", ""])
      expect(() => parseQuietHours(wrong), wrong).toThrow(/21:00-08:00/);
  });
});

describe("after an attempt", () => {
  const now = new Date("2026-12-02T02:00:00Z");

  it("sent: when, and the provider's id", () => {
    expect(afterAttempt({ kind: "sent", providerMessageId: "bz-1" }, 1, now)).toEqual({
      status: "sent",
      sentAt: now.toISOString(),
      providerMessageId: "bz-1",
    });
  });

  it("a transient failure is retried later, each wait longer, and fails after the last attempt", () => {
    const waits = retryDelaysMs.map((_, index) => {
      const result = afterAttempt({ kind: "transient", error: "throttled" }, index + 1, now);
      if (result.status !== "queued") throw new Error(`attempt ${index + 1} was not retried`);
      expect(result.lastError).toBe("throttled");
      return new Date(result.nextAttemptAt).getTime() - now.getTime();
    });
    expect(waits).toEqual([...retryDelaysMs]);
    expect(afterAttempt({ kind: "transient", error: "throttled" }, maxAttempts, now)).toEqual({
      status: "failed",
      failedAt: now.toISOString(),
      lastError: "throttled",
    });
  });

  it("a permanent failure fails at once", () => {
    expect(afterAttempt({ kind: "permanent", error: "invalid number" }, 1, now)).toMatchObject({
      status: "failed",
      lastError: "invalid number",
    });
  });
});

describe("who the console's inbox reaches", () => {
  it("members and the county office, who use the console", () => {
    expect(unreachableReason({ channel: "inbox", recipient: { id: "member:01J0" } })).toBeUndefined();
    expect(unreachableReason({ channel: "inbox", recipient: { id: "county-office" } })).toBeUndefined();
  });

  it("nobody else: a liaison leader, a directory contact or a resident told only in the inbox is a failure, saying why", () => {
    for (const id of ["liaison:01J0", "person:居民丁", "contact:01J0"])
      expect(unreachableReason({ channel: "inbox", recipient: { id } }), id).toBe("no_contact");
  });

  it("is stored as a code and read in the reader's language, not both at once", () => {
    expect(failureText("no_contact", "zh-CN")).toBe("无可用联系方式：此人不使用平台，且未登记手机或电子邮件");
    expect(failureText("no_contact", "en")).toBe(
      "No contact: they do not use the console and have no phone or e-mail on record",
    );
    // What notices that failed before the code said reads the same way.
    const before =
      "无可用联系方式：此人不使用平台，且未登记手机或电子邮件 · no contact: they do not use the console and have no phone or e-mail on record";
    expect(failureText(before, "zh-CN")).toBe(failureText("no_contact", "zh-CN"));
    expect(failureText(before, "en")).toBe(failureText("no_contact", "en"));
    // A provider's own error is shown as the provider wrote it.
    expect(failureText("Throttling: Rate exceeded", "zh-CN")).toBe("Throttling: Rate exceeded");
  });

  it("any other channel has its contact", () => {
    expect(unreachableReason({ channel: "sms", recipient: { id: "person:13900000001" } })).toBeUndefined();
  });
});
