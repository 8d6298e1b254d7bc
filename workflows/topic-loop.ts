/**
 * The topic loop (docs/decisions/0006-topic-loop.md): one Standard execution per topic, through the
 * six steps, with reminders and escalations while a step waits for its decision.
 *
 * This construct is the one definition of the state machine. infra/stack.ts deploys it; the local
 * runtime runs the Amazon States Language that `topicLoopDefinition()`
 * (infra/local/workflow/topic-loop-definition.ts) synthesizes from this same construct — there is no
 * hand-written ASL anywhere.
 */
import { CfnElement, Duration, RemovalPolicy, Stack, Token, Validations } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  Choice,
  Condition,
  DefinitionBody,
  IntegrationPattern,
  type IStateMachine,
  JitterType,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from "aws-cdk-lib/aws-stepfunctions";
import { LambdaInvoke, StepFunctionsStartExecution } from "aws-cdk-lib/aws-stepfunctions-tasks";
import { Construct } from "constructs";

/** The states, in plain words. Tests and the local runtime refer to them by these names. */
export const topicLoopStates = {
  startOrResume: "Start or resume?",
  enterStep: "Enter step",
  resumeStep: "Resume step",
  awaitStep: "Await step",
  remind: "Remind or escalate",
  handOverChoice: "Hand over?",
  handOver: "Hand over to a fresh execution",
  handedOver: "Handed over",
  decided: "Decided?",
  closed: "Topic closed",
} as const;

/** The errors the task function throws by name (functions/topic-loop.ts). */
export const taskErrors = {
  /** The topic is gone: not retried, the execution fails (and the alarm fires). */
  topicNotFound: "TopicNotFound",
  /** Never retried: a topic that is gone, a payload the machine never sends. */
  notRetried: ["TopicNotFound", "InvalidTaskInput"],
  /**
   * Retried with backoff and jitter, for about 40 minutes. Notices are recorded in the same write as
   * the change that causes them and delivered apart from the loop, so no notice error reaches here.
   */
  retried: ["ThrottledError"],
} as const;

/**
 * Transient failures of the Lambda service itself, as Step Functions names them. `TooManyRequests`
 * is Lambda throttling the invoke (concurrency), which the default CDK retrier leaves out.
 */
export const lambdaServiceErrors = [
  "Lambda.ClientExecutionTimeoutException",
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
] as const;

export interface TopicLoopProps {
  /** The one function that serves every task state; the payload's `action` says which task. */
  readonly taskFunction: IFunction;
  /** Retention of the state machine's execution log. */
  readonly logRetention: RetentionDays;
  /**
   * Upper bound, in seconds, for one run of Resume step and Remind or escalate (Enter step and Await
   * step wait as long as `$.waitSeconds` says). Longer than the function's own timeout, so that a
   * hanging function fails with the function's timeout error first.
   * @default 60
   */
  readonly maxTaskSeconds?: number;
  /**
   * The state machine's name. It is set explicitly so that its ARN is known without a reference to
   * the resource: the hand-over state starts this same machine, and the task function is told the
   * ARN, while the machine's definition refers to the function — a reference would be circular.
   * @default `<stack name>-topic-loop`
   */
  readonly stateMachineName?: string;
  /**
   * X-Ray tracing of executions. Off by default: see the acknowledgement of AwsSolutions-SF2 below.
   * @default false
   */
  readonly tracing?: boolean;
}

export class TopicLoop extends Construct {
  readonly stateMachine: StateMachine;
  /**
   * The machine's ARN built from its name (no reference to the resource, so usable in the task
   * function's environment and policies without a dependency cycle).
   */
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly logGroup: LogGroup;
  /** Fires when any execution fails: a topic stopped moving and needs someone to look. */
  readonly executionsFailedAlarm: Alarm;
  /** Fires when an execution hits the one-year limit (the hand-over should prevent it). */
  readonly executionsTimedOutAlarm: Alarm;

