/**
 * The execution registry: names, ARNs, status, idempotent starts, and each execution's history, as
 * Step Functions keeps them. Executions live in memory: none survives a restart of the local stack
 * (infra/local/redrive.ts starts the open topics again). An ended execution is released: what
 * DescribeExecution answers is kept as a small summary, its history only when asked for
 * (`keepHistories`); the topic's own record — its step, its timeline — is in the table.
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

/** A running execution, as the evaluator fills it in. */
export interface ExecutionRecord {
  /** Admission order (ListExecutions orders executions started in the same millisecond by it). */
  readonly seq: number;
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
  /** History events so far (their ids are 1, 2, 3, …). */
  events: number;
  /** The names of the states entered, in order. */
  readonly statesEntered: string[];
  /** Retries so far (StateRetried events). */
  retries: number;
  abort?: () => void;
  stopReason?: { error?: string; cause?: string };
  finished: Promise<void>;
}

/**
 * What is kept of an ended execution: what DescribeExecution and ListExecutions answer, and nothing of
 * its run (history, evaluator, tokens).
 */
interface EndedExecution {
  readonly seq: number;
  readonly executionArn: string;
  readonly name: string;
  readonly inputText: string;
  readonly startDate: Date;
  readonly status: ExecutionStatus;
  readonly stopDate: Date;
  readonly outputText?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly stateTransitions: number;
  readonly statesEntered: readonly string[];
}

export interface RegistryLimits {
  /** Ended executions described (the oldest forgotten first). */
  readonly keepEnded: number;
  /** Executions whose full history is kept (the most recently started), running or ended. */
  readonly keepHistories: number;
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

function describeRecord(stateMachineArn: string, record: ExecutionRecord): ExecutionDescription {
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
    stateTransitions: record.statesEntered.length + record.retries,
    statesEntered: [...record.statesEntered],
  };
}

function describeEnded(stateMachineArn: string, ended: EndedExecution): ExecutionDescription {
  return {
    executionArn: ended.executionArn,
    stateMachineArn,
    name: ended.name,
    status: ended.status,
    startDate: ended.startDate,
    stopDate: ended.stopDate,
    input: JSON.parse(ended.inputText) as JsonValue,
    ...(ended.outputText !== undefined ? { output: JSON.parse(ended.outputText) as JsonValue } : {}),
    ...(ended.error !== undefined ? { error: ended.error } : {}),
    ...(ended.cause !== undefined ? { cause: ended.cause } : {}),
    stateTransitions: ended.stateTransitions,
    statesEntered: ended.statesEntered,
  };
}

