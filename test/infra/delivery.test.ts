/**
 * The notices' providers chosen by context (infra/delivery.ts): in a global region SES and SNS with
 * their grants and no secret; in a China region SMTP and a Chinese SMS provider with no SES or SNS
 * anywhere and each function allowed its one secret; SES or SNS in a China region a synth error.
 */

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeliveryContext, noticeSenderSpecs } from "../../infra/delivery";
import { SettingsError, settingsFromContext } from "../../infra/settings";
import { bundle } from "../bench/bundles";
import { providerTemplatesFor } from "../support/sms-notice";
import { removeAssemblies, synthesize } from "./synth";

const SYNTH_TIMEOUT = 180_000;

/** Each template mapped to a provider template with its Chinese SMS's variables. */
const smsTemplates = JSON.stringify(providerTemplatesFor((index) => `SMS_${100 + index}`));

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** The statements of the policies attached to a sender's role, by the sender's id (`Email`, `Sms`). */
function senderStatements(template: Template, id: string): Statement[] {
  const policies = template.findResources("AWS::IAM::Policy");
  return Object.values(policies)
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`Notices${id}FunctionRole`))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (statement: Statement) => [statement.Action].flat();
const granting = (statements: Statement[], action: string) =>
  statements.filter((statement) => actionsOf(statement).includes(action));

/** A sender function's environment, by its id. */
function senderEnvironment(template: Template, id: string): Record<string, unknown> {
  const [fn] = Object.entries(template.findResources("AWS::Lambda::Function"))
    .filter(([logicalId]) => logicalId.startsWith(`Notices${id}Function`))
    .map(([, resource]) => resource);
  return fn?.Properties.Environment.Variables ?? {};
}

afterAll(removeAssemblies);

describe("a global region with SES and SNS", () => {
  let template: Template;

  beforeAll(() => {
    template = synthesize({
      region: "us-east-1",
      bundle: false,
      settings: {
        smsSignature: "某县政协",
        delivery: {
          emailProvider: "ses",
          smsProvider: "sns",
          sesIdentity: "example.gov.cn",
          sesConfigurationSet: "notices",
          snsSenderId: "CPPCC",
        },
      },
    }).template;
  }, SYNTH_TIMEOUT);

  it("lets the e-mail sender send as the one SES identity (and configuration set), nothing else", () => {
    const sends = granting(senderStatements(template, "Email"), "ses:SendEmail");
    expect(sends).toHaveLength(1);
    expect(actionsOf(sends[0] as Statement)).toEqual(["ses:SendEmail"]);
    expect([sends[0]?.Resource].flat().sort()).toEqual([
      "arn:aws:ses:us-east-1:123456789012:configuration-set/notices",
      "arn:aws:ses:us-east-1:123456789012:identity/example.gov.cn",
    ]);
    expect(granting(senderStatements(template, "Sms"), "ses:SendEmail")).toEqual([]);
  });

  it("lets the SMS sender publish SMS to phone numbers, not to any topic, and nothing else publish", () => {
    const publish = granting(senderStatements(template, "Sms"), "sns:Publish");
    expect(publish).toEqual([
      {
        Action: "sns:Publish",
        Effect: "Allow",
        NotResource: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":sns:*:*:*"]] },
      },
    ]);
    expect(granting(senderStatements(template, "Email"), "sns:Publish")).toEqual([]);
  });

  it("reads no secret, and tells each sender its provider and settings", () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/secretsmanager/);
    expect(senderEnvironment(template, "Email")).toMatchObject({
      EMAIL_DELIVERY: "ses",
      SES_FROM: "noreply@example.gov.cn",
      SES_CONFIGURATION_SET: "notices",
    });
    expect(senderEnvironment(template, "Sms")).toMatchObject({
      SMS_DELIVERY: "sns",
      SNS_SENDER_ID: "CPPCC",
      SMS_SIGNATURE: "某县政协",
    });
  });
});

