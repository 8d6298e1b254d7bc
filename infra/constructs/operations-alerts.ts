/**
 * Someone is told when something breaks (decision 0026): one SNS topic for alerts, encrypted with a
 * customer-managed KMS key that CloudWatch may use, an optional e-mail subscription, the alarms the
 * rest of the stack lacks (a function's errors and throttles, the table's throttles, the API's 5xx),
 * and an Aspect that gives every CloudWatch alarm in the stack the topic as its action — those the
 * other constructs define (failed executions, dead letters, missed quarterly checks) included.
 */
import { Aspects, Duration, type IAspect, Stack } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  CfnAlarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import type { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import { type ITopic, Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct, type IConstruct } from "constructs";

export interface OperationsAlertsProps {
  /** Subscribed to the alerts topic when given (the address confirms by e-mail). */
  readonly alertEmail?: string | undefined;
  /** Functions watched for errors (those without an error alarm of their own) and throttles. */
  readonly watchErrors: Readonly<Record<string, LambdaFunction>>;
  /** Functions watched for throttles only (their constructs alarm on their errors). */
  readonly watchThrottles: Readonly<Record<string, LambdaFunction>>;
  readonly table: ITable;
  readonly httpApi: HttpApi;
}

/** Adds the alerts topic to the actions of every alarm it visits: L2 alarms through their API, bare ones directly. */
export class AlarmActions implements IAspect {
  readonly #seen = new WeakSet<IConstruct>();

  constructor(private readonly topic: ITopic) {}

  visit(node: IConstruct): void {
    if (node instanceof Alarm) {
      if (this.#seen.has(node)) return;
      this.#seen.add(node);
      node.addAlarmAction(new SnsAction(this.topic));
      return;
    }
    if (!(node instanceof CfnAlarm) || node.node.scope instanceof Alarm) return;
    const actions = Array.isArray(node.alarmActions) ? node.alarmActions : [];
    if (!actions.includes(this.topic.topicArn)) node.alarmActions = [...actions, this.topic.topicArn];
  }
}

export class OperationsAlerts extends Construct {
  readonly key: Key;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OperationsAlertsProps) {
    super(scope, id);
    this.key = new Key(this, "Key", {
      description: "好商量 alerts topic",
      enableKeyRotation: true,
    });
    // CloudWatch publishes an alarm to an encrypted topic only if it may use the topic's key.
    this.key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
    this.topic = new Topic(this, "Topic", {
      displayName: "好商量 alerts",
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alertEmail) this.topic.addSubscription(new EmailSubscription(props.alertEmail));
    this.#functionAlarms(props);
    this.#alarm(
      "TableThrottled",
      "DynamoDB throttled reads or writes of the table: requests are being refused or retried. See the " +
        "table's metrics (which operation, which index) and the functions' logs for ThrottledError.",
      new MathExpression({
        expression: "FILL(r, 0) + FILL(w, 0)",
        usingMetrics: {
          r: props.table.metric("ReadThrottleEvents", { statistic: "Sum", period: Duration.minutes(5) }),
          w: props.table.metric("WriteThrottleEvents", { statistic: "Sum", period: Duration.minutes(5) }),
        },
        period: Duration.minutes(5),
        label: "read and write throttle events",
      }),
    );
    this.#alarm(
      "ApiServerErrors",
      "The API answered 5xx: see the API's access log (requestId) and that request's lines in the function's log.",
      props.httpApi.metricServerError({ statistic: "Sum", period: Duration.minutes(5) }),
      5,
    );
    Aspects.of(Stack.of(this)).add(new AlarmActions(this.topic));
  }

  #functionAlarms(props: OperationsAlertsProps): void {
    for (const [name, fn] of Object.entries(props.watchErrors)) {
      this.#alarm(
        `${name}Errors`,
        `The ${name} function failed (an unhandled error or a timeout): see its log for the request or task.`,
        fn.metricErrors({ statistic: "Sum", period: Duration.minutes(5) }),
      );
    }
    for (const [name, fn] of Object.entries({ ...props.watchErrors, ...props.watchThrottles })) {
      this.#alarm(
        `${name}Throttles`,
        `Lambda throttled the ${name} function: the account's concurrency is used up, calls are refused or retried.`,
        fn.metricThrottles({ statistic: "Sum", period: Duration.minutes(5) }),
      );
    }
  }

  #alarm(id: string, alarmDescription: string, metric: IMetric, threshold = 1): Alarm {
    return new Alarm(this, id, {
      alarmDescription,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
