/**
 * The notices' senders on AWS (decision 0014): a function per kind of provider, each fed by the
 * table's stream — only its channels' notices recorded or put back `queued` reach it, by a filter —
 * with a dead-letter queue for what it could not take after its retries, and a schedule that sweeps
 * for what is due (retries, the end of quiet hours, an abandoned claim). Alarms: the dead-letter
 * queue not empty, a sender failing. Each bundles its one provider, and its role may do what that
 * provider needs and nothing more (decision 0018): send as one SES identity, publish SMS, or read the
 * one secret that holds the provider's credentials.
 */
import { ArnFormat, Aws, type CfnElement, Duration, Stack, Validations } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { Effect, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { SenderSpec } from "../delivery";
import type { AppTable } from "./app-table";
import { TableFunction } from "./table-function";

export interface NoticeSenderProps {
  readonly table: AppTable;
  /** The senders, one per kind of provider (infra/delivery.ts: `noticeSenderSpecs`). */
  readonly specs: readonly SenderSpec[];
  readonly environment: Record<string, string>;
  readonly logRetention?: RetentionDays;
  /** How often each sender sweeps for notices that are due (a retry, quiet hours or a minute's SMS rate ended). @default 1 minute */
  readonly sweepEvery?: Duration;
}

export class NoticeSender extends Construct {
  readonly specs: readonly SenderSpec[];
  readonly functions: readonly TableFunction[];
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: NoticeSenderProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the dead-letter queue of the senders; the NoticesNotTaken alarm watches it.",
    });
    this.specs = props.specs;
    this.functions = props.specs.map((spec) => this.#sender(spec, props));
    this.#deadLettersAlarm();
  }

  #sender(spec: SenderSpec, props: NoticeSenderProps): TableFunction {
    const fn = new TableFunction(this, `${spec.id}Function`, {
      entry: spec.entry,
      description: spec.description,
      environment: { ...props.environment, ...spec.environment },
      ...(props.logRetention ? { logRetention: props.logRetention } : {}),
      timeout: Duration.minutes(2),
    });
    // The sweep scans for due notices: a county's delivery log is small (decision 0014).
    // No Scan: the sweep queries the notices' work queue (GSI3).
    fn.bindTable({ table: props.table, access: "readWrite" });
    fn.addEventSource(
      new DynamoEventSource(props.table.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 10,
        retryAttempts: 5,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.or("INSERT", "MODIFY"),
            dynamodb: {
              NewImage: {
                entity: { S: FilterRule.isEqual("notification") },
                status: { S: FilterRule.isEqual("queued") },
                channel: { S: FilterRule.or(...spec.channels) },
              },
            },
          }),
        ],
      }),
    );
    this.#grantProvider(spec, fn);
    if (fn.role) {
      Validations.of(fn.role).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "The stream's event source mapping needs dynamodb:ListStreams, which IAM grants on no resource but *; " +
          "the stream's own reads (DescribeStream, GetRecords, GetShardIterator) name the table's stream." +
          (spec.publishesSms
            ? " sns:Publish to a phone number (SMS) has no resource to name; it is granted on all but SNS topics."
            : ""),
      });
    }
    this.#sweep(spec, fn, props.sweepEvery ?? Duration.minutes(1));
    new Alarm(this, `${spec.id}SenderFailed`, {
      alarmDescription: `The ${spec.id} notice sender failed (a table error, a bad setting at cold start): see its log.`,
      metric: fn.metricErrors({ period: Duration.minutes(15), statistic: "Sum" }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    return fn;
  }

  /** What the provider needs: send as the SES identity, publish SMS, or read the one secret. */
  #grantProvider(spec: SenderSpec, fn: TableFunction): void {
    const stack = Stack.of(this);
    const allow = (actions: string[], resources: string[]) =>
      fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources }));
    if (spec.ses) {
      const { identity, region, configurationSet } = spec.ses;
      const arn = (resource: string, resourceName: string) =>
        stack.formatArn({ service: "ses", resource, resourceName, ...(region ? { region } : {}) });
      // With a configuration set, SendEmail is authorized on it too.
      allow(
        ["ses:SendEmail"],
        [
          arn("identity", identity),
          ...(configurationSet ? [arn("configuration-set", configurationSet)] : []),
        ],
      );
    }
    if (spec.publishesSms) {
      // SMS to a phone number has no resource to name; refusing every topic ARN leaves only that.
      fn.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["sns:Publish"],
          notResources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
        }),
      );
    }
    if (spec.secret) {
      // A name matches the secret's ARN with the six characters Secrets Manager appends to it.
      const arn = spec.secret.startsWith("arn:")
        ? spec.secret
        : stack.formatArn({
            service: "secretsmanager",
            resource: "secret",
            resourceName: `${spec.secret}-??????`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          });
      allow(["secretsmanager:GetSecretValue"], [arn]);
    }
  }

  #sweep(spec: SenderSpec, fn: TableFunction, every: Duration): Schedule {
    const role = new Role(this, `${spec.id}SweepRole`, {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com"),
      description: `EventBridge Scheduler invoking the ${spec.id} notice sender's sweep`,
    });
    const schedule = new Schedule(this, `${spec.id}Sweep`, {
      description: `Deliver the ${spec.channels.join("/")} notices that are due: retries, quiet hours ended, abandoned claims`,
      schedule: ScheduleExpression.rate(every),
      target: new LambdaInvoke(fn, {
        input: ScheduleTargetInput.fromObject({ sweep: true }),
        retryAttempts: 0,
        role,
      }),
    });
    const functionId = Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        "The Scheduler target's grant allows invoking the one sender function and its versions; nothing else.",
    });
    return schedule;
  }

  #deadLettersAlarm(): void {
    new Alarm(this, "NoticesNotTaken", {
      alarmDescription:
        "Notices a sender could not take after its retries are in the dead-letter queue: they stay queued " +
        "in the table, and the sweep tries them again; see the senders' logs for the cause.",
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(15) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
