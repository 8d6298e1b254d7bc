/**
 * cdk-nag (AwsSolutions) on a fresh app and stack. cdk-nag 3 is a CDK policy-validation plugin: it
 * runs at synthesis and fails it on an unacknowledged error; `validateScope` gives its findings
 * directly. Acknowledgements are listed here so that adding one is a visible, reviewed change.
 */
import { type CfnElement, Stack, Validations } from "aws-cdk-lib";
import { Annotations, Match } from "aws-cdk-lib/assertions";
import { Bucket } from "aws-cdk-lib/aws-s3";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addNagChecks } from "../../infra/nag";
import { resolveSettings } from "../../infra/settings";
import { HaoshangliangStack } from "../../infra/stack";
import { newApp, removeAssemblies } from "./synth";

const SYNTH_TIMEOUT = 120_000;

interface Acknowledged {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every acknowledgement recorded on the stack's constructs. */
function acknowledgements(stack: Stack): Acknowledged[] {
  return stack.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path.slice(stack.node.path.length + 1),
          id: id.replace(/^annotation::/i, ""),
          reason,
        })),
      ),
  );
}

function buildStack(settings: Parameters<typeof resolveSettings>[0] = {}) {
  const app = newApp(false);
  const stack = new HaoshangliangStack(app, "NagCheck", { settings: resolveSettings(settings) });
  return { app, stack };
}

