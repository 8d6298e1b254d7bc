/**
 * The topic loop, locally: the definition synthesized from the `TopicLoop` construct
 * (workflows/topic-loop.ts), run by aws-local-stepfunctions, with every Lambda task bound in-process
 * to the real task function, and the parts the package lacks emulated here:
 *
 * - `.waitForTaskToken`: each entry of a callback state gets a fresh, unique token; the function is
 *   invoked with it; the state ends when `sendTaskSuccess` / `sendTaskFailure` names the token, or
 *   with `States.Timeout` when the wait (payload `waitSeconds`, simulated seconds turned into real
 *   milliseconds by the clock's `realMs`, counted from when the function has parked the token) runs out. A token that is not waiting any more answers
 *   `TaskTimedOut`; one this runtime never issued answers `InvalidToken` — as Step Functions does.
 * - `states:startExecution` of this machine (the hand-over): a new local execution.
 * - the execution registry (names, ARNs, status, idempotent starts) and an event history per
 *   execution.
 *
 * Facts about aws-local-stepfunctions 3.0.0 this relies on (see docs/decisions/0006-topic-loop.md):
 * it needs `Promise.withResolvers` (absent on Node.js 20: polyfilled); `$$.Task.Token` is whatever
 * the fixed context object holds (a placeholder, swapped for a fresh token per entry here); it
 * resolves `TimeoutSecondsPath` against the input after `Parameters` (so callback states get a
 * fixed, Node-safe `TimeoutSeconds` locally and this runtime times the wait from the payload); a
 * task without a timeout gets 60 s; `setTimeout` fires at once beyond 2^31-1 ms (capped here).
 */
import "./promise-with-resolvers";
import { randomBytes, randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { Context } from "aws-lambda";
import { type Clock, clock as processClock } from "../../functions/kernel/clock";
import {
  type AslDefinition,
  type AslState,
  type TopicLoopDefinition,
  topicLoopDefinition,
} from "../../workflows/topic-loop";
import { cdkJsonContext, fromRoot } from "../paths";
import { buildContext } from "./gateway-event";

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
  /** Aborts every running execution and rejects every waiting token. Idempotent. */
  stop(): Promise<void>;
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
}

/** The longest delay Node's `setTimeout` honours (longer ones fire at once). */
export const maxTimerMs = 2 ** 31 - 1;
/** The `TimeoutSeconds` callback states get locally: the longest the package's own timer can wait. */
const packageTimeoutSeconds = Math.floor(maxTimerMs / 1000);

const defaultTaskModule = "functions/topic-loop.ts";

/** Loads a Lambda function module in-process (as infra/local/api-functions.ts does for the API). */
export async function loadTaskHandler(modulePath: string = defaultTaskModule): Promise<TaskHandler> {
  const module: unknown = await import(pathToFileURL(fromRoot(modulePath)).href);
  const handler = (module as { handler?: unknown }).handler;
  if (typeof handler !== "function") throw new Error(`${modulePath} does not export a handler function`);
  return handler as TaskHandler;
}

/** A `setTimeout` for any delay: long delays are chained below Node's limit. */
function longTimer(ms: number, fire: () => void): () => void {
  let handle: NodeJS.Timeout | undefined;
  const due = Date.now() + ms;
  const arm = () => {
    const left = due - Date.now();
    if (left <= 0) {
      handle = undefined;
      fire();
      return;
    }
    handle = setTimeout(arm, Math.min(left, maxTimerMs));
  };
  arm();
  return () => {
    if (handle) clearTimeout(handle);
    handle = undefined;
  };
}

/** An error the state machine matches by name in Retry and Catch. */
class TaskError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

const asJson = (value: unknown): JsonValue =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Replaces every occurrence of one string value in a JSON value. */
function replaceString(value: JsonValue, from: string, to: string): JsonValue {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((item) => replaceString(item, from, to));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceString(item, from, to)]),
    );
  }
  return value;
}