describe("a China region with SMTP and Alibaba Cloud SMS", () => {
  const smsSecret = "arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:haoshangliang/sms-AbCdEf";
  const china = {
    region: "cn-northwest-1",
    bundle: false,
    settings: {
      smsSignature: "某县政协",
      identity: {
        provider: "oidc" as const,
        issuer: "https://login.example.gov.cn",
        audiences: ["haoshangliang"],
        tokenUse: "id" as const,
        bootstrapAdmins: [],
      },
      delivery: {
        emailProvider: "smtp",
        smsProvider: "aliyun",
        smtpSecret: "haoshangliang/smtp",
        smtpFrom: "县政协办公室 <noreply@example.gov.cn>",
        smsSecret,
        smsTemplates,
      },
    },
  };
  let template: Template;

  beforeAll(() => {
    // Synthesis runs CloudFormation's region check (cdk.json): nothing in the stack is refused there.
    template = synthesize(china).template;
  }, SYNTH_TIMEOUT);

  it("refuses the Cognito user pool there by its setting, saying what to choose instead", () => {
    const { identity: _oidc, ...cognito } = china.settings;
    expect(() => synthesize({ ...china, settings: cognito })).toThrow(
      /identity=cognito: Amazon Cognito user pools are not offered in the AWS China regions \(cn-northwest-1\): choose -c identity=oidc/,
    );
  });

  it("has no SES anywhere and no SNS SMS (the alerts topic is SNS, which China's regions have)", () => {
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toMatch(/"ses:/);
    // No function may publish through SNS: only CloudWatch publishes, to the alerts topic (decision 0026).
    expect(JSON.stringify(template.findResources("AWS::IAM::Policy"))).not.toMatch(/sns:Publish/);
  });

  it("lets each sender read its one secret, by name or by ARN, in the China partition", () => {
    expect(granting(senderStatements(template, "Email"), "secretsmanager:GetSecretValue")).toEqual([
      {
        Action: "secretsmanager:GetSecretValue",
        Effect: "Allow",
        Resource: "arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:haoshangliang/smtp-??????",
      },
    ]);
    expect(granting(senderStatements(template, "Sms"), "secretsmanager:GetSecretValue")).toEqual([
      { Action: "secretsmanager:GetSecretValue", Effect: "Allow", Resource: smsSecret },
    ]);
    const everyGrant = Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
    );
    expect(granting(everyGrant, "secretsmanager:GetSecretValue")).toHaveLength(2);
  });

  it("names the secrets in the environment, with the settings that are not secret", () => {
    expect(senderEnvironment(template, "Email")).toEqual(
      expect.objectContaining({ EMAIL_DELIVERY: "smtp", DELIVERY_SECRET: "haoshangliang/smtp" }),
    );
    expect(senderEnvironment(template, "Sms")).toEqual(
      expect.objectContaining({
        SMS_DELIVERY: "aliyun",
        DELIVERY_SECRET: smsSecret,
        SMS_TEMPLATES: smsTemplates,
      }),
    );
  });
});

