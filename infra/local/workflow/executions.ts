/**
 * The execution registry: names, ARNs, status, idempotent starts, and each execution's history, as
 * Step Functions keeps them. Executions live in memory: none survives a restart of the local stack
 * (infra/local/redrive.ts starts the open topics again).
 */
import { randomUUID } from "node:crypto";
import { asJson } from "./json";
import {
  type ExecutionDescription,
  type ExecutionStatus,
  type HistoryEvent,
  type JsonValue,
  SfnError,
  type StartExecutionInput,
} from "./types";

export interface ExecutionRecord {
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

/** Records how the run ended: stopped (ABORTED), its output, its timeout, or its failure. */
export function recordOutcome(record: ExecutionRecord, result: PromiseSettledResult<unknown>): void {
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
}

export class ExecutionRegistry {
  readonly #records = new Map<string, ExecutionRecord>();
  readonly #arnPrefix: string;

  constructor(
    readonly stateMachineArn: string,
    stateMachineName: string,
  ) {
    const arnParts = stateMachineArn.split(":");
    this.#arnPrefix = `${arnParts.slice(0, 5).join(":")}:execution:${stateMachineName}:`;
  }

  /**
   * Admits a start: a new record (`isNew`), or the running execution of the same name and input
   * (StartExecution is idempotent). Throws Step Functions' errors for anything else.
   */
  admit(request: StartExecutionInput): { readonly record: ExecutionRecord; readonly isNew: boolean } {
    const machineArn = request.stateMachineArn ?? this.stateMachineArn;
    if (machineArn !== this.stateMachineArn) {
      throw new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${machineArn}'`);
    }
    const name = request.name ?? randomUUID();
    if (!isValidExecutionName(name)) {
      throw new SfnError("InvalidName", `Invalid Name: '${name}'`);
    }
    let input: JsonValue;
    try {
      input = asJson(request.input ?? {});
    } catch (error) {
      throw new SfnError("InvalidExecutionInput", `Invalid State Machine Execution Input: ${String(error)}`);
    }
    const inputText = JSON.stringify(input);
    const executionArn = `${this.#arnPrefix}${name}`;
    const existing = this.#records.get(executionArn);
    if (existing) {
      // Same name and input while it runs: the same execution (StartExecution is idempotent).
      if (existing.status === "RUNNING" && existing.inputText === inputText) {
        return { record: existing, isNew: false };
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
    this.#records.set(executionArn, record);
    return { record, isNew: true };
  }

  /** The execution, or ExecutionDoesNotExist. */
  get(executionArn: string): ExecutionRecord {
    const record = this.#records.get(executionArn);
    if (!record) throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  find(executionArn: string): ExecutionRecord | undefined {
    return this.#records.get(executionArn);
  }

  describe(executionArn: string): ExecutionDescription {
    return describe(this.stateMachineArn, this.get(executionArn));
  }

  /** Newest first. */
  list(filter: { readonly status?: ExecutionStatus } = {}): ExecutionDescription[] {
    return [...this.#records.values()]
      .filter((record) => filter.status === undefined || record.status === filter.status)
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
      .map((record) => describe(this.stateMachineArn, record));
  }

  running(): ExecutionRecord[] {
    return [...this.#records.values()].filter((record) => record.status === "RUNNING");
  }

  /** Resolves once the execution has ended and its history is complete; rejects after `timeoutMs`. */
  async waitFor(executionArn: string, timeoutMs: number): Promise<ExecutionDescription> {
    const record = this.get(executionArn);
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
    return describe(this.stateMachineArn, record);
  }
}