/** Step Functions' execution-name rules: 1–80 characters, none of these. */
const invalidNameCharacters = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;
const isControlCharacter = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
};
const isValidExecutionName = (name: string) =>
  name.length >= 1 &&
  name.length <= 80 &&
  !invalidNameCharacters.test(name) &&
  ![...name].some(isControlCharacter);

/** How each Task state of the definition runs locally. */
type TaskKind =
  | { readonly kind: "lambda"; readonly payloadOnly: boolean }
  | {
      readonly kind: "callback";
      readonly waitKey: string | undefined;
      readonly timeoutSeconds: number | undefined;
    }
  | { readonly kind: "startExecution"; readonly inputIsText: boolean };

const lambdaArn = /^arn:[\w-]+:lambda:[^:]*:\d*:function:[^:]+(:[^:]+)?$/;

function classify(stateName: string, state: AslState): TaskKind {
  const resource = state.Resource ?? "";
  if (lambdaArn.test(resource)) return { kind: "lambda", payloadOnly: true };
  if (/^arn:[\w-]+:states:::lambda:invoke$/.test(resource)) return { kind: "lambda", payloadOnly: false };
  if (/^arn:[\w-]+:states:::lambda:invoke\.waitForTaskToken$/.test(resource)) {
    // The package resolves TimeoutSecondsPath against the payload template's result, not the state
    // input. The definition carries the same value in the payload; find which field holds it.
    let waitKey: string | undefined;
    if (state.TimeoutSecondsPath !== undefined) {
      const payload = state.Parameters?.Payload;
      const entry = isRecord(payload)
        ? Object.entries(payload).find(
            ([key, value]) => key.endsWith(".$") && value === state.TimeoutSecondsPath,
          )
        : undefined;
      if (!entry) {
        throw new Error(
          `state "${stateName}": its payload must carry ${state.TimeoutSecondsPath} (the local runtime times ` +
            "the wait from the payload; aws-local-stepfunctions resolves TimeoutSecondsPath after Parameters)",
        );
      }
      waitKey = entry[0].slice(0, -2);
    }
    return { kind: "callback", waitKey, timeoutSeconds: state.TimeoutSeconds };
  }
  if (/^arn:[\w-]+:states:::states:startExecution$/.test(resource)) {
    return { kind: "startExecution", inputIsText: false };
  }
  if (/^arn:[\w-]+:states:::aws-sdk:sfn:startExecution$/.test(resource)) {
    return { kind: "startExecution", inputIsText: true };
  }
  throw new Error(`state "${stateName}": the local runtime cannot run resource ${resource}`);
}

interface CallbackTask {
  readonly token: string;
  readonly seq: number;
  readonly executionArn: string;
  readonly stateName: string;
  payload: JsonValue;
  parked: boolean;
  waiting: boolean;
  readonly issuedAt: Date;
  readonly settle: (outcome: { output: JsonValue } | { error: Error }) => void;
}

interface ExecutionRecord {
  readonly executionArn: string;
  readonly name: string;
  readonly input: JsonValue;
  readonly inputText: string;
  readonly startDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: JsonValue;
  error?: string;
  cause?: string;
  readonly history: HistoryEvent[];
  abort?: () => void;
  stopReason?: { error?: string; cause?: string };
  finished: Promise<void>;
}

interface TaskWaiter {
  readonly executionArn: string;
  readonly newerThan: number;
  readonly resolve: (task: PendingTask) => void;
}

