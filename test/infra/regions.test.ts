/**
 * A template that deploys where it is synthesized (decision 0025): the stack built for a global
 * region (us-east-1), one near the mainland (ap-east-1) and a China region (cn-northwest-1), each with
 * the settings it needs, passes cdk-nag and CloudFormation Validate — the resource schemas shipped
 * with aws-cdk-lib, which refuse an unknown type or property and a type the region does not offer —
 * and a China template names its own partition and nothing China lacks.
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, CloudFormationValidatePlugin, type PolicyValidationPluginReport } from "aws-cdk-lib";
import { Annotations, Match, type Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CountySettings, resolveSettings } from "../../infra/settings";
import { HaoshangliangStack } from "../../infra/stack";
import { providerTemplatesFor } from "../support/sms-notice";
import { newApp, onlyLogicalId, removeAssemblies, type Synthesized, synthesize } from "./synth";

const SYNTH_TIMEOUT = 180_000;
const smsTemplates = JSON.stringify(providerTemplatesFor((index) => `SMS_${100 + index}`));
const oidcIssuer = "https://login.example.gov.cn/realms/cppcc";
const certificateArn =
  "arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

interface RegionCase {
  readonly region: string;
  readonly settings: Partial<CountySettings>;
  readonly architecture: "arm64" | "x86_64";
  readonly identity: "cognito" | "oidc";
}

const cases: readonly RegionCase[] = [
  {
    region: "us-east-1",
    identity: "cognito",
    architecture: "arm64",
    settings: { smsSignature: "某县政协", delivery: { sesIdentity: "example.gov.cn" } },
  },
  {
    // Near the mainland without an AWS China account: Tencent Cloud SMS, an SMTP relay, x86_64 by choice.
    region: "ap-east-1",
    identity: "cognito",
    architecture: "x86_64",
    settings: {
      smsSignature: "某县政协",
      architecture: "x86_64",
      delivery: {
        emailProvider: "smtp",
        smtpSecret: "haoshangliang/smtp",
        smsProvider: "tencent",
        smsSecret: "haoshangliang/sms",
        smsTemplates,
        tencentSmsAppId: "1400000000",
      },
    },
  },
  {
    region: "cn-northwest-1",
    identity: "oidc",
    architecture: "arm64",
    settings: {
      smsSignature: "某县政协",
      identity: {
        provider: "oidc",
        issuer: oidcIssuer,
        audiences: ["haoshangliang-console"],
        tokenUse: "id",
        bootstrapAdmins: [],
      },
      apiDomain: { name: "api.hsl.example.gov.cn", certificateArn },
      delivery: {
        smtpSecret: "haoshangliang/smtp",
        smsSecret: "haoshangliang/sms",
        smsTemplates,
      },
    },
  },
];

/** One validator: its engine (the schemas compiled) is reused while the resource types stay a subset. */
const validator = new CloudFormationValidatePlugin();

/** What CloudFormation Validate (the plugin CDK runs at synthesis) finds in one template file. */
function cloudFormationValidate(templatePath: string, region: string): PolicyValidationPluginReport {
  return validator.validate({
    templatePaths: [templatePath],
    stackTemplates: [{ stackConstructPath: "Stack", templatePath, accountId: "123456789012", region }],
    appConstruct: new App(),
  });
}

const findings = (report: PolicyValidationPluginReport) =>
  report.violations
    .filter((violation) => violation.severity === "error" || violation.severity === "warning")
    .map((violation) => `${violation.ruleName} ${violation.description}`);

/** IAM statements that let a role publish SMS through SNS (to a phone number: on anything but topics). */
function smsThroughSns(template: Template): unknown[] {
  const policies = Object.values(template.findResources("AWS::IAM::Policy"));
  return policies
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[])
    .filter((statement) => [statement.Action].flat().includes("sns:Publish") && statement.NotResource);
}

afterAll(removeAssemblies);