function summary(record: ExecutionRecord): EndedExecution {
  return {
    seq: record.seq,
    executionArn: record.executionArn,
    name: record.name,
    inputText: record.inputText,
    startDate: record.startDate,
    status: record.status,
    stopDate: record.stopDate ?? new Date(),
    ...(record.output !== undefined ? { outputText: JSON.stringify(record.output) } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
    stateTransitions: record.statesEntered.length + record.retries,
    statesEntered: Object.freeze([...record.statesEntered]),
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

/**
 * The executions of one state machine. A running one is held whole; once it ends only its summary is
 * kept (the last `keepEnded` of them), and its full history only if it is among the last
 * `keepHistories` started: memory does not grow with the executions that have ended.
 */
export class ExecutionRegistry {
  readonly #running = new Map<string, ExecutionRecord>();
  /** In the order they ended. */
  readonly #ended = new Map<string, EndedExecution>();
  /** In the order they started. */
  readonly #histories = new Map<string, HistoryEvent[]>();
  readonly #arnPrefix: string;
  readonly #limits: RegistryLimits;
  #seq = 0;

  constructor(
    readonly stateMachineArn: string,
    stateMachineName: string,
    limits: RegistryLimits,
  ) {
    const arnParts = stateMachineArn.split(":");
    this.#arnPrefix = `${arnParts.slice(0, 5).join(":")}:execution:${stateMachineName}:`;
    this.#limits = limits;
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
    const running = this.#running.get(executionArn);
    // Same name and input while it runs: the same execution (StartExecution is idempotent).
    if (running && running.status === "RUNNING" && running.inputText === inputText) {
      return { record: running, isNew: false };
    }
    if (running || this.#ended.has(executionArn)) {
      throw new SfnError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      seq: ++this.#seq,
      executionArn,
      name,
      input,
      inputText,
      startDate: new Date(),
      status: "RUNNING",
      events: 0,
      statesEntered: [],
      retries: 0,
      finished: Promise.resolve(),
    };
    this.#running.set(executionArn, record);
    if (this.#limits.keepHistories > 0) {
      this.#histories.set(executionArn, []);
      this.#trim(this.#histories, this.#limits.keepHistories);
    }
    return { record, isNew: true };
  }

  /** Records one event of a running execution (its history only if kept). */
  record(record: ExecutionRecord, event: HistoryEvent): void {
    record.events = event.id;
    if (event.type === "StateEntered") record.statesEntered.push(event.stateName ?? "");
    else if (event.type === "StateRetried") record.retries += 1;
    this.#histories.get(record.executionArn)?.push(event);
  }

  /** The execution has ended (its outcome recorded): only its summary stays. */
  end(record: ExecutionRecord): void {
    if (this.#running.get(record.executionArn) !== record) return;
    this.#running.delete(record.executionArn);
    this.#ended.set(record.executionArn, summary(record));
    for (const forgotten of this.#trim(this.#ended, this.#limits.keepEnded)) {
      this.#histories.delete(forgotten);
    }
  }

  /** Drops the oldest entries beyond `limit`; returns their keys. */
  #trim<T>(map: Map<string, T>, limit: number): string[] {
    const dropped: string[] = [];
    for (const key of map.keys()) {
      if (map.size <= limit) break;
      map.delete(key);
      dropped.push(key);
    }
    return dropped;
  }

  /** The running execution, or undefined (ended, or never started). */
  running(executionArn: string): ExecutionRecord | undefined {
    return this.#running.get(executionArn);
  }

  /** Throws ExecutionDoesNotExist unless the execution runs or its end is still described. */
  assertExists(executionArn: string): void {
    if (!this.#running.has(executionArn) && !this.#ended.has(executionArn)) {
      throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    }
  }

  /** Its name and status (for messages), if it is known. */
  find(executionArn: string): { readonly name: string; readonly status: ExecutionStatus } | undefined {
    return this.#running.get(executionArn) ?? this.#ended.get(executionArn);
  }

  describe(executionArn: string): ExecutionDescription {
    const running = this.#running.get(executionArn);
    if (running) return describeRecord(this.stateMachineArn, running);
    const ended = this.#ended.get(executionArn);
    if (ended) return describeEnded(this.stateMachineArn, ended);
    throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
  }

  /** Its full history, when it is kept; throws otherwise. */
  history(executionArn: string): readonly HistoryEvent[] {
    this.assertExists(executionArn);
    const history = this.#histories.get(executionArn);
    if (!history) {
      throw new Error(
        `the history of ${executionArn} is not kept: start the runtime with keepHistories ` +
          `(now ${this.#limits.keepHistories}) to keep the histories of the latest executions`,
      );
    }
    return [...history];
  }

  /** Newest first (in the order they were started, within one millisecond). */
  list(filter: { readonly status?: ExecutionStatus } = {}): ExecutionDescription[] {
    const matches = (status: ExecutionStatus) => filter.status === undefined || filter.status === status;
    const running = [...this.#running.values()].filter((record) => matches(record.status));
    const ended =
      filter.status === "RUNNING" ? [] : [...this.#ended.values()].filter((e) => matches(e.status));
    return [...running, ...ended]
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime() || a.seq - b.seq)
      .map((execution) =>
        "events" in execution
          ? describeRecord(this.stateMachineArn, execution)
          : describeEnded(this.stateMachineArn, execution),
      );
  }

  /** Every running execution. */
  allRunning(): ExecutionRecord[] {
    return [...this.#running.values()];
  }

  /** How many executions are held whole, how many are described by their summary, how many histories. */
  counts(): { readonly running: number; readonly ended: number; readonly histories: number } {
    return { running: this.#running.size, ended: this.#ended.size, histories: this.#histories.size };
  }

  /** Resolves once the execution has ended and its outcome is recorded; rejects after `timeoutMs`. */
  async waitFor(executionArn: string, timeoutMs: number): Promise<ExecutionDescription> {
    const record = this.#running.get(executionArn);
    if (!record) return this.describe(executionArn);
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
    // Described from the record: its summary may already be forgotten (keepEnded).
    return describeRecord(this.stateMachineArn, record);
  }
}