  constructor(scope: Construct, id: string, props: TopicLoopProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const name = props.stateMachineName ?? `${stack.stackName}-topic-loop`;
    if (!Token.isUnresolved(name) && !/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
      throw new Error(`state machine name "${name}" must be 1 to 80 letters, digits, dashes or underscores`);
    }
    this.stateMachineName = name;
    const self = StateMachine.fromStateMachineName(this, "Self", name);
    this.stateMachineArn = self.stateMachineArn;

    const start = this.#states(props, self);

    this.logGroup = new LogGroup(this, "Logs", {
      // The vended-logs prefix keeps CloudWatch Logs' resource policy small (one entry for all).
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention: props.logRetention,
      // The name is fixed, so a retained group would make the next deployment of a deleted stack
      // fail on "already exists". Execution logs are a trace, not a record: the table keeps that.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stateMachine = new StateMachine(this, "StateMachine", {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      comment: "好商量: one execution per topic through the six steps (docs/decisions/0006-topic-loop.md)",
      definitionBody: DefinitionBody.fromChainable(start),
      // ALL, without execution data: every state entered and left, with no payloads — a full
      // per-topic trace for the runbook, no personal data in logs, and a volume of about 30 events
      // per topic (14 transitions). ERROR alone would hide the path that led to a failure.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: props.tracing ?? false,
    });
    this.#acknowledge(props);

    this.executionsFailedAlarm = this.#alarm(
      "ExecutionsFailed",
      "A topic loop execution failed: that topic no longer moves (no reminders, decisions are not " +
        "delivered). See the execution's history; fix the cause, then redrive or resume the topic.",
      this.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: "Sum" }),
    );
    this.executionsTimedOutAlarm = this.#alarm(
      "ExecutionsTimedOut",
      "A topic loop execution reached Step Functions' one-year limit without handing over: that " +
        "topic no longer moves. Resume it from its stored step (a new execution with resume: true).",
      this.stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: "Sum" }),
    );
  }

  /** The states and their transitions; returns the first, "Start or resume?". */
  #states(props: TopicLoopProps, self: IStateMachine): Choice {
    const taskTimeout = Timeout.duration(Duration.seconds(props.maxTaskSeconds ?? 60));
    const fn = props.taskFunction;

    /** A task of the task function whose state output is exactly what the function returns. */
    const task = (id: string, action: string, extra: Record<string, unknown> = {}) =>
      withRetries(
        new LambdaInvoke(this, id, {
          stateName: id,
          lambdaFunction: fn,
          payloadResponseOnly: true,
          retryOnServiceExceptions: false,
          payload: TaskInput.fromObject({
            action,
            topicId: JsonPath.stringAt("$.topicId"),
            step: JsonPath.stringAt("$.step"),
            // On every log line of the task, and recorded on the topic (decision 0026).
            executionName: JsonPath.executionName,
            ...extra,
          }),
          taskTimeout,
        }),
      );

    const enterStep = this.#callback(fn, topicLoopStates.enterStep, "enterStep");
    const resumeStep = task(topicLoopStates.resumeStep, "resumeStep");
    const remind = task(topicLoopStates.remind, "remind", {
      // Standard executions end after a year: Remind hands over well before (tasks.remind).
      executionStartedAt: JsonPath.stringAt("$$.Execution.StartTime"),
    });
    const awaitStep = this.#callback(fn, topicLoopStates.awaitStep, "awaitStep");
    const handOver = this.#handOver(self, taskTimeout);

    // Not(IsPresent) rather than IsPresent: false, which the local runtime's package never matches.
    const noEntryWait = Condition.not(Condition.isPresent("$.waitSeconds"));
    const closed = new Succeed(this, topicLoopStates.closed);
    const handedOver = new Succeed(this, topicLoopStates.handedOver);

    const decided = new Choice(this, topicLoopStates.decided)
      .when(Condition.stringEquals("$.outcome", "close"), closed)
      // The deadline moved: plan the alarms afresh for the same step, without a new notice.
      .when(Condition.stringEquals("$.outcome", "rearm"), resumeStep)
      // A decision without the entry's wait (from an older version): the step is resumed, and the
      // Await step follows the topic to where it is.
      .when(noEntryWait, resumeStep)
      // "advance" or "return": `$.step` is already the next (or an earlier) step.
      .otherwise(enterStep);

    // A timeout is the wake-up for the next alarm. The error is discarded so that the state input
    // (topicId, step, waitSeconds) is what Remind or escalate receives.
    for (const wait of [enterStep, awaitStep]) {
      wait.addCatch(remind, { errors: ["States.Timeout"], resultPath: JsonPath.DISCARD });
      wait.next(decided);
    }
    resumeStep.next(awaitStep);
    remind.next(
      new Choice(this, topicLoopStates.handOverChoice)
        .when(Condition.booleanEquals("$.restart", true), handOver.next(handedOver))
        .otherwise(awaitStep),
    );

    return (
      new Choice(this, topicLoopStates.startOrResume)
        .when(
          Condition.and(Condition.isPresent("$.resume"), Condition.booleanEquals("$.resume", true)),
          resumeStep,
        )
        // Started without the entry's wait (by an older version): resumed, as above.
        .when(noEntryWait, resumeStep)
        .otherwise(enterStep)
    );
  }

  /**
   * A callback: the function parks the token (Enter step: with the step's entry, in one write); the
   * API answers with SendTaskSuccess. The wait times out at the next alarm. `waitSeconds` is in the
   * payload too, so that the local runtime (which cannot see the state input from inside a task) can
   * time the wait from it.
   */
  #callback(fn: IFunction, stateName: string, action: "enterStep" | "awaitStep"): LambdaInvoke {
    return withRetries(
      new LambdaInvoke(this, stateName, {
        stateName,
        lambdaFunction: fn,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        retryOnServiceExceptions: false,
        payload: TaskInput.fromObject({
          action,
          topicId: JsonPath.stringAt("$.topicId"),
          step: JsonPath.stringAt("$.step"),
          waitSeconds: JsonPath.numberAt("$.waitSeconds"),
          taskToken: JsonPath.taskToken,
          executionName: JsonPath.executionName,
        }),
        taskTimeout: Timeout.at("$.waitSeconds"),
      }),
      { timeoutIsCaught: true },
    );
  }

  /** Starts a fresh execution of this same machine at the topic's step (before the one-year limit). */
  #handOver(self: IStateMachine, taskTimeout: Timeout): StepFunctionsStartExecution {
    const handOver = new StepFunctionsStartExecution(this, topicLoopStates.handOver, {
      stateName: topicLoopStates.handOver,
      stateMachine: self,
      integrationPattern: IntegrationPattern.REQUEST_RESPONSE,
      // Named after this execution, so that a retried start finds the one it already started
      // (StartExecution with the same name and input is idempotent while that execution runs).
      name: JsonPath.format(
        "{}-{}",
        JsonPath.stringAt("$.topicId"),
        JsonPath.hash(JsonPath.executionName, "MD5"),
      ),
      input: TaskInput.fromObject({
        topicId: JsonPath.stringAt("$.topicId"),
        step: JsonPath.stringAt("$.step"),
        resume: true,
      }),
      associateWithParent: true,
      taskTimeout,
      resultPath: JsonPath.DISCARD,
    });
    // Any failure to start (throttling, a service error) is worth a few tries: the start is
    // idempotent by name. A start that keeps failing fails this execution, and the alarm fires.
    handOver.addRetry({
      errors: ["States.TaskFailed"],
      interval: Duration.seconds(2),
      maxAttempts: 4,
      backoffRate: 2,
      maxDelay: Duration.minutes(1),
      jitterStrategy: JitterType.FULL,
    });
    return handOver;
  }

  /** cdk-nag's findings on the state machine that are by design, each with its reason. */
  #acknowledge(props: TopicLoopProps): void {
    if (!props.tracing) {
      Validations.of(this.stateMachine).acknowledge({
        id: "AwsSolutions-SF2",
        reason:
          "X-Ray tracing is off by default: an execution lives for weeks and its tasks are one Lambda " +
          "function with its own JSON logs; the execution log (level ALL) already shows every transition. " +
          "Turn it on per deployment with the construct's `tracing` prop when a latency question needs it.",
      });
    }
    Validations.of(this.stateMachine).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "CloudWatch Logs log delivery for Step Functions (logs:CreateLogDelivery, GetLogDelivery, " +
        "UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, " +
        "DescribeResourcePolicies, DescribeLogGroups) supports no resource-level permissions: AWS " +
        "requires Resource * for these actions.",
    });
    const functionId = logicalIdOf(props.taskFunction);
    if (functionId) {
      Validations.of(this.stateMachine).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        reason:
          "lambda:InvokeFunction on the task function's ARN and its qualified ARNs (`:*`, its versions " +
          "and aliases), as the Step Functions Lambda integration grants it: one function, no other.",
      });
    }
  }

  /** An alarm on one of the machine's execution metrics: any execution in five minutes. */
  #alarm(id: string, alarmDescription: string, metric: IMetric): Alarm {
    return new Alarm(this, id, {
      alarmDescription,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

/**
 * Retry transient failures with exponential backoff and full jitter. `TopicNotFound` (and any
 * other error) is not retried: it fails the execution.
 */
function withRetries(task: LambdaInvoke, options: { readonly timeoutIsCaught?: boolean } = {}): LambdaInvoke {
  // Step Functions applies the first retrier that names the error, and tries Retry before Catch:
  // this one keeps the catch-all below from retrying what must fail at once — and, for the wait,
  // from retrying the timeout that is its wake-up.
  task.addRetry({
    errors: [...taskErrors.notRetried, ...(options.timeoutIsCaught ? ["States.Timeout"] : [])],
    maxAttempts: 0,
  });
  task.addRetry({
    errors: [...lambdaServiceErrors],
    interval: Duration.seconds(2),
    maxAttempts: 6,
    backoffRate: 2,
    maxDelay: Duration.minutes(1),
    jitterStrategy: JitterType.FULL,
  });
  task.addRetry({
    errors: [...taskErrors.retried],
    interval: Duration.seconds(5),
    maxAttempts: 10,
    backoffRate: 2,
    maxDelay: Duration.minutes(10),
    jitterStrategy: JitterType.FULL,
  });
  // Anything else (a raw SDK throttle or timeout, the function's own timeout): every task is safe
  // to run again, and a failed execution strands its topic until someone re-drives it.
  task.addRetry({
    errors: ["States.ALL"],
    interval: Duration.seconds(10),
    maxAttempts: 8,
    backoffRate: 2,
    maxDelay: Duration.minutes(10),
    jitterStrategy: JitterType.FULL,
  });
  return task;
}

/** The logical id of a function defined in this stack; undefined for an imported function. */
function logicalIdOf(fn: IFunction): string | undefined {
  const child = fn.node.defaultChild;
  if (!(child instanceof CfnElement)) return undefined;
  const id: unknown = Stack.of(child).resolve(child.logicalId);
  return typeof id === "string" ? id : undefined;
}