describe.each(cases)("the stack for $region", ({ region, settings, architecture, identity }) => {
  let synthesized: Synthesized;
  let template: Template;
  let text: string;

  beforeAll(() => {
    // Synthesis itself runs cdk-nag and CloudFormation Validate (cdk.json) and throws on an error.
    synthesized = synthesize({ region, settings, bundle: false, nag: true });
    template = synthesized.template;
    text = JSON.stringify(template.toJSON());
  }, SYNTH_TIMEOUT);

  it(
    "passes CloudFormation Validate: every type and property as the schemas shipped with aws-cdk-lib have them, in this region",
    () => {
      const { stack, assembly } = synthesized;
      const templatePath = assembly.getStackByName(stack.stackName).templateFullPath;
      expect(findings(cloudFormationValidate(templatePath, region))).toEqual([]);
    },
    SYNTH_TIMEOUT,
  );

  it("passes cdk-nag's AwsSolutions checks with no error or warning", () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(synthesized.stack);
    expect(report.violations.filter((violation) => violation.severity !== "informational")).toEqual([]);
    expect(Annotations.fromStack(synthesized.stack).findError("*", Match.anyValue())).toEqual([]);
  });

  it("names its partition's ARNs and its own region, never another's", () => {
    const partition = region.startsWith("cn-") ? "aws-cn" : "aws";
    expect(text).toContain(`arn:${partition}:states:${region}:123456789012:stateMachine:`);
    const otherArns = [...text.matchAll(/arn:([a-z-]+):/g)].map((match) => match[1]);
    expect(new Set(otherArns)).toEqual(new Set([partition]));
    const regions = [...text.matchAll(/\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-[a-z]+-\d\b/g)].map((m) => m[0]);
    expect(new Set(regions)).toEqual(new Set([region]));
  });

  it(`runs every function on ${architecture}, without X-Ray`, () => {
    const functions = Object.values(template.findResources("AWS::Lambda::Function"));
    expect(functions.length).toBeGreaterThan(5);
    for (const fn of functions) {
      expect(fn.Properties.Architectures).toEqual([architecture]);
      expect(fn.Properties.TracingConfig).toBeUndefined();
    }
    template.hasResourceProperties("AWS::StepFunctions::StateMachine", {
      TracingConfiguration: { Enabled: false },
    });
  });

  it(`publishes SMS through SNS only where that was chosen (${region === "us-east-1" ? "here" : "not here"})`, () => {
    expect(smsThroughSns(template)).toHaveLength(region === "us-east-1" ? 1 : 0);
  });

  if (identity === "oidc") {
    it("trusts the county's OIDC issuer and audience, with no user pool", () => {
      template.resourceCountIs("AWS::Cognito::UserPool", 0);
      template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
        AuthorizerType: "JWT",
        JwtConfiguration: { Issuer: oidcIssuer, Audience: ["haoshangliang-console"] },
      });
      template.hasOutput("JwtIssuer", { Value: oidcIssuer });
      expect(Object.keys(template.findOutputs("*"))).not.toContain("UserPoolId");
    });
  } else {
    it("signs the staff in with its own user pool", () => {
      template.resourceCountIs("AWS::Cognito::UserPool", 1);
      template.hasOutput("UserPoolId", {});
    });
  }

  if (region.startsWith("cn-")) {
    it("serves the API under the county's filed name, with its certificate from ACM in the region", () => {
      const domainId = onlyLogicalId(template, "AWS::ApiGatewayV2::DomainName", {
        DomainName: "api.hsl.example.gov.cn",
        DomainNameConfigurations: [
          { CertificateArn: certificateArn, EndpointType: "REGIONAL", SecurityPolicy: "TLS_1_2" },
        ],
      });
      template.hasResourceProperties("AWS::ApiGatewayV2::ApiMapping", {
        DomainName: { Ref: domainId },
        Stage: Match.anyValue(),
      });
      template.hasOutput("ApiDomainTarget", {
        Value: { "Fn::GetAtt": [domainId, "RegionalDomainName"] },
      });
      template.hasOutput("ApiCustomUrl", { Value: "https://api.hsl.example.gov.cn/" });
    });

    it("has nothing the China regions lack: Cognito user pools, SES, SMS through SNS, X-Ray", () => {
      const types = Object.values(template.toJSON().Resources as Record<string, { Type: string }>);
      expect(types.map((resource) => resource.Type.split("::")[1])).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(Cognito|SES|XRay)$/)]),
      );
      // SNS itself is offered there (an alarm's topic may use it); SMS through it is not.
      expect(text).not.toMatch(/"(ses|xray):/);
      expect(smsThroughSns(template)).toEqual([]);
      expect(text).not.toMatch(/amazonaws\.com\/|cognito-idp/);
    });
  }
});

describe("a stack whose environment alone is in a China region", () => {
  it("still refuses the Cognito user pool, by its setting", () => {
    const app = newApp(false);
    const build = () =>
      new HaoshangliangStack(app, "ChinaByEnv", {
        settings: resolveSettings({}),
        env: { account: "123456789012", region: "cn-north-1" },
      });
    expect(build).toThrow(/identity=cognito: Amazon Cognito user pools are not offered .*\(cn-north-1\)/);
  });
});

describe("CloudFormation Validate, as these tests use it", () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), "haoshangliang-cfn-"));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it(
    "refuses an unknown type, an unknown property, a wrong value, and a type the region lacks",
    () => {
      const templatePath = join(directory, "template.json");
      const role = "arn:aws-cn:iam::123456789012:role/r";
      const lambda = { Role: role, Runtime: "nodejs22.x", Handler: "index.handler", Code: { ZipFile: "x" } };
      writeFileSync(
        templatePath,
        JSON.stringify({
          Resources: {
            Misnamed: { Type: "AWS::Lambda::Function", Properties: { ...lambda, Architecture: "arm64" } },
            Unknown: { Type: "AWS::Nothing::Here", Properties: {} },
            Wrong: { Type: "AWS::SQS::Queue", Properties: { MessageRetentionPeriod: "a fortnight" } },
            Pool: { Type: "AWS::Cognito::UserPool", Properties: {} },
          },
        }),
      );
      const found = findings(cloudFormationValidate(templatePath, "cn-northwest-1")).join("\n");
      expect(found).toMatch(/'Architecture' was unexpected/);
      expect(found).toMatch(/Unknown resource type 'AWS::Nothing::Here'/);
      expect(found).toMatch(/MessageRetentionPeriod: 'a fortnight' is not of type 'integer'/);
      expect(found).toMatch(/'AWS::Cognito::UserPool' does not exist in 'cn-northwest-1'/);
    },
    SYNTH_TIMEOUT,
  );
});
