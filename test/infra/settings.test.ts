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
    expect(() => fromContext({ county: "某某县" })).toThrow(
      /county "某某县" gives no slug for the stack's name .*add -c countySlug=/,
    );
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

describe("where the stack deploys (decision 0025)", () => {
  const oidc = {
    identity: "oidc",
    oidcIssuer: "https://login.example.gov.cn/realms/cppcc",
    oidcAudience: "console, app",
  };

  it("read the region, the functions' architecture and an OIDC identity from -c flags", () => {
    const settings = fromContext({ region: "cn-northwest-1", architecture: "x86_64", ...oidc });
    expect(settings).toMatchObject({
      region: "cn-northwest-1",
      architecture: "x86_64",
      identity: {
        provider: "oidc",
        issuer: oidc.oidcIssuer,
        audiences: ["console", "app"],
        tokenUse: "id",
        bootstrapAdmins: [],
      },
    });
    expect(fromContext({})).toMatchObject({ architecture: "arm64", identity: { provider: "cognito" } });
    expect(fromContext({}).region).toBeUndefined();
    const certificateArn = "arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/0a1b2c3d";
    expect(
      fromContext({
        region: "cn-northwest-1",
        ...oidc,
        apiDomainName: "API.hsl.example.gov.cn",
        apiCertificateArn: certificateArn,
      }).apiDomain,
    ).toEqual({ name: "api.hsl.example.gov.cn", certificateArn });
  });

  it("fall back to the CLI's default region, which a -c region overrides", () => {
    const app = (context: Record<string, unknown>) => new App({ context }).node;
    expect(settingsFromContext(app({}), "ap-east-1").region).toBe("ap-east-1");
    expect(settingsFromContext(app({ region: "us-east-1" }), "ap-east-1").region).toBe("us-east-1");
  });

  it.each([
    [
      { region: "cn-west-9" },
      /region "cn-west-9" is not an AWS region aws-cdk-lib knows; use one of .*cn-northwest-1/,
    ],
    [{ region: "us-gov-west-1" }, /region "us-gov-west-1" is in the aws-us-gov partition/],
    [{ architecture: "arm" }, /architecture must be arm64 or x86_64, not arm/],
    [{ identity: "keycloak" }, /identity must be cognito or oidc, not "keycloak"/],
    [{ identity: "oidc" }, /identity=oidc needs oidcAudience, the client id/],
    [{ ...oidc, oidcIssuer: "http://login.example.gov.cn" }, /oidcIssuer must use https/],
    [{ ...oidc, oidcAudience: "" }, /identity=oidc needs oidcAudience/],
    [{ oidcIssuer: oidc.oidcIssuer }, /oidcIssuer and oidcAudience apply only with identity=oidc/],
    [{ apiDomainName: "api.hsl.example.gov.cn" }, /apiDomainName and apiCertificateArn go together/],
    [
      {
        apiDomainName: "api..example",
        apiCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
      },
      /apiDomainName "api..example" is not a host name/,
    ],
    [
      { apiDomainName: "api.example.gov.cn", apiCertificateArn: "api.example.gov.cn.pem" },
      /apiCertificateArn "api.example.gov.cn.pem" is not an ACM certificate ARN/,
    ],
    [
      {
        region: "ap-east-1",
        apiDomainName: "api.example.gov.cn",
        apiCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
      },
      /apiCertificateArn must be a certificate in ACM in the stack's region \(arn:aws:acm:ap-east-1:…\)/,
    ],
  ])("refuse %j, saying what to give", (context, message) => {
    expect(() => fromContext(context)).toThrow(message);
  });

  it.each([
    [
      { region: "cn-northwest-1" },
      /identity=cognito: Amazon Cognito user pools are not offered in the AWS China regions \(cn-northwest-1\): choose -c identity=oidc -c oidcIssuer=/,
    ],
    [
      { region: "cn-north-1", ...oidc, emailProvider: "ses", sesIdentity: "example.gov.cn" },
      /emailProvider=ses: Amazon SES is not offered in the AWS China regions \(cn-north-1\): choose -c emailProvider=smtp/,
    ],
    [
      { region: "cn-north-1", ...oidc, smsProvider: "sns" },
      /smsProvider=sns: SMS through Amazon SNS is not offered in the AWS China regions \(cn-north-1\): choose -c smsProvider=aliyun or tencent/,
    ],
  ])("refuse a global-only service in a China region: %j", (context, message) => {
    expect(() => fromContext(context)).toThrow(SettingsError);
    expect(() => fromContext(context)).toThrow(message);
  });

  it("accept a China region with what it offers: OIDC, an SMTP relay, a Chinese SMS provider or none yet", () => {
    expect(fromContext({ region: "cn-north-1", ...oidc }).region).toBe("cn-north-1");
    expect(
      fromContext({ region: "cn-northwest-1", ...oidc, smtpSecret: "haoshangliang/smtp" }).delivery,
    ).toEqual({ smtpSecret: "haoshangliang/smtp" });
  });
});