describe("cdk-nag AwsSolutions", () => {
  let stack: HaoshangliangStack;
  let findings: ReturnType<AwsSolutionsChecks["validateScope"]>;

  beforeAll(() => {
    const built = buildStack();
    stack = built.stack;
    addNagChecks(built.app);
    // Synthesis runs the plugin and throws on an unacknowledged error.
    built.app.synth();
    findings = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
  }, SYNTH_TIMEOUT);

  afterAll(removeAssemblies);

  /** Each sweep's Scheduler role may invoke its one sender and that sender's versions. */
  const sweepRoleAcknowledgements = () =>
    stack.notices.specs.map((spec, index) => {
      const fn = stack.notices.functions[index];
      const logicalId = fn ? stack.getLogicalId(fn.node.defaultChild as CfnElement) : "";
      return `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*] Notices/${spec.id}SweepRole`;
    });

  /** BucketDeployment's singleton function (named by a fixed id and its memory size). */
  const bucketDeploymentAcknowledgements = () => {
    const copier = stack.node.children.find((child) =>
      child.node.id.startsWith("Custom::CDKBucketDeployment"),
    );
    const path = copier?.node.id ?? "(no BucketDeployment function)";
    const consoleFiles = stack.getLogicalId(stack.console?.bucket.node.defaultChild as CfnElement);
    return [
      "AwsSolutions-L1",
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      ...["s3:Abort*", "s3:DeleteObject*", "s3:GetBucket*", "s3:GetObject*", "s3:List*"].map(
        (action) => `AwsSolutions-IAM5[Action::${action}]`,
      ),
      "AwsSolutions-IAM5[Resource::*]",
      `AwsSolutions-IAM5[Resource::<${consoleFiles}.Arn>/*]`,
      "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]",
    ].map((id) => `${id} ${path}`);
  };

  it("reports no unacknowledged error", () => {
    expect(findings.violations.filter((violation) => violation.severity === "error")).toEqual([]);
  });

  it("reports no unacknowledged warning either", () => {
    expect(findings.violations.filter((violation) => violation.severity === "warning")).toEqual([]);
    expect(findings.success).toBe(true);
  });

  it("leaves no error or warning annotation on the stack (cdk-nag 2's channel, and CDK's own)", () => {
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError("*", Match.anyValue())).toEqual([]);
    expect(annotations.findWarning("*", Match.anyValue())).toEqual([]);
    expect(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).toEqual([]);
  });

  it("acknowledges only the expected rules, each with a reason", () => {
    const acknowledged = acknowledgements(stack);
    expect(acknowledged.map(({ path, id }) => `${id} ${path}`).sort()).toEqual(
      [
        "AwsSolutions-APIG4 Api/Route GET |health/Resource",
        "AwsSolutions-APIG4 Api/Route GET |openapi.json/Resource",
        "AwsSolutions-L1 MetaFunction",
        "AwsSolutions-L1 ActivitiesFunction",
        "AwsSolutions-L1 QuotaChecksFunction",
        "AwsSolutions-L1 MembersFunction",
        "AwsSolutions-L1 StationsFunction",
        "AwsSolutions-L1 TopicsFunction",
        "AwsSolutions-L1 TopicLoopFunction",
        "AwsSolutions-L1 Schedules/Function",
        // The scheduled jobs' dead-letter queue has no dead-letter queue of its own; the Scheduler's
        // role may invoke the one jobs function and its versions (`<fn>:*`).
        "AwsSolutions-SQS3 Schedules/DeadLetters",
        "AwsSolutions-IAM5[Resource::<SchedulesFunction7BCAD531.Arn>:*] Schedules/SchedulerRole",
        // Step Functions' log delivery needs Resource *; the Lambda integration invokes `<fn>:*`.
        "AwsSolutions-IAM5[Resource::*] TopicLoop/StateMachine",
        "AwsSolutions-IAM5[Resource::<TopicLoopFunction69448C54.Arn>:*] TopicLoop/StateMachine",
        "AwsSolutions-SF2 TopicLoop/StateMachine",
        // The notice senders: their dead-letter queue; ListStreams needs Resource *; each sweep's
        // Scheduler role may invoke its one sender and that sender's versions.
        "AwsSolutions-L1 Notices/EmailFunction",
        "AwsSolutions-L1 Notices/SmsFunction",
        "AwsSolutions-SQS3 Notices/DeadLetters",
        "AwsSolutions-IAM5[Resource::*] Notices/EmailFunctionRole",
        "AwsSolutions-IAM5[Resource::*] Notices/SmsFunctionRole",
        ...sweepRoleAcknowledgements(),
        // AWS Backup's own service-role policy, for the role that backs up the table (decision 0026).
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup] Backup/Plan/Table",
        // The sweeper and the re-drive ask how any execution of the topic loop ended (decision 0026).
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stack.topicLoop.stateMachineName}:*] TopicsFunctionRole`,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stack.topicLoop.stateMachineName}:*] Schedules/FunctionRole`,
        // The console's static files: no access logs, geo restriction or WAF for public code that holds no
        // data; the default CloudFront certificate; aws-cdk-lib's own copying function and its grants.
        "AwsSolutions-S1 Console/Files",
        "AwsSolutions-CFR1 Console/Distribution",
        "AwsSolutions-CFR2 Console/Distribution",
        "AwsSolutions-CFR3 Console/Distribution",
        "AwsSolutions-CFR4 Console/Distribution",
        ...bucketDeploymentAcknowledgements(),
      ].sort(),
    );
    for (const { reason } of acknowledged) expect(reason.length).toBeGreaterThan(40);
  });

  it(
    "acknowledges required MFA only when a county opts out of it",
    () => {
      const { stack: optional } = buildStack({ mfa: "optional" });
      const checks = new AwsSolutionsChecks().validateScope(optional);
      expect(checks.violations).toEqual([]);
      expect(acknowledgements(optional).map(({ id }) => id)).toContain("AwsSolutions-COG2");
    },
    SYNTH_TIMEOUT,
  );

  it(
    "stays clean with the county's OIDC provider and no user pool (decision 0024)",
    () => {
      const { stack: oidc } = buildStack({
        identity: {
          provider: "oidc",
          issuer: "https://sso.example.gov.cn/realms/county",
          audiences: ["hsl-console"],
          tokenUse: "id",
          bootstrapAdmins: [],
        },
      });
      expect(new AwsSolutionsChecks().validateScope(oidc).violations).toEqual([]);
    },
    SYNTH_TIMEOUT,
  );

  it("does find problems when there are some (the check is not vacuous)", () => {
    const { app } = buildStack();
    const bad = new Stack(app, "Bad");
    new Bucket(bad, "Unlogged");
    const report = new AwsSolutionsChecks().validateScope(bad);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual(
      expect.arrayContaining(["AwsSolutions-S1", "AwsSolutions-S10"]),
    );
  });
});
