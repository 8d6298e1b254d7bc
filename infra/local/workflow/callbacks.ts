/**
 * `.waitForTaskToken`, emulated (aws-local-stepfunctions has no callback pattern): each entry of a
 * callback state gets a fresh, unique token; the task function is invoked with it; the state ends
 * when `sendTaskSuccess` / `sendTaskFailure` names the token, or with `States.Timeout` when the wait
 * (payload `waitSeconds`, simulated seconds turned into real milliseconds by the clock's `realMs`,
 * counted from when the function has parked the token) runs out. A token that is not waiting any
 * more answers `TaskTimedOut`; one this runtime never issued answers `InvalidToken` — as Step
 * Functions does.
 *
 * The package's context object is fixed for a whole run, so `$$.Task.Token` is a placeholder there,
 * swapped here for the fresh token in the payload.
 *
 * Only the tokens now waiting are held (one per execution at most). A token says which runtime issued
 * it and its sequence number, so a token that is over is still told from one never issued, and
 * `newerThan` still orders it, without keeping it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Clock } from "../../../functions/kernel/clock";
import { asJson, isRecord, replaceString } from "./json";
import type { CallbackKind } from "./local-definition";
import { TaskError, type TaskInvoker } from "./task-function";
import { waitTimer } from "./timers";
import { type JsonValue, type PendingTask, SfnError } from "./types";

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

interface TaskWaiter {
  readonly newerThan: number;
  readonly resolve: (task: PendingTask) => void;
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

/** The seconds a callback state waits: from its payload when it names a field, else its TimeoutSeconds. */
function waitSecondsOf(kind: CallbackKind, stateName: string, payload: JsonValue): number | undefined {
  if (kind.waitKey === undefined) return kind.timeoutSeconds;
  const value = isRecord(payload) ? payload[kind.waitKey] : undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new TaskError(
      "States.Runtime",
      `${stateName}: the timeout (${kind.waitKey} = ${JSON.stringify(value)}) must be a positive integer`,
    );
  }
  return value;
}

/** One callback task: its token, its outcome as a promise, and how to settle it (once). */
function newTask(fields: Pick<CallbackTask, "token" | "seq" | "executionArn" | "stateName" | "payload">): {
  task: CallbackTask;
  outcome: Promise<JsonValue>;
} {
  let resolve!: (value: JsonValue) => void;
  let reject!: (error: Error) => void;
  const outcome = new Promise<JsonValue>((onValue, onError) => {
    resolve = onValue;
    reject = onError;
  });
  const task: CallbackTask = {
    ...fields,
    parked: false,
    waiting: true,
    issuedAt: new Date(),
    settle: (result) => {
      if (!task.waiting) return;
      task.waiting = false;
      if ("error" in result) reject(result.error);
      else resolve(result.output);
    },
  };
  return { task, outcome };
}

/** The tokens waiting, by token and by execution, and who waits for one to be parked. */
export class CallbackTasks {
  /** What `$$.Task.Token` resolves to in the package's fixed context object. */
  readonly placeholder = `local-task-token-placeholder-${randomUUID()}`;
  /** The first part of every token this runtime issues: `<issuer>.<seq>.<random>`. */
  readonly #issuer = randomBytes(9).toString("base64url");
  /** Only the waiting ones: a task is dropped once it is settled. */
  readonly #tasks = new Map<string, CallbackTask>();
  /** An execution waits in one callback state at a time. */
  readonly #byExecution = new Map<string, CallbackTask>();
  readonly #waiters = new Map<string, Set<TaskWaiter>>();
  readonly #invoke: TaskInvoker;
  /** Read when a wait starts: the clock whose `realMs` turns its seconds into real time. */
  readonly #clock: () => Clock;
  #seq = 0;

  constructor(invoke: TaskInvoker, clock: () => Clock) {
    this.#invoke = invoke;
    this.#clock = clock;
  }

  /** The sequence number of a token this runtime issued, or undefined for any other string. */
  #seqOf(token: string): number | undefined {
    const [issuer, seq, random, ...rest] = token.split(".");
    if (issuer !== this.#issuer || seq === undefined || !random || rest.length > 0) return undefined;
    const value = Number.parseInt(seq, 36);
    return Number.isSafeInteger(value) && value > 0 && value <= this.#seq ? value : undefined;
  }

  /** Runs one entry of a callback state: resolves with the answer, rejects with the failure or timeout. */
  async run(executionArn: string, stateName: string, kind: CallbackKind, input: unknown): Promise<JsonValue> {
    if (!isRecord(input))
      throw new TaskError("States.Runtime", `${stateName}: the task input is not an object`);
    const seq = ++this.#seq;
    const token = `${this.#issuer}.${seq.toString(36)}.${randomBytes(36).toString("base64url")}`;
    const payload = replaceString(asJson(input.Payload), this.placeholder, token);
    const seconds = waitSecondsOf(kind, stateName, payload);
    const { task, outcome } = newTask({ token, seq, executionArn, stateName, payload });
    // An execution waits in one callback state at a time: an older token of it is over.
    this.settleExecution(executionArn, "superseded by a newer task");
    this.#tasks.set(token, task);
    this.#byExecution.set(executionArn, task);
    const cancel = this.#invokeAndPark(task, seconds);
    try {
      return await outcome;
    } finally {
      cancel();
      this.#forget(task);
    }
  }

  /** Drops a settled task: nothing of it is kept (its token still answers TaskTimedOut). */
  #forget(task: CallbackTask): void {
    task.waiting = false;
    this.#tasks.delete(task.token);
    if (this.#byExecution.get(task.executionArn) === task) this.#byExecution.delete(task.executionArn);
  }

