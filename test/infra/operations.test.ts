/**
 * Operable once deployed (decision 0026): every alarm has an action (an encrypted SNS topic, an
 * address subscribed when the county gives one), and the alarms that tell someone a function, the
 * table or the API is in trouble exist. Synthesized without bundling (the template is what matters).
 */
import { Match, type Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../functions/kernel/http/routes";
import type { HaoshangliangStack } from "../../infra/stack";
import { logicalIds, onlyLogicalId, removeAssemblies, synthesize } from "./synth";

const SYNTH_TIMEOUT = 120_000;

let template: Template;
/** A county with an alert address, its own retention periods and a customer-managed table key. */
let withEmail: Template;
let customStack: HaoshangliangStack;

beforeAll(() => {
  template = synthesize({ bundle: false }).template;
  const custom = synthesize({
    bundle: false,
    settings: {
      county: "email-county",
      operations: {
        alertEmail: "oncall@example.org",
        noticeRetentionDays: 30,
        backupRetentionDays: 90,
        tableKey: "customer",
      },
    },
  });
  withEmail = custom.template;
  customStack = custom.stack;
}, SYNTH_TIMEOUT);

afterAll(removeAssemblies);

type Resource = { Properties: Record<string, unknown> };
const alarms = (t: Template) =>
  Object.entries(t.findResources("AWS::CloudWatch::Alarm") as Record<string, Resource>);
const metricOf = (alarm: Resource) => alarm.Properties.MetricName ?? JSON.stringify(alarm.Properties.Metrics);

describe("alarms", () => {
  it("every alarm in the template acts: it notifies the alerts topic", () => {
    const topicId = onlyLogicalId(template, "AWS::SNS::Topic");
    expect(alarms(template).length).toBeGreaterThan(10);
    for (const [id, alarm] of alarms(template)) {
      expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topicId }]);
    }
  });

  it("the alerts topic is encrypted with a rotated customer-managed key that CloudWatch may use, and takes TLS only", () => {
    const keyId = logicalIds(template, "AWS::KMS::Key").find((id) => id.startsWith("Alerts"));
    expect(keyId).toBeDefined();
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: { "Fn::GetAtt": [keyId, "Arn"] } });
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
    const key = template.findResources("AWS::KMS::Key")[keyId as string] as Resource;
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain("cloudwatch.amazonaws.com");
    const policies = JSON.stringify(template.findResources("AWS::SNS::TopicPolicy"));
    expect(policies).toContain("aws:SecureTransport");
  });

  it("watches every API function and the topic loop's for errors, and every function for throttles", () => {
    const metrics = alarms(template).map(([, alarm]) => alarm.Properties);
    const functionsWith = (metric: string) =>
      metrics.filter((p) => p.MetricName === metric && p.Namespace === "AWS/Lambda").length;
    const functions = logicalIds(template, "AWS::Lambda::Function").filter(
      // aws-cdk-lib's deploy-time functions (the console's upload among them) run only during a deploy.
      (id) => !/LogRetention|CustomResource|AwsCustom|BucketNotifications|CDKBucketDeployment/.test(id),
    );
    expect(functionsWith("Throttles")).toBe(functions.length);
    // Every API function (one per function the routes name) and the task function; the scheduled
    // jobs' and the senders' have their own.
    const apiFunctionCount = new Set(routes.map((route) => route.function)).size;
    expect(apiFunctionCount).toBe(6);
    expect(functionsWith("Errors")).toBe(apiFunctionCount + 1 + 3);
    const watched = metrics
      .filter((p) => p.MetricName === "Errors" && p.Namespace === "AWS/Lambda")
      .map((p) => JSON.stringify(p.Dimensions));
    for (const name of ["Activities", "QuotaChecks"]) {
      expect(
        watched.filter((dimensions) => dimensions.includes(`"${name}Function`)),
        name,
      ).toHaveLength(1);
    }
  });

  it("watches the table's throttles, the API's 5xx and every dead-letter queue", () => {
    const all = alarms(template).map(([, alarm]) => metricOf(alarm));
    expect(
      all.some((m) => String(m).includes("ReadThrottleEvents") && String(m).includes("WriteThrottleEvents")),
    ).toBe(true);
    expect(all).toContain("5xx");
    const queues = logicalIds(template, "AWS::SQS::Queue");
    for (const queue of queues) {
      const watching = alarms(template).filter(
        ([, alarm]) =>
          alarm.Properties.MetricName === "ApproximateNumberOfMessagesVisible" &&
          JSON.stringify(alarm.Properties.Dimensions).includes(queue),
      );
      expect(watching.length, queue).toBeGreaterThan(0);
    }
  });

  it("alarms when the sweeper gives up on a topic whose loop keeps failing", () => {
    const givenUp = alarms(template).find(([, alarm]) => alarm.Properties.MetricName === "TopicsGivenUp");
    expect(givenUp?.[1].Properties).toMatchObject({
      Namespace: "Haoshangliang",
      Statistic: "Maximum",
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
    });
    expect(String(givenUp?.[1].Properties.AlarmDescription)).toContain("/redrive");
  });

  it("subscribes the county's alert address when it gives one, and none otherwise", () => {
    expect(template.findResources("AWS::SNS::Subscription")).toEqual({});
    withEmail.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "oncall@example.org",
    });
  });
});