describe("the choice of providers", () => {
  const specs = (delivery: DeliveryContext, region?: string, signature = "某县政协") =>
    noticeSenderSpecs(delivery, region, signature).map((spec) => `${spec.id}:${spec.provider}`);

  it("defaults by region to what is configured: SES once an identity is given and SNS; in China, SMTP and Alibaba once their secrets are", () => {
    expect(specs({})).toEqual(["Email:outbox", "Sms:sns"]);
    expect(specs({ sesIdentity: "example.gov.cn" }, "eu-west-1")).toEqual(["Email:ses", "Sms:sns"]);
    expect(specs({}, "cn-north-1")).toEqual(["Email:outbox", "Sms:outbox"]);
    expect(specs({ smtpSecret: "s", smsSecret: "t", smsTemplates }, "cn-north-1")).toEqual([
      "Email:smtp",
      "Sms:aliyun",
    ]);
  });

  it("refuses SES or SNS in a China region, saying what to choose instead", () => {
    expect(() => specs({ emailProvider: "ses", sesIdentity: "example.gov.cn" }, "cn-northwest-1")).toThrow(
      /Amazon SES is not offered in the AWS China regions \(cn-northwest-1\): choose -c emailProvider=smtp/,
    );
    expect(() => specs({ smsProvider: "sns" }, "cn-north-1")).toThrow(
      /SNS is not offered in the AWS China regions \(cn-north-1\): choose -c smsProvider=aliyun or tencent/,
    );
    expect(() =>
      synthesize({ region: "cn-north-1", bundle: false, settings: { delivery: { smsProvider: "sns" } } }),
    ).toThrow(SettingsError);
  });

  it("names the context a provider needs", () => {
    expect(() => specs({ emailProvider: "ses" })).toThrow(/emailProvider=ses needs -c sesIdentity=/);
    expect(() => specs({ sesIdentity: "example.gov.cn", sesFrom: "a@other.cn" })).toThrow(
      /sesFrom a@other.cn is not an address of the SES identity example.gov.cn/,
    );
    // An address identity covers that address alone, not one that merely ends with it.
    expect(() => specs({ sesIdentity: "a@example.gov.cn", sesFrom: "xa@example.gov.cn" })).toThrow(/sesFrom/);
    expect(specs({ sesIdentity: "a@example.gov.cn", sesFrom: "办公室 <A@example.gov.cn>" })).toHaveLength(2);
    expect(specs({ sesIdentity: "example.gov.cn", sesFrom: "办公室 <a@mail.example.gov.cn>" })).toEqual([
      "Email:ses",
      "Sms:sns",
    ]);
    expect(() => specs({ emailProvider: "smtp" }, "cn-north-1")).toThrow(/needs -c smtpSecret=/);
    expect(() => specs({ smsProvider: "tencent", smsTemplates }, "cn-north-1")).toThrow(
      /needs -c smsSecret=/,
    );
    expect(() => specs({ smsProvider: "aliyun", smsSecret: "s" }, "cn-north-1")).toThrow(
      /needs -c smsTemplates=/,
    );
    expect(() => specs({ smsProvider: "aliyun", smsSecret: "s", smsTemplates: "{}" }, "cn-north-1")).toThrow(
      /smsTemplates: SMS_TEMPLATES: .*no template id/,
    );
    expect(() => specs({ smsSecret: "s", smsTemplates }, "cn-north-1", "")).toThrow(/needs -c smsSignature=/);
    expect(() => specs({ emailProvider: "sendgrid" })).toThrow(/emailProvider must be ses, smtp or outbox/);
    expect(() => specs({ snsSenderId: "12345" })).toThrow(/snsSenderId/);
  });

  it("are checked with the settings, before anything is built", () => {
    const app = new App({ context: { smsProvider: "tencent", region: "ap-east-1" } });
    expect(() => settingsFromContext(app.node)).toThrow(/smsProvider=tencent needs -c smsSecret=/);
  });

  it("are read from context, JSON values as their text", () => {
    const app = new App({
      context: {
        smsProvider: "tencent",
        smsSecret: "haoshangliang/sms",
        smsSignature: "某县政协",
        tencentSmsAppId: 1400000001,
        smsTemplates: JSON.parse(smsTemplates),
      },
    });
    expect(settingsFromContext(app.node).delivery).toEqual({
      smsProvider: "tencent",
      smsSecret: "haoshangliang/sms",
      tencentSmsAppId: "1400000001",
      smsTemplates,
    });
  });
});

describe("each sender's bundle (built as deployed) carries its one provider", () => {
  const libraries = [
    "nodemailer",
    "@aws-sdk/client-sesv2",
    "@aws-sdk/client-sns",
    "@aws-sdk/client-secrets-manager",
  ];
  const cases = [
    ["ses", "functions/ses-email-sender.ts", ["@aws-sdk/client-sesv2"]],
    ["smtp", "functions/email-sender.ts", ["nodemailer", "@aws-sdk/client-secrets-manager"]],
    ["sns", "functions/sns-sms-sender.ts", ["@aws-sdk/client-sns"]],
    ["china", "functions/sms-sender.ts", ["@aws-sdk/client-secrets-manager"]],
  ] as const;

  it.each(cases)(
    "%s: %s",
    async (name, entry, carried) => {
      const spec = [
        ...noticeSenderSpecs(
          { sesIdentity: "example.gov.cn", smtpSecret: "s", smsSecret: "t", smsTemplates },
          "us-east-1",
          "x",
        ),
        ...noticeSenderSpecs({ smtpSecret: "s", smsSecret: "t", smsTemplates }, "cn-north-1", "x"),
      ].find((found) => found.entry === entry);
      expect(spec, `a provider deploys ${entry}`).toBeDefined();
      const outDir = await mkdtemp(join(tmpdir(), "hsl-sender-bundle-"));
      try {
        const built = await bundle(name, entry, outDir);
        const present = libraries.filter((library) => built.parts.has(library));
        expect(present.sort()).toEqual([...carried].sort());
      } finally {
        await rm(outDir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
