/**
 * The wiring of aws-local-stepfunctions: the in-process handlers of one execution's Task states, the
 * context object it runs with, and its event log turned into the execution's history.
 *
 * Facts about aws-local-stepfunctions 3.0.0 this relies on (docs/decisions/0006-topic-loop.md):
 * `$$.Task.Token` is whatever the fixed context object holds (a placeholder, swapped for a fresh token
 * per entry in callbacks.ts); it resolves `TimeoutSecondsPath` against the input after `Parameters`
 * (local-definition.ts); a task without a timeout gets 60 s; `setTimeout` fires at once beyond
 * 2^31-1 ms (timers.ts).
 */
import type { StateMachine } from "aws-local-stepfunctions";
import type { Clock } from "../../../functions/kernel/clock";
import type { CallbackTasks } from "./callbacks";
import { type ExecutionRecord, recordOutcome } from "./executions";
import { asJson, causeText, isRecord } from "./json";
import type { TaskKind } from "./local-definition";
import { TaskError, type TaskInvoker } from "./task-function";
import type { HistoryEvent, JsonValue, StartExecutionInput } from "./types";

type RunOptions = NonNullable<Parameters<StateMachine["run"]>[1]>;
type LocalHandlers = NonNullable<NonNullable<RunOptions["overrides"]>["taskResourceLocalHandlers"]>;
type EventLog = ReturnType<StateMachine["run"]>["eventLogs"] extends AsyncGenerator<infer E> ? E : never;
type TaskHandlers = Record<string, (input: unknown) => Promise<JsonValue>>;

/** What the Task states of an execution call. */
export interface TaskBindings {
  readonly invoke: TaskInvoker;
  readonly callbacks: CallbackTasks;
  /** This runtime's StartExecution (the hand-over starts this same machine). */
  readonly startExecution: (
    request: StartExecutionInput,
  ) => Promise<{ executionArn: string; startDate: Date }>;
}

/** `states:startExecution` (the hand-over): a new local execution; its errors as the integration names them. */
function startExecutionHandler(
  kind: Extract<TaskKind, { kind: "startExecution" }>,
  start: TaskBindings["startExecution"],
): (input: unknown) => Promise<JsonValue> {
  return async (taskInput) => {
    const parameters = isRecord(taskInput) ? taskInput : {};
    const childInput =
      kind.inputIsText && typeof parameters.Input === "string"
        ? (JSON.parse(parameters.Input) as unknown)
        : parameters.Input;
    try {
      const started = await start({
        stateMachineArn: String(parameters.StateMachineArn ?? ""),
        ...(typeof parameters.Name === "string" ? { name: parameters.Name } : {}),
        input: childInput,
      });
      return { ExecutionArn: started.executionArn, StartDate: started.startDate.toISOString() };
    } catch (error) {
      const name = error instanceof Error ? error.name : "Error";
      throw new TaskError(`StepFunctions.${name}`, error instanceof Error ? error.message : String(error));
    }
  };
}

/** The in-process handlers of one execution's Task states, by state name. */
export function taskHandlers(
  executionArn: string,
  kinds: ReadonlyMap<string, TaskKind>,
  bindings: TaskBindings,
): TaskHandlers {
  const { invoke } = bindings;
  const handlers: TaskHandlers = {};
  for (const [stateName, kind] of kinds) {
    if (kind.kind === "lambda") {
      handlers[stateName] = async (taskInput) => {
        if (kind.payloadOnly) return invoke(asJson(taskInput), stateName);
        const payload = isRecord(taskInput) ? asJson(taskInput.Payload) : null;
        return { Payload: await invoke(payload, stateName), StatusCode: 200, ExecutedVersion: "$LATEST" };
      };
    } else if (kind.kind === "callback") {
      handlers[stateName] = (taskInput) => bindings.callbacks.run(executionArn, stateName, kind, taskInput);
    } else {
      handlers[stateName] = startExecutionHandler(kind, bindings.startExecution);
    }
  }
  return handlers;
}

/** One event of the package's log as a history entry. */
function historyEntry(event: EventLog, id: number): HistoryEvent {
  return {
    id,
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
}

export interface RunSetup {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly handlers: TaskHandlers;
  readonly retryOverrides: Record<string, number> | undefined;
  /** What `$$.Task.Token` holds (callbacks.ts swaps it for a fresh token per entry). */
  readonly tokenPlaceholder: string;
  readonly clock: Clock;
  /** Called for every event, in order (the registry's record of the run, then logging). */
  readonly onEvent: (record: ExecutionRecord, event: HistoryEvent) => void;
  /** Called once the run has ended and its outcome is recorded. */
  readonly onEnd: (record: ExecutionRecord) => void;
}

/** The context object of a run: the execution, the machine and the (placeholder) task token. */
function executionContext(record: ExecutionRecord, setup: RunSetup): RunOptions["context"] {
  const account = setup.stateMachineArn.split(":")[4];
  return {
    Execution: {
      Id: record.executionArn,
      Name: record.name,
      RoleArn: `arn:aws:iam::${account ?? "000000000000"}:role/local-topic-loop`,
      RedriveCount: 0,
      // In simulated time, so that an execution's age reads as the clock's days.
      StartTime: setup.clock.now().toISOString(),
    },
    StateMachine: { Id: setup.stateMachineArn, Name: setup.stateMachineName },
    Task: { Token: setup.tokenPlaceholder },
  };
}

/**
 * Runs the machine for one execution record: `setup.onEvent` sees each event as it arrives,
 * `record.abort` stops it, and `record.finished` resolves once its outcome is recorded. Nothing of the
 * run outlives it but what `onEvent` and `onEnd` keep.
 */
export function runExecution(machine: StateMachine, record: ExecutionRecord, setup: RunSetup): void {
  const run = machine.run(record.input, {
    overrides: {
      taskResourceLocalHandlers: setup.handlers as LocalHandlers,
      ...(setup.retryOverrides ? { retryIntervalOverrides: setup.retryOverrides } : {}),
    },
    noThrowOnAbort: true,
    context: executionContext(record, setup),
  });
  record.abort = run.abort;

  const drained = (async () => {
    for await (const event of run.eventLogs) {
      setup.onEvent(record, historyEntry(event, record.events + 1));
    }
  })();

  record.finished = Promise.allSettled([run.result, drained]).then(([result]) => {
    recordOutcome(record, result);
    setup.onEnd(record);
  });
}