function describe(stateMachineArn: string, record: ExecutionRecord): ExecutionDescription {
  const entered = record.history.filter((event) => event.type === "StateEntered");
  const retried = record.history.filter((event) => event.type === "StateRetried").length;
  return {
    executionArn: record.executionArn,
    stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: record.startDate,
    ...(record.stopDate ? { stopDate: record.stopDate } : {}),
    input: record.input,
    ...(record.output !== undefined ? { output: record.output } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
    stateTransitions: entered.length + retried,
    statesEntered: entered.map((event) => event.stateName ?? ""),
  };
}

function pendingOf(task: CallbackTask): PendingTask {
  return {
    taskToken: task.token,
    executionArn: task.executionArn,
    stateName: task.stateName,
    payload: task.payload,
    parked: task.parked,
    issuedAt: task.issuedAt,
  };
}

const causeText = (cause: unknown): string | undefined =>
  cause === undefined ? undefined : typeof cause === "string" ? cause : JSON.stringify(cause);

/** Starts the local runtime: synthesizes the definition (unless given) and loads the task function. */
export async function startWorkflowRuntime(options: WorkflowRuntimeOptions = {}): Promise<WorkflowRuntime> {
  const { StateMachine } = await import("aws-local-stepfunctions");
  const handler =
    typeof options.taskHandler === "function"
      ? options.taskHandler
      : await loadTaskHandler(options.taskHandler ?? defaultTaskModule);
  const synthesized = options.definition ?? topicLoopDefinition({ context: cdkJsonContext() });
  const { stateMachineArn, stateMachineName, definition } = synthesized;
  const arnParts = stateMachineArn.split(":");
  const executionArnPrefix = `${arnParts.slice(0, 5).join(":")}:execution:${stateMachineName}:`;
  const clockNow = () => options.clock ?? processClock();

  // The local copy of the definition: callback states get a fixed timeout the package's own timer
  // honours (it cannot resolve TimeoutSecondsPath against the state input); this runtime times them.
  const kinds = new Map<string, TaskKind>();
  const localStates: Record<string, AslState> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === "Map" || state.Type === "Parallel") {
      throw new Error(`state "${name}": the local runtime does not run ${state.Type} states`);
    }
    if (state.Type !== "Task") {
      localStates[name] = state;
      continue;
    }
    const kind = classify(name, state);
    kinds.set(name, kind);
    if (kind.kind === "callback") {
      const { TimeoutSecondsPath: _resolvedHere, ...rest } = state;
      localStates[name] = { ...rest, TimeoutSeconds: packageTimeoutSeconds };
    } else {
      localStates[name] = state;
    }
  }
  const localDefinition = { ...definition, States: localStates };
  const machine = new StateMachine(
    localDefinition as unknown as ConstructorParameters<typeof StateMachine>[0],
  );
  const retryOverrides =
    options.retryPauseMs === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(localStates)
            .filter(([, state]) => state.Retry !== undefined)
            .map(([name]) => [name, options.retryPauseMs as number]),
        );

  const placeholder = `local-task-token-placeholder-${randomUUID()}`;
  const executions = new Map<string, ExecutionRecord>();
  const tasks = new Map<string, CallbackTask>();
  const waiters = new Set<TaskWaiter>();
  let taskSeq = 0;
  let stopped = false;

  const invoke = async (payload: JsonValue, stateName: string): Promise<JsonValue> => {
    const context = buildContext({
      functionName: "topic-loop",
      timeoutMs: 30_000,
      startedAt: Date.now(),
    });
    try {
      return asJson(await handler(asJson(payload), context));
    } catch (error) {
      // Lambda reports a thrown error by its name (errorType); Retry and Catch match on it.
      const name = error instanceof Error && error.name ? error.name : "Error";
      const message = error instanceof Error ? error.message : String(error);
      throw new TaskError(name, `${stateName}: ${message}`);
    }
  };

  const notifyParked = (task: CallbackTask) => {
    for (const waiter of waiters) {
      if (waiter.executionArn === task.executionArn && task.seq > waiter.newerThan) {
        waiters.delete(waiter);
        waiter.resolve(pendingOf(task));
      }
    }
  };

  const runCallback = async (
    executionArn: string,
    stateName: string,
    kind: Extract<TaskKind, { kind: "callback" }>,
    input: unknown,
  ) => {
    if (!isRecord(input))
      throw new TaskError("States.Runtime", `${stateName}: the task input is not an object`);
    const token = randomBytes(48).toString("base64url");
    const payload = replaceString(asJson(input.Payload), placeholder, token);
    let seconds = kind.timeoutSeconds;
    if (kind.waitKey !== undefined) {
      const value = isRecord(payload) ? payload[kind.waitKey] : undefined;
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
        throw new TaskError(
          "States.Runtime",
          `${stateName}: the timeout (${kind.waitKey} = ${JSON.stringify(value)}) must be a positive integer`,
        );
      }
      seconds = value;
    }
    let resolve!: (value: JsonValue) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<JsonValue>((onValue, onError) => {
      resolve = onValue;
      reject = onError;
    });
    const task: CallbackTask = {
      token,
      seq: ++taskSeq,
      executionArn,
      stateName,
      payload,
      parked: false,
      waiting: true,
      issuedAt: new Date(),
      settle: (outcome) => {
        if (!task.waiting) return;
        task.waiting = false;
        if ("error" in outcome) reject(outcome.error);
        else resolve(outcome.output);
      },
    };
    // An execution waits in one callback state at a time: an older token of it is over.
    for (const other of tasks.values()) {
      if (other.executionArn === executionArn && other.waiting) {
        other.settle({ error: new TaskError("States.Runtime", "superseded by a newer task") });
      }
    }
    tasks.set(token, task);
    // The wait is timed from the moment the function has parked the token. Step Functions counts
    // from the state's start, but the function runs for milliseconds, which at a fast simulated
    // clock would be hours: a decision the function delivers to its own token (tasks.awaitStep)
    // must not lose to a timeout that would not have fired on AWS. At most the package's own
    // timeout, so that this timer fires first and says States.Timeout.
    let cancel = () => {};
    invoke(payload, stateName).then(
      () => {
        task.parked = true;
        if (!task.waiting) return;
        if (seconds !== undefined) {
          cancel = longTimer(Math.min(clockNow().realMs(seconds), packageTimeoutSeconds * 1000), () =>
            task.settle({ error: new TaskError("States.Timeout", `${stateName}: the wait timed out`) }),
          );
        }
        notifyParked(task);
      },
      (error: unknown) => task.settle({ error: error instanceof Error ? error : new Error(String(error)) }),
    );
    try {
      return await promise;
    } finally {
      cancel();
      task.waiting = false;
    }
  };

  const stateMachineNotFound = (arn: string) =>
    new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);

  const runtime: WorkflowRuntime = {
    stateMachineArn,
    stateMachineName,
    definition,

    async startExecution(request) {
      if (stopped) throw new Error("the workflow runtime is stopped");
      const machineArn = request.stateMachineArn ?? stateMachineArn;
      if (machineArn !== stateMachineArn) throw stateMachineNotFound(machineArn);
      const name = request.name ?? randomUUID();
      if (!isValidExecutionName(name)) {
        throw new SfnError("InvalidName", `Invalid Name: '${name}'`);
      }
      let input: JsonValue;
      try {
        input = asJson(request.input ?? {});
      } catch (error) {
        throw new SfnError(
          "InvalidExecutionInput",
          `Invalid State Machine Execution Input: ${String(error)}`,
        );
      }
      const inputText = JSON.stringify(input);
      const executionArn = `${executionArnPrefix}${name}`;
      const existing = executions.get(executionArn);
      if (existing) {
        // Same name and input while it runs: the same execution (StartExecution is idempotent).
        if (existing.status === "RUNNING" && existing.inputText === inputText) {
          return { executionArn, startDate: existing.startDate };
        }
        throw new SfnError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
      }

      const record: ExecutionRecord = {
        executionArn,
        name,
        input,
        inputText,
        startDate: new Date(),
        status: "RUNNING",
        history: [],
        finished: Promise.resolve(),
      };
      executions.set(executionArn, record);

      const handlers: Record<string, (input: unknown) => Promise<JsonValue>> = {};
      for (const [stateName, kind] of kinds) {
        if (kind.kind === "lambda") {
          handlers[stateName] = async (taskInput) => {
            if (kind.payloadOnly) return invoke(asJson(taskInput), stateName);
            const payload = isRecord(taskInput) ? asJson(taskInput.Payload) : null;
            return { Payload: await invoke(payload, stateName), StatusCode: 200, ExecutedVersion: "$LATEST" };
          };
        } else if (kind.kind === "callback") {
          handlers[stateName] = (taskInput) => runCallback(executionArn, stateName, kind, taskInput);
        } else {
          handlers[stateName] = async (taskInput) => {
            const parameters = isRecord(taskInput) ? taskInput : {};
            const childInput =
              kind.inputIsText && typeof parameters.Input === "string"
                ? (JSON.parse(parameters.Input) as unknown)
                : parameters.Input;
            try {
              const started = await runtime.startExecution({
                stateMachineArn: String(parameters.StateMachineArn ?? ""),
                ...(typeof parameters.Name === "string" ? { name: parameters.Name } : {}),
                input: childInput,
              });
              return { ExecutionArn: started.executionArn, StartDate: started.startDate.toISOString() };
            } catch (error) {
              const name = error instanceof Error ? error.name : "Error";
              throw new TaskError(
                `StepFunctions.${name}`,
                error instanceof Error ? error.message : String(error),
              );
            }
          };
        }
      }

      const run = machine.run(input, {
        overrides: {
          taskResourceLocalHandlers: handlers as NonNullable<
            NonNullable<
              NonNullable<Parameters<typeof machine.run>[1]>["overrides"]
            >["taskResourceLocalHandlers"]
          >,
          ...(retryOverrides ? { retryIntervalOverrides: retryOverrides } : {}),
        },
        noThrowOnAbort: true,
        context: {
          Execution: {
            Id: executionArn,
            Name: name,
            RoleArn: `arn:aws:iam::${arnParts[4] ?? "000000000000"}:role/local-topic-loop`,
            RedriveCount: 0,
            // In simulated time, so that an execution's age reads as the clock's days.
            StartTime: clockNow().now().toISOString(),
          },
          StateMachine: { Id: stateMachineArn, Name: stateMachineName },
          Task: { Token: placeholder },
        },
      });
      record.abort = run.abort;

      const drained = (async () => {
        for await (const event of run.eventLogs) {
          const entry: HistoryEvent = {
            id: record.history.length + 1,
            timestamp: new Date(event.timestamp),
            type: event.type,
            ...("state" in event
              ? {
                  stateName: event.state.name,
                  stateType: event.state.type,
                  input: event.state.input as JsonValue,
                  ...(event.state.output !== undefined ? { output: event.state.output as JsonValue } : {}),
                }
              : {}),
            ...("input" in event && !("state" in event) ? { input: event.input as JsonValue } : {}),
            ...("output" in event && !("state" in event) ? { output: event.output as JsonValue } : {}),
            ...("Error" in event ? { error: event.Error, cause: causeText(event.Cause) ?? "" } : {}),
          };
          record.history.push(entry);
          options.onEvent?.(entry, { executionArn, name });
        }
      })();

      record.finished = Promise.allSettled([run.result, drained]).then(([result]) => {
        record.stopDate = new Date();
        if (record.stopReason !== undefined) {
          record.status = "ABORTED";
          if (record.stopReason.error !== undefined) record.error = record.stopReason.error;
          if (record.stopReason.cause !== undefined) record.cause = record.stopReason.cause;
        } else if (result.status === "fulfilled") {
          record.status = "SUCCEEDED";
          record.output = asJson(result.value);
        } else {
          const reason: unknown = result.reason;
          const failure = reason instanceof Error && reason.cause instanceof Error ? reason.cause : reason;
          if (reason instanceof Error && reason.name === "ExecutionTimeoutError") {
            record.status = "TIMED_OUT";
          } else {
            record.status = "FAILED";
            record.error = failure instanceof Error ? failure.name : "Error";
            record.cause = failure instanceof Error ? failure.message : String(failure);
          }
        }
        // Its tokens are over with it.
        for (const task of tasks.values()) {
          if (task.executionArn === executionArn) {
            task.settle({ error: new TaskError("States.Runtime", "the execution ended") });
          }
        }
      });
      return { executionArn, startDate: record.startDate };
    },

    async sendTaskSuccess(taskToken, output) {
      const task = waitingTask(taskToken);
      let value: JsonValue;
      try {
        value = asJson(output);
      } catch (error) {
        throw new SfnError("InvalidOutput", `Invalid Output: ${String(error)}`);
      }
      task.settle({ output: value });
    },

    async sendTaskFailure(taskToken, error, cause) {
      const task = waitingTask(taskToken);
      // Without an error name, Step Functions fails the state with an empty one; States.TaskFailed
      // is what a Catch would match either way.
      task.settle({ error: new TaskError(error || "States.TaskFailed", cause ?? "") });
    },

    async sendTaskHeartbeat(taskToken) {
      waitingTask(taskToken);
    },

    async stopExecution(executionArn, error, cause) {
      const record = executionOf(executionArn);
      if (record.status === "RUNNING") {
        record.stopReason = {
          ...(error !== undefined ? { error } : {}),
          ...(cause !== undefined ? { cause } : {}),
        };
        for (const task of tasks.values()) {
          if (task.executionArn === executionArn) {
            task.settle({ error: new TaskError("States.Runtime", "the execution was stopped") });
          }
        }
        record.abort?.();
        await record.finished;
      }
      return { stopDate: record.stopDate ?? new Date() };
    },

    describeExecution(executionArn) {
      return describe(stateMachineArn, executionOf(executionArn));
    },

    listExecutions(filter = {}) {
      return [...executions.values()]
        .filter((record) => filter.status === undefined || record.status === filter.status)
        .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
        .map((record) => describe(stateMachineArn, record));
    },

    getExecutionHistory(executionArn) {
      return [...executionOf(executionArn).history];
    },

    async waitForExecution(executionArn, { timeoutMs = 30_000 } = {}) {
      const record = executionOf(executionArn);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${record.name} still ${record.status} after ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        await Promise.race([record.finished, timeout]);
      } finally {
        clearTimeout(timer);
      }
      return describe(stateMachineArn, record);
    },

    pendingTasks(executionArn) {
      return [...tasks.values()]
        .filter((task) => task.waiting && (executionArn === undefined || task.executionArn === executionArn))
        .map(pendingOf);
    },

    waitForTask(executionArn, { newerThan, timeoutMs = 30_000 } = {}) {
      executionOf(executionArn);
      const floor = newerThan === undefined ? 0 : (tasks.get(newerThan)?.seq ?? 0);
      const ready = [...tasks.values()].find(
        (task) => task.executionArn === executionArn && task.waiting && task.parked && task.seq > floor,
      );
      if (ready) return Promise.resolve(pendingOf(ready));
      return new Promise<PendingTask>((resolve, reject) => {
        const waiter: TaskWaiter = {
          executionArn,
          newerThan: floor,
          resolve: (task) => {
            clearTimeout(timer);
            resolve(task);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const record = executions.get(executionArn);
          reject(
            new Error(
              `no callback task of ${record?.name ?? executionArn} within ${timeoutMs} ms ` +
                `(execution ${record?.status ?? "unknown"})`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      const running = [...executions.values()].filter((record) => record.status === "RUNNING");
      for (const record of running) record.stopReason ??= { error: "LocalRuntimeStopped" };
      for (const task of tasks.values()) {
        task.settle({ error: new TaskError("States.Runtime", "the local workflow runtime stopped") });
      }
      for (const record of running) record.abort?.();
      await Promise.allSettled(running.map((record) => record.finished));
      waiters.clear();
    },
  };

  function executionOf(executionArn: string): ExecutionRecord {
    const record = executions.get(executionArn);
    if (!record) throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  function waitingTask(taskToken: string): CallbackTask {
    const task = tasks.get(taskToken);
    if (!task) throw new SfnError("InvalidToken", "Invalid token");
    if (!task.waiting)
      throw new SfnError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    return task;
  }

  return runtime;
}
