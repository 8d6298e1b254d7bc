/**
 * The county's scheduled jobs on AWS: one function (functions/scheduled.ts) and an EventBridge
 * Scheduler schedule per job of `countySchedules`, in the county's time zone, with retries and a
 * dead-letter queue, and an alarm when an invocation fails or lands in the queue.
 */
import { type CfnElement, Duration, Stack, TimeZone, Validations } from "aws-cdk-lib";
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { type CountySchedule, countySchedules } from "../../functions/kernel/schedules";
import type { BindableTable } from "./app-table";
import { TableFunction } from "./table-function";

export interface CountySchedulesProps {
  readonly table: BindableTable;
  readonly timeZone: string;
  readonly environment: Record<string, string>;
  readonly logRetention?: RetentionDays;
}

/** `holidayCalendarWatch` → `HolidayCalendarWatch`: a schedule's construct id. */
const scheduleId = (schedule: CountySchedule) =>
  `${schedule.job[0]?.toUpperCase() ?? ""}${schedule.job.slice(1)}`;

export class CountySchedules extends Construct {
  readonly function: TableFunction;
  readonly deadLetters: Queue;
  readonly schedules: readonly Schedule[];
  /** What EventBridge Scheduler acts as: it may invoke the jobs' function and nothing else. */
  readonly schedulerRole: Role;

  constructor(scope: Construct, id: string, props: CountySchedulesProps) {
    super(scope, id);
    this.function = new TableFunction(this, "Function", {
      entry: "functions/scheduled.ts",
      description: "好商量 scheduled jobs (holiday calendar watch, quarterly quota check)",
      environment: props.environment,
      ...(props.logRetention ? { logRetention: props.logRetention } : {}),
      // The quarterly check pages over every station and sends its notices (decision 0022).
      timeout: Duration.minutes(15),
    });
    // Scan: the daily noticeQueueRepair reads every notice once (decision 0014, addendum); nothing else scans.
    this.function.bindTable({ table: props.table, access: "readWrite", allowScan: true });
    this.deadLetters = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the dead-letter queue of the schedules; the JobNotDelivered alarm watches it.",
    });
    // A job invoked asynchronously (a schedule, or a quarterly check the county office asked for,
    // decision 0022) that still fails after Lambda's two retries lands here with its payload, where
    // JobNotDelivered sees it and it can be run again: without this, Lambda would drop it.
    this.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(2),
      onFailure: new SqsDestination(this.deadLetters),
    });
    this.schedulerRole = new Role(this, "SchedulerRole", {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com"),
      description: "EventBridge Scheduler invoking the county's scheduled jobs",
    });
    this.schedules = countySchedules.map((schedule) => this.#schedule(schedule, props.timeZone));
    const functionId = Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnElement);
    Validations.of(this.schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        "The Scheduler target's grant (LambdaInvoke) allows invoking the one jobs function and its " +
        "versions (`<function ARN>:*`); no other function or action.",
    });
    this.#alarms();
    this.#quotaCheckAlarm();
    this.#topicsGivenUpAlarm();
  }

  #schedule(schedule: CountySchedule, timeZone: string): Schedule {
    const { minute, hour, day, month } = schedule.at;
    return new Schedule(this, scheduleId(schedule), {
      description: schedule.description,
      schedule: ScheduleExpression.cron({
        minute: minute === undefined ? "*" : String(minute),
        hour: hour === undefined ? "*" : String(hour),
        ...(day === undefined ? {} : { day: String(day) }),
        ...(month === undefined ? {} : { month }),
        timeZone: TimeZone.of(timeZone),
      }),
      target: new LambdaInvoke(this.function, {
        input: ScheduleTargetInput.fromObject({ job: schedule.job }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: this.deadLetters,
        role: this.schedulerRole,
      }),
    });
  }

  #alarms(): void {
    new Alarm(this, "JobFailed", {
      alarmDescription: "A scheduled job failed: see the function's log for the job and the error.",
      metric: this.function.metricErrors({ period: Duration.hours(1), statistic: "Sum" }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    new Alarm(this, "JobNotDelivered", {
      alarmDescription:
        "A scheduled job could not be invoked after its retries and is in the dead-letter queue.",
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(15) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * The quarterly check (decision 0022) did not happen: on a day it was due (the job emits
   * QuotaCheckDue on a quarter's first working day) no check completed (QuotaCheckCompleted). A check
   * whose invocations never reached the function lands in the dead-letter queue (JobNotDelivered);
   * one that failed trips JobFailed; one that ran out of time or was left half-done trips this one.
   */
  #quotaCheckAlarm(): void {
    const metric = (metricName: string) =>
      new Metric({ namespace: "Haoshangliang", metricName, statistic: "Sum", period: Duration.days(1) });
    new Alarm(this, "QuotaCheckMissed", {
      alarmDescription:
        "The quarterly 4+X check was due today and did not complete: run POST /quota-checks (it is safe to run again).",
      metric: new MathExpression({
        expression: "FILL(due, 0) - FILL(done, 0)",
        usingMetrics: { due: metric("QuotaCheckDue"), done: metric("QuotaCheckCompleted") },
        period: Duration.days(1),
        label: "quarterly checks due and not completed",
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * The sweeper gave up on a topic (decision 0026, back-off): its loop failed after every restart,
   * so it stands still until a person re-drives it. The sweep's log line names the topics.
   */
  #topicsGivenUpAlarm(): void {
    new Alarm(this, "TopicsGivenUp", {
      alarmDescription:
        "A topic's loop failed after every restart the sweeper made: the topic stands still. Find it in the " +
        "sweep's log line, fix the cause, then POST /topics/{id}/redrive.",
      metric: new Metric({
        namespace: "Haoshangliang",
        metricName: "TopicsGivenUp",
        statistic: "Maximum",
        // Two hourly sweeps: one that failed to report does not clear the alarm while topics wait.
        period: Duration.hours(2),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
