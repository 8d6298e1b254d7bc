/** The per-county parameters: defaults, context parsing and the checks that stop a bad deployment. */
import { App } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { describe, expect, it } from "vitest";
import { cdkJsonContext } from "../../infra/paths";
import {
  defaultSettings,
  resolveSettings,
  SettingsError,
  settingsFromContext,
  slugify,
} from "../../infra/settings";
import { stackNameFor } from "../../infra/stack";

const fromContext = (context: Record<string, unknown>) => settingsFromContext(new App({ context }).node);

describe("county settings", () => {
  it("default to the demo county in Asia/Shanghai", () => {
    expect(fromContext({})).toEqual(defaultSettings);
    expect(stackNameFor(fromContext({}))).toBe("Haoshangliang-demo-county");
  });

  it("match cdk.json's context, so cdk synth and tests build the same stack", () => {
    expect(fromContext(cdkJsonContext())).toEqual(defaultSettings);
  });

  it("read strings from -c flags as well as typed values from cdk.json", () => {
    const settings = fromContext({
      county: "Sample County",
      timeZone: "Asia/Urumqi",
      smsSignature: "某某县政协",
      logRetentionDays: "90",
      allowedOrigins: "https://a.example, https://b.example",
      throttleRateLimit: 20,
      throttleBurstLimit: "40",
      mfa: "optional",
      defaultLanguage: "en",
    });
    expect(settings).toMatchObject({
      county: "Sample County",
      countySlug: "sample-county",
      timeZone: "Asia/Urumqi",
      smsSignature: "某某县政协",
      logRetention: RetentionDays.THREE_MONTHS,
      allowedOrigins: ["https://a.example", "https://b.example"],
      throttleRateLimit: 20,
      throttleBurstLimit: 40,
      mfa: "optional",
      defaultLanguage: "en",
    });
  });

  it("carry the notice rules to the functions' environment, checked as the functions check them", () => {
    const settings = fromContext({
      noticeQuietHours: "22:00-07:30",
      noticeUrgentTemplates: "escalation",
      smsDailyCap: "off",
      smsPerMinute: 30,
      noticeDigestHour: "07:00",
      consoleUrl: "https://hsl.example.gov.cn/",
    });
    expect(settings.noticeRules).toEqual({
      NOTICE_QUIET_HOURS: "22:00-07:30",
      NOTICE_URGENT_TEMPLATES: "escalation",
      SMS_DAILY_CAP: "off",
      SMS_PER_MINUTE: "30",
      NOTICE_DIGEST_HOUR: "07:00",
      CONSOLE_URL: "https://hsl.example.gov.cn/",
    });
    for (const [key, value, named] of [
      ["noticeQuietHours", "late", /NOTICE_QUIET_HOURS/],
      ["noticeUrgentTemplates", "escalations", /NOTICE_URGENT_TEMPLATES names no template: escalations/],
      ["smsDailyCap", "0", /SMS_DAILY_CAP/],
      ["noticeDigestHour", "25:00", /NOTICE_DIGEST_HOUR/],
      ["consoleUrl", "hsl.example.gov.cn", /CONSOLE_URL/],
    ] as const)
      expect(() => fromContext({ [key]: value }), key).toThrow(named);
    expect(() => fromContext({ smsDailyCap: "0" })).toThrow(SettingsError);
  });

  it("carry the quota's targets by year to the functions, refusing a bad one at synth", () => {
    const targets = { default: { consultations: 5 }, 2028: { opinions: 12 } };
    expect(fromContext({ quotaTargets: targets }).quotaTargets).toBe(JSON.stringify(targets));
    expect(fromContext({ quotaTargets: JSON.stringify(targets) }).quotaTargets).toBe(JSON.stringify(targets));
    expect(() => fromContext({ quotaTargets: { 2028: { opinion: 12 } } })).toThrow(
      /context quotaTargets QUOTA_TARGETS.2028.opinion is not a setting/,
    );
  });

  it("need an explicit slug when the county's name has no Latin letters", () => {
    expect(() => fromContext({ county: "某某县" })).toThrow(SettingsError);
    expect(fromContext({ county: "某某县", countySlug: "mou-county" }).countySlug).toBe("mou-county");
  });

  it.each([
    [{ timeZone: "Mars/Olympus" }],
    [{ defaultLanguage: "fr" }],
    [{ mfa: "off" }],
    [{ logRetentionDays: 31 }],
    [{ throttleRateLimit: 0 }],
    [{ countySlug: "Not A Slug" }],
  ])("reject %j", (context) => {
    expect(() => fromContext(context)).toThrow(SettingsError);
  });

  it("slugify to lowercase ASCII with single dashes", () => {
    expect(slugify("  Some County (Demo) ")).toBe("some-county-demo");
    expect(slugify("某某县")).toBe("");
    expect(resolveSettings({ county: "Another Place" }).countySlug).toBe("another-place");
  });
});
