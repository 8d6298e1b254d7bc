/**
 * The topic loop, locally: the definition synthesized from the `TopicLoop` construct
 * (workflows/topic-loop.ts), run by aws-local-stepfunctions, with every Lambda task bound in-process
 * to the real task function, and the parts the package lacks emulated. One module per job, under
 * workflow/:
 *
 * - topic-loop-definition.ts — the definition, synthesized from the construct;
 * - local-definition.ts — how each Task state runs locally, and the local copy of the definition;
 * - task-function.ts — the task function, loaded and invoked in-process;
 * - callbacks.ts — `.waitForTaskToken`: task tokens, parked waits, their timeouts (timers.ts);
 * - executions.ts — the execution registry (names, ARNs, status, idempotent starts; an ended
 *   execution is released down to a summary, its history kept only with `keepHistories`);
 * - evaluator.ts — the package's wiring: task handlers, context object, event log.
 *
 * This module puts them together behind the `WorkflowRuntime` interface the local Step Functions
 * endpoint (sfn-endpoint.ts) and the tests use.
 */
import type { StateMachine } from "aws-local-stepfunctions";
import { type Clock, clock as processClock } from "../../functions/kernel/clock";
import { cdkJsonContext } from "../paths";
import { CallbackTasks } from "./workflow/callbacks";
import { runExecution, type TaskBindings, taskHandlers } from "./workflow/evaluator";
import { type ExecutionRecord, ExecutionRegistry, type RegistryLimits } from "./workflow/executions";
import { type LocalDefinition, localDefinition, retryOverrides } from "./workflow/local-definition";
import { resolveTaskHandler, type TaskInvoker, taskInvoker } from "./workflow/task-function";
import { type AslDefinition, topicLoopDefinition } from "./workflow/topic-loop-definition";
import type {
  ExecutionDescription,
  ExecutionStatus,
  HistoryEvent,
  PendingTask,
  RuntimeRetention,
  StartExecutionInput,
  WorkflowRuntime,
  WorkflowRuntimeOptions,
} from "./workflow/types";

export { loadTaskHandler } from "./workflow/task-function";
export { maxTimerMs } from "./workflow/timers";
export type {
  AslDefinition,
  AslState,
  TopicLoopDefinition,
  TopicLoopDefinitionOptions,
} from "./workflow/topic-loop-definition";
export {
  type ExecutionDescription,
  type ExecutionStatus,
  type HistoryEvent,
  type JsonValue,
  type PendingTask,
  type RuntimeRetention,
  SfnError,
  type SfnErrorName,
  type StartExecutionInput,
  type TaskHandler,
  type WorkflowRuntime,
  type WorkflowRuntimeOptions,
} from "./workflow/types";

/**
 * aws-local-stepfunctions calls `Promise.withResolvers` (Node.js 22) for every Task state; without it
 * every execution would fail at its first task. Say so at once instead
 * (docs/decisions/0007-node-22-from-the-registry.md).
 */
function requirePromiseWithResolvers(): void {
  if (typeof (Promise as { withResolvers?: unknown }).withResolvers === "function") return;
  throw new Error(
    `the local topic loop needs Node.js 22 or newer, and this is Node.js ${process.versions.node}: ` +
      "run it through npm (npm start, npm test), which uses the Node.js 22 that npm ci installs on " +
      "linux-x64, or install Node.js 22",
  );
}

/** Starts the local runtime: synthesizes the definition (unless given) and loads the task function. */
export async function startWorkflowRuntime(options: WorkflowRuntimeOptions = {}): Promise<WorkflowRuntime> {
  requirePromiseWithResolvers();
  const { StateMachine } = await import("aws-local-stepfunctions");
  const handler = await resolveTaskHandler(options.taskHandler);
  const synthesized = options.definition ?? topicLoopDefinition({ context: cdkJsonContext() });
  const local = localDefinition(synthesized.definition);
  const machine = new StateMachine(
    local.definition as unknown as ConstructorParameters<typeof StateMachine>[0],
  );
  return new LocalWorkflowRuntime({
    ...synthesized,
    machine,
    local,
    invoke: taskInvoker(handler),
    retryOverrides: retryOverrides(local.definition, options.retryPauseMs),
    clock: () => options.clock ?? processClock(),
    onEvent: options.onEvent,
    limits: {
      keepEnded: options.keepEndedExecutions ?? defaultKeepEndedExecutions,
      keepHistories: options.keepHistories ?? 0,
    },
  });
}

/** Ended executions DescribeExecution still answers for, by default (AWS keeps them 90 days). */
export const defaultKeepEndedExecutions = 10_000;

interface RuntimeParts {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  /** As synthesized, before the local adjustments. */
  readonly definition: AslDefinition;
  readonly machine: StateMachine;
  readonly local: LocalDefinition;
  readonly invoke: TaskInvoker;
  readonly retryOverrides: Record<string, number> | undefined;
  /** The clock whose `realMs` turns waits into real time, read when it is needed. */
  readonly clock: () => Clock;
  readonly onEvent: WorkflowRuntimeOptions["onEvent"];
  readonly limits: RegistryLimits;
}

