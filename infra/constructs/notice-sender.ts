/**
 * The notices' sender on AWS (decision 0014): a function fed by the table's stream — only notices
 * recorded or put back `queued` reach it, by a filter — with a dead-letter queue for what it could not
 * take after its retries, and a schedule that sweeps for what is due (retries, the end of quiet hours,
 * an abandoned claim). Alarms: the dead-letter queue not empty, the function failing.
 */
import { type CfnElement, Duration, Stack, Validations } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { AppTable } from "./app-table";
import { TableFunction } from "./table-function";

export interface NoticeSenderProps {
  readonly table: AppTable;
  readonly environment: Record<string, string>;
  readonly logRetention?: RetentionDays;
  /** How often the sweep looks for notices that are due. @default 5 minutes */
  readonly sweepEvery?: Duration;
}

export class NoticeSender extends Construct {
  readonly function: TableFunction;
  readonly deadLetters: Queue;
  readonly sweep: Schedule;

  constructor(scope: Construct, id: string, props: NoticeSenderProps) {
    super(scope, id);
    this.function = new TableFunction(this, "Function", {
      entry: "functions/notice-sender.ts",
      description: "好商量 notice sender: e-mail and SMS, with quiet hours and retries",
      environment: props.environment,
      ...(props.logRetention ? { logRetention: props.logRetention } : {}),
      timeout: Duration.minutes(2),
    });
    // The sweep scans for due notices: a county's delivery log is small (decision 0014).
    this.function.bindTable({ table: props.table, access: "readWrite", allowScan: true });
    this.deadLetters = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the dead-letter queue of the sender; the NoticesNotTaken alarm watches it.",
    });
    this.function.addEventSource(
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
              },
            },
          }),
        ],
      }),
    );
    this.sweep = this.#sweep(props.sweepEvery ?? Duration.minutes(5));
    this.#alarms();
  }

  #sweep(every: Duration): Schedule {
    const role = new Role(this, "SweepRole", {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com"),
      description: "EventBridge Scheduler invoking the notice sender's sweep",
    });
    const schedule = new Schedule(this, "Sweep", {
      description: "Deliver the notices that are due: retries, the end of quiet hours, abandoned claims",
      schedule: ScheduleExpression.rate(every),
      target: new LambdaInvoke(this.function, {
        input: ScheduleTargetInput.fromObject({ sweep: true }),
        retryAttempts: 0,
        role,
      }),
    });
    const functionId = Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        "The Scheduler target's grant allows invoking the one sender function and its versions; nothing else.",
    });
    return schedule;
  }

  #alarms(): void {
    new Alarm(this, "NoticesNotTaken", {
      alarmDescription:
        "Notices the sender could not take after its retries are in the dead-letter queue: they stay queued " +
        "in the table, and the sweep tries them again; see the sender's log for the cause.",
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(15) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    new Alarm(this, "SenderFailed", {
      alarmDescription: "The notice sender failed (a table error, a bad setting at cold start): see its log.",
      metric: this.function.metricErrors({ period: Duration.minutes(15), statistic: "Sum" }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