describe("the county's dashboard", () => {
  it("is one dashboard showing topics per step, overdue, notices sent and failed, quarterly checks and every alarm", () => {
    const dashboards = template.findResources("AWS::CloudWatch::Dashboard");
    expect(Object.keys(dashboards)).toHaveLength(1);
    const body = JSON.stringify(dashboards);
    for (const step of ["collect", "determine", "research", "consult", "report", "feedback"])
      expect(body).toContain(`\\"Step\\",\\"${step}\\"`);
    for (const metric of [
      "OverdueTopics",
      "NoticesSent",
      "NoticesFailed",
      "QuotaCheckDue",
      "QuotaCheckCompleted",
      "TopicsRestarted",
      "TopicsGivenUp",
    ])
      expect(body).toContain(metric);
    expect(body).toContain("ExecutionsFailed");
    expect(body.match(/arn:/g)?.length ?? 0).toBeGreaterThanOrEqual(0);
    expect(body).toContain("alarm");
  });
});

describe("the table's data", () => {
  it("is backed up daily by AWS Backup beside point-in-time recovery, kept 35 days by default", () => {
    const tableId = onlyLogicalId(template, "AWS::DynamoDB::Table");
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
    template.hasResourceProperties("AWS::Backup::BackupPlan", {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ Lifecycle: { DeleteAfterDays: 35 } })] },
    });
    template.hasResourceProperties("AWS::Backup::BackupSelection", {
      BackupSelection: { Resources: [{ "Fn::GetAtt": [tableId, "Arn"] }] },
    });
    withEmail.hasResourceProperties("AWS::Backup::BackupPlan", {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ Lifecycle: { DeleteAfterDays: 90 } })] },
    });
  });

  it("is encrypted with DynamoDB's own key by default, or a rotated customer-managed key the functions may use", () => {
    const table = (t: Template) => Object.values(t.findResources("AWS::DynamoDB::Table"))[0] as Resource;
    expect(table(template).Properties.SSESpecification).toBeUndefined();
    const keyId = logicalIds(withEmail, "AWS::KMS::Key").find((id) => id.startsWith("Data"));
    expect(keyId).toBeDefined();
    expect(table(withEmail).Properties.SSESpecification).toMatchObject({
      SSEEnabled: true,
      SSEType: "KMS",
      KMSMasterKeyId: { "Fn::GetAtt": [keyId, "Arn"] },
    });
    const policies = JSON.stringify(withEmail.findResources("AWS::IAM::Policy"));
    expect(policies).toContain("kms:GenerateDataKey");
    expect(policies).not.toContain("kms:GenerateDataKey*");
  });

  it("tells the senders how long a delivered notice is kept", () => {
    const senders = Object.values(
      withEmail.findResources("AWS::Lambda::Function") as Record<string, Resource>,
    ).filter((fn) => JSON.stringify(fn.Properties.Environment ?? {}).includes("NOTICE_RETENTION_DAYS"));
    expect(senders.length).toBeGreaterThan(0);
    for (const fn of senders)
      expect(JSON.stringify(fn.Properties.Environment)).toContain('"NOTICE_RETENTION_DAYS":"30"');
  });

  it("keeps cdk-nag clean with a customer-managed key and an alert address too", () => {
    const checks = new AwsSolutionsChecks().validateScope(customStack);
    expect(checks.violations).toEqual([]);
  });
});
