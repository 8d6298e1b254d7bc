/**
 * The task function behind every Lambda task of the machine, called in-process: loading its module,
 * invoking it with a Lambda context, and turning what it throws into the error names Retry and Catch
 * match on, as Lambda reports them.
 */
import { pathToFileURL } from "node:url";
import { fromRoot } from "../../paths";
import { buildContext } from "../lambda-context";
import { asJson } from "./json";
import type { JsonValue, TaskHandler } from "./types";

export const defaultTaskModule = "functions/topic-loop.ts";

/** Loads a Lambda function module in-process (as infra/local/api-functions.ts does for the API). */
export async function loadTaskHandler(modulePath: string = defaultTaskModule): Promise<TaskHandler> {
  const module: unknown = await import(pathToFileURL(fromRoot(modulePath)).href);
  const handler = (module as { handler?: unknown }).handler;
  if (typeof handler !== "function") throw new Error(`${modulePath} does not export a handler function`);
  return handler as TaskHandler;
}

/** An error the state machine matches by name in Retry and Catch. */
export class TaskError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the task function for one state with a JSON payload; resolves with its JSON result. */
export type TaskInvoker = (payload: JsonValue, stateName: string) => Promise<JsonValue>;

export function taskInvoker(handler: TaskHandler): TaskInvoker {
  return async (payload, stateName) => {
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
}

/** The handler the options name: a function as it is, a module path loaded, by default the task function. */
export async function resolveTaskHandler(
  taskHandler: TaskHandler | string | undefined,
): Promise<TaskHandler> {
  return typeof taskHandler === "function"
    ? taskHandler
    : await loadTaskHandler(taskHandler ?? defaultTaskModule);
}