class LocalWorkflowRuntime implements WorkflowRuntime {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly definition: AslDefinition;
  readonly #parts: RuntimeParts;
  readonly #callbacks: CallbackTasks;
  readonly #executions: ExecutionRegistry;
  readonly #bindings: TaskBindings;
  #stopped = false;

  constructor(parts: RuntimeParts) {
    this.stateMachineArn = parts.stateMachineArn;
    this.stateMachineName = parts.stateMachineName;
    this.definition = parts.definition;
    this.#parts = parts;
    this.#callbacks = new CallbackTasks(parts.invoke, parts.clock);
    this.#executions = new ExecutionRegistry(parts.stateMachineArn, parts.stateMachineName, parts.limits);
    this.#bindings = {
      invoke: parts.invoke,
      callbacks: this.#callbacks,
      startExecution: (request) => this.startExecution(request),
    };
  }

  async startExecution(request: StartExecutionInput): Promise<{ executionArn: string; startDate: Date }> {
    if (this.#stopped) throw new Error("the workflow runtime is stopped");
    const { record, isNew } = this.#executions.admit(request);
    if (isNew) {
      const parts = this.#parts;
      runExecution(parts.machine, record, {
        stateMachineArn: this.stateMachineArn,
        stateMachineName: this.stateMachineName,
        handlers: taskHandlers(record.executionArn, parts.local.kinds, this.#bindings),
        retryOverrides: parts.retryOverrides,
        tokenPlaceholder: this.#callbacks.placeholder,
        clock: parts.clock(),
        onEvent: (running, event) => this.#onEvent(running, event),
        onEnd: (ended) => {
          // Its tokens are over with it; only its summary stays.
          this.#callbacks.settleExecution(ended.executionArn, "the execution ended");
          this.#executions.end(ended);
        },
      });
    }
    return { executionArn: record.executionArn, startDate: record.startDate };
  }

  #onEvent(record: ExecutionRecord, event: HistoryEvent): void {
    this.#executions.record(record, event);
    this.#parts.onEvent?.(event, { executionArn: record.executionArn, name: record.name });
  }

  async sendTaskSuccess(taskToken: string, output: unknown): Promise<void> {
    this.#callbacks.succeed(taskToken, output);
  }

  async sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void> {
    this.#callbacks.fail(taskToken, error, cause);
  }

  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    this.#callbacks.heartbeat(taskToken);
  }

  async stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ stopDate: Date }> {
    const record = this.#executions.running(executionArn);
    if (!record) return { stopDate: this.#executions.describe(executionArn).stopDate ?? new Date() };
    if (record.status === "RUNNING") {
      record.stopReason = {
        ...(error !== undefined ? { error } : {}),
        ...(cause !== undefined ? { cause } : {}),
      };
      this.#callbacks.settleExecution(executionArn, "the execution was stopped");
      record.abort?.();
      await record.finished;
    }
    return { stopDate: record.stopDate ?? new Date() };
  }

  describeExecution(executionArn: string): ExecutionDescription {
    return this.#executions.describe(executionArn);
  }

  listExecutions(filter: { readonly status?: ExecutionStatus } = {}): ExecutionDescription[] {
    return this.#executions.list(filter);
  }

  getExecutionHistory(executionArn: string): readonly HistoryEvent[] {
    return this.#executions.history(executionArn);
  }

  async waitForExecution(
    executionArn: string,
    { timeoutMs = 30_000 }: { readonly timeoutMs?: number } = {},
  ): Promise<ExecutionDescription> {
    return await this.#executions.waitFor(executionArn, timeoutMs);
  }

  pendingTasks(executionArn?: string): PendingTask[] {
    return this.#callbacks.pending(executionArn);
  }

  waitForTask(
    executionArn: string,
    { newerThan, timeoutMs = 30_000 }: { readonly newerThan?: string; readonly timeoutMs?: number } = {},
  ): Promise<PendingTask> {
    this.#executions.assertExists(executionArn);
    return this.#callbacks.waitFor(executionArn, { newerThan, timeoutMs }, () => {
      const execution = this.#executions.find(executionArn);
      return { name: execution?.name ?? executionArn, status: execution?.status ?? "unknown" };
    });
  }

  retention(): RuntimeRetention {
    const { waiting, waiters } = this.#callbacks.counts();
    return { ...this.#executions.counts(), waitingTokens: waiting, taskWaiters: waiters };
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    const running = this.#executions.allRunning();
    for (const record of running) record.stopReason ??= { error: "LocalRuntimeStopped" };
    this.#callbacks.settleAll("the local workflow runtime stopped");
    for (const record of running) record.abort?.();
    await Promise.allSettled(running.map((record) => record.finished));
    this.#callbacks.clearWaiters();
  }
}
