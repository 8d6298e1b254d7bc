/** What the local topic-loop runtime offers, and the errors it answers with (Step Functions' names). */
import type { Context } from "aws-lambda";
import type { Clock } from "../../../functions/kernel/clock";
import type { AslDefinition, TopicLoopDefinition } from "./topic-loop-definition";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The task function's handler, as a Lambda function module exports it. */
export type TaskHandler = (event: unknown, context: Context) => Promise<unknown> | unknown;

/** Errors with the names Step Functions gives them (the local endpoint sends them as `__type`). */
export class SfnError extends Error {
  constructor(
    override readonly name: SfnErrorName,
    message: string,
  ) {
    super(message);
  }
}

export type SfnErrorName =
  | "ExecutionAlreadyExists"
  | "ExecutionDoesNotExist"
  | "InvalidArn"
  | "InvalidExecutionInput"
  | "InvalidName"
  | "InvalidOutput"
  | "InvalidToken"
  | "StateMachineDoesNotExist"
  | "TaskTimedOut"
  | "ValidationException";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

/** One entry of an execution's history (aws-local-stepfunctions' event types). */
export interface HistoryEvent {
  /** 1, 2, 3, … within the execution. */
  readonly id: number;
  readonly timestamp: Date;
  /**
   * ExecutionStarted, StateEntered, StateExited, StateFailed, StateRetried, StateCaught,
   * ExecutionSucceeded, ExecutionFailed, ExecutionAborted, ExecutionTimeout.
   */
  readonly type: string;
  readonly stateName?: string;
  readonly stateType?: string;
  readonly input?: JsonValue;
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
}

export interface ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly input: JsonValue;
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  /**
   * State transitions as Step Functions bills them: one per state entered, one per retry. Counted
   * from the events recorded so far.
   */
  readonly stateTransitions: number;
  /** The names of the states entered, in order. */
  readonly statesEntered: readonly string[];
}

/** A callback task's token while its state runs. */
export interface PendingTask {
  readonly taskToken: string;
  readonly executionArn: string;
  readonly stateName: string;
  /** What the task function was invoked with (the token included). */
  readonly payload: JsonValue;
  /** The function returned: the token is parked, the state waits for an answer. */
  readonly parked: boolean;
  readonly issuedAt: Date;
}

export interface StartExecutionInput {
  /** Default: this runtime's machine. Any other ARN: StateMachineDoesNotExist. */
  readonly stateMachineArn?: string;
  /** Default: a random UUID. */
  readonly name?: string;
  /** The execution input (a JSON value, not its text). Default `{}`. */
  readonly input?: unknown;
}

export interface WorkflowRuntime {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  /** The definition that runs (as synthesized, before the local adjustments). */
  readonly definition: AslDefinition;
  startExecution(request: StartExecutionInput): Promise<{ executionArn: string; startDate: Date }>;
  sendTaskSuccess(taskToken: string, output: unknown): Promise<void>;
  sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void>;
  /** Checks the token is still waiting (the machine sets no heartbeat timeout). */
  sendTaskHeartbeat(taskToken: string): Promise<void>;
  stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ stopDate: Date }>;
  describeExecution(executionArn: string): ExecutionDescription;
  listExecutions(filter?: { readonly status?: ExecutionStatus }): ExecutionDescription[];
  /**
   * The execution's full history, when this runtime keeps it (`keepHistories`: the latest
   * executions started); throws otherwise.
   */
  getExecutionHistory(executionArn: string): readonly HistoryEvent[];
  /** Resolves once the execution has ended and its history is complete. */
  waitForExecution(
    executionArn: string,
    options?: { readonly timeoutMs?: number },
  ): Promise<ExecutionDescription>;
  /** The callback tasks now waiting, optionally of one execution. */
  pendingTasks(executionArn?: string): PendingTask[];
  /**
   * Resolves with the execution's parked callback task (the function has returned), waiting for
   * one if needed; `newerThan` skips that token and any issued before it.
   */
  waitForTask(
    executionArn: string,
    options?: { readonly newerThan?: string; readonly timeoutMs?: number },
  ): Promise<PendingTask>;
  /** What the runtime holds now: nothing of an ended execution but its summary (and history, if kept). */
  retention(): RuntimeRetention;
  /** Aborts every running execution and rejects every waiting token. Idempotent. */
  stop(): Promise<void>;
}

export interface RuntimeRetention {
  /** Executions running, each held whole (its evaluator, its state, its token). */
  readonly running: number;
  /** Ended executions still described (a summary each: status, dates, input, output, states entered). */
  readonly ended: number;
  /** Executions whose full history is held (`keepHistories`). */
  readonly histories: number;
  /** Task tokens waiting for an answer (at most one per running execution). */
  readonly waitingTokens: number;
  /** Callers waiting for a token to be parked (`waitForTask`). */
  readonly taskWaiters: number;
}

export interface WorkflowRuntimeOptions {
  /**
   * The function behind every Lambda task: a handler, or the path (from the repository root) of a
   * module exporting `handler`, loaded in-process. Default `functions/topic-loop.ts`.
   */
  readonly taskHandler?: TaskHandler | string;
  /** Default: the definition of `TopicLoop`, synthesized with cdk.json's feature flags. */
  readonly definition?: TopicLoopDefinition;
  /** The clock whose `realMs` turns waits into real time. Default: the process's (functions/clock.ts). */
  readonly clock?: Clock;
  /** Pause before every retry, in real ms, instead of the definition's backoff (tests). */
  readonly retryPauseMs?: number;
  /** Called for every history event (logging). */
  readonly onEvent?: (event: HistoryEvent, execution: { executionArn: string; name: string }) => void;
  /**
   * Keep the full history of the latest executions started, this many (tests that read histories).
   * Default 0: an execution's history is not kept (`onEvent` still sees every event), so memory does
   * not grow with the events of the executions running.
   */
  readonly keepHistories?: number;
  /**
   * Ended executions DescribeExecution and ListExecutions still answer for (a small summary each), the
   * latest this many; an older one answers ExecutionDoesNotExist, as on AWS once its retention is
   * over. Default 10,000.
   */
  readonly keepEndedExecutions?: number;
}