  /**
   * Invokes the function with the token; once it has parked the token, times the wait. Returns the
   * cancel of the timer.
   *
   * The wait is timed from the moment the function has parked the token. Step Functions counts from
   * the state's start, but the function runs for milliseconds, which at a fast simulated clock would
   * be hours: a decision the function delivers to its own token (tasks.awaitStep) must not lose to a
   * timeout that would not have fired on AWS. At most the package's own timeout, so that this timer
   * fires first and says States.Timeout.
   */
  #invokeAndPark(task: CallbackTask, seconds: number | undefined): () => void {
    let cancel = () => {};
    this.#invoke(task.payload, task.stateName).then(
      () => {
        task.parked = true;
        if (!task.waiting) return;
        if (seconds !== undefined) {
          cancel = waitTimer(this.#clock(), seconds, () =>
            task.settle({ error: new TaskError("States.Timeout", `${task.stateName}: the wait timed out`) }),
          );
        }
        this.#notifyParked(task);
      },
      (error: unknown) => task.settle({ error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => cancel();
  }

  #notifyParked(task: CallbackTask): void {
    const waiters = this.#waiters.get(task.executionArn);
    if (!waiters) return;
    for (const waiter of waiters) {
      if (task.seq > waiter.newerThan) {
        waiters.delete(waiter);
        waiter.resolve(pendingOf(task));
      }
    }
    if (waiters.size === 0) this.#waiters.delete(task.executionArn);
  }

  /** Ends the state waiting on `taskToken` with this output. */
  succeed(taskToken: string, output: unknown): void {
    const task = this.#waiting(taskToken);
    let value: JsonValue;
    try {
      value = asJson(output);
    } catch (error) {
      throw new SfnError("InvalidOutput", `Invalid Output: ${String(error)}`);
    }
    task.settle({ output: value });
  }

  /** Fails the state waiting on `taskToken`. */
  fail(taskToken: string, error: string | undefined, cause: string | undefined): void {
    const task = this.#waiting(taskToken);
    // Without an error name, Step Functions fails the state with an empty one; States.TaskFailed
    // is what a Catch would match either way.
    task.settle({ error: new TaskError(error || "States.TaskFailed", cause ?? "") });
  }

  /** Throws unless the token is waiting. */
  heartbeat(taskToken: string): void {
    this.#waiting(taskToken);
  }

  #waiting(taskToken: string): CallbackTask {
    const task = this.#tasks.get(taskToken);
    if (task?.waiting) return task;
    if (this.#seqOf(taskToken) === undefined) throw new SfnError("InvalidToken", "Invalid token");
    throw new SfnError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
  }

  /** Fails the token of one execution, if it has one waiting (States.Runtime, with this reason). */
  settleExecution(executionArn: string, reason: string): void {
    this.#byExecution.get(executionArn)?.settle({ error: new TaskError("States.Runtime", reason) });
  }

  /** Fails every token (States.Runtime, with this reason). */
  settleAll(reason: string): void {
    for (const task of [...this.#tasks.values()]) {
      task.settle({ error: new TaskError("States.Runtime", reason) });
    }
  }

  /** Forgets who waits for a parked token (their promises stay pending, as before a stop). */
  clearWaiters(): void {
    this.#waiters.clear();
  }

  /** How many tokens are waiting, and how many callers wait for one to be parked. */
  counts(): { readonly waiting: number; readonly waiters: number } {
    let waiters = 0;
    for (const set of this.#waiters.values()) waiters += set.size;
    return { waiting: this.#tasks.size, waiters };
  }

  /** The tokens now waiting, optionally of one execution. */
  pending(executionArn?: string): PendingTask[] {
    if (executionArn !== undefined) {
      const task = this.#byExecution.get(executionArn);
      return task?.waiting ? [pendingOf(task)] : [];
    }
    return [...this.#tasks.values()].filter((task) => task.waiting).map(pendingOf);
  }

  /**
   * Resolves with the execution's parked token, waiting for one if needed; `newerThan` skips that
   * token and any issued before it. `describe` says the execution's name and status for the
   * timeout's message.
   */
  waitFor(
    executionArn: string,
    { newerThan, timeoutMs }: { readonly newerThan: string | undefined; readonly timeoutMs: number },
    describe: () => { readonly name: string; readonly status: string },
  ): Promise<PendingTask> {
    const floor = newerThan === undefined ? 0 : (this.#seqOf(newerThan) ?? 0);
    const current = this.#byExecution.get(executionArn);
    if (current?.waiting && current.parked && current.seq > floor) return Promise.resolve(pendingOf(current));
    return new Promise<PendingTask>((resolve, reject) => {
      let waiters = this.#waiters.get(executionArn);
      if (!waiters) {
        waiters = new Set();
        this.#waiters.set(executionArn, waiters);
      }
      const forget = () => {
        clearTimeout(timer);
        const set = this.#waiters.get(executionArn);
        set?.delete(waiter);
        if (set?.size === 0) this.#waiters.delete(executionArn);
      };
      const waiter: TaskWaiter = {
        newerThan: floor,
        resolve: (task) => {
          forget();
          resolve(task);
        },
      };
      const timer = setTimeout(() => {
        forget();
        const execution = describe();
        reject(
          new Error(
            `no callback task of ${execution.name} within ${timeoutMs} ms (execution ${execution.status})`,
          ),
        );
      }, timeoutMs);
      waiters.add(waiter);
    });
  }
}
