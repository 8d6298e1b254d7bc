/**
 * Structured JSON log lines. Every line carries the fields of the scope it runs in — the request id
 * and route of an API call, the topic and execution of a loop task — so that one topic's story can be
 * followed across the API and the state machine.
 */
import { AsyncLocalStorage } from "node:async_hooks";

type Fields = Record<string, unknown>;

const scope = new AsyncLocalStorage<Fields>();

/** Runs `work` with `fields` on every line it logs (nested scopes add to the outer one). */
export function withLogScope<T>(fields: Readonly<Fields>, work: () => T): T {
  return scope.run({ ...scope.getStore(), ...fields }, work);
}

/**
 * Runs `work` in a scope of its own: background work a request or a task only set going (a notice's
 * delivery, say) is not theirs, and its lines must not carry their request id or route.
 */
export function withOwnLogScope<T>(fields: Readonly<Fields>, work: () => T): T {
  return scope.run({ ...fields }, work);
}

/** Adds fields to the current scope once they are known (a topic id read from the body, say). */
export function addToLogScope(fields: Readonly<Fields>): void {
  const store = scope.getStore();
  if (store) Object.assign(store, fields);
}

/** The fields of the current scope (the bench attributes each DynamoDB request to the API call that sent it). */
export function logScopeFields(): Readonly<Fields> | undefined {
  return scope.getStore();
}

function describeError(error: unknown, withStack: boolean) {
  if (!(error instanceof Error)) return String(error);
  return { name: error.name, message: error.message, ...(withStack ? { stack: error.stack } : {}) };
}

/** Something went wrong; with `stack` for our own failures (never sent to a client). */
export function logError(
  message: string,
  context: Readonly<Fields>,
  error: unknown,
  options: { readonly stack?: boolean } = {},
): void {
  console.error(
    JSON.stringify({
      level: "error",
      message,
      ...scope.getStore(),
      ...context,
      error: describeError(error, options.stack ?? false),
    }),
  );
}

/** An informational line, unless LOG_LEVEL asks for warnings and errors only. */
export function logInfo(message: string, context: Readonly<Fields> = {}): void {
  if (process.env.LOG_LEVEL === "warn" || process.env.LOG_LEVEL === "error") return;
  console.info(JSON.stringify({ level: "info", message, ...scope.getStore(), ...context }));
}
