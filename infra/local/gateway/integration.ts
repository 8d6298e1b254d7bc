/**
 * The Lambda integration: which function serves a route, calling it in-process within the
 * integration timeout, and reading its result.
 */
import type { Context } from "aws-lambda";
import type { RouteDefinition } from "../../../functions/kernel/http/routes";
import { buildContext } from "../lambda-context";
import type { GatewayEvent } from "./event";
import { internalServerError, json, type Reply, toReply } from "./response";

/**
 * A Lambda function behind routes: a module with a `handler` export fits. `handler` is declared as
 * a method so that handlers typed for `APIGatewayProxyEventV2` or `…WithJWTAuthorizer` both fit.
 */
export interface ApiFunction {
  handler(event: GatewayEvent, context: Context): Promise<unknown>;
}

export interface FunctionSources {
  /** The functions behind the routes, by each route's `function` name. */
  readonly functions?: Readonly<Record<string, ApiFunction>>;
  /** Serves every route whose function is not in `functions` (one function for the whole API). */
  handler?(event: GatewayEvent, context: Context): Promise<unknown>;
}

/** The function serving a route, and its name for the Lambda context. */
export interface Integration {
  readonly name: string;
  readonly invoke: ApiFunction["handler"];
}

export type FunctionLookup = (route: RouteDefinition) => Integration | undefined;

/** Finds each route's function: its own by name, else the shared handler. Throws when a route has none. */
export function functionLookup(sources: FunctionSources, routes: readonly RouteDefinition[]): FunctionLookup {
  const functionFor: FunctionLookup = (route) => {
    const name = route.function;
    const own = sources.functions?.[name];
    if (own) return { name, invoke: (event, context) => own.handler(event, context) };
    const shared = sources.handler;
    if (shared) return { name, invoke: (event, context) => shared.call(sources, event, context) };
    return undefined;
  };
  const unserved = [...new Set(routes.filter((route) => !functionFor(route)).map((route) => route.function))];
  if (unserved.length > 0) {
    throw new Error(`startGateway: no function for ${unserved.join(", ")} (give functions or handler)`);
  }
  return functionFor;
}

class IntegrationTimeout extends Error {}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  if (timeoutMs <= 0) return await promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IntegrationTimeout(`no response within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface InvokeOptions {
  /** Like the HTTP API's 30 s integration timeout: 503 after this long. 0 disables. */
  readonly timeoutMs: number;
  /** "GET /stations (requestId)", for the error log. */
  readonly label: string;
  readonly errorLog: (message: string, error: unknown) => void;
}

/** Calls the function with the event; its result as a reply, or 503 / 500 as API Gateway answers. */
export async function invoke(
  target: Integration,
  event: GatewayEvent,
  startedAt: number,
  { timeoutMs, label, errorLog }: InvokeOptions,
): Promise<Reply> {
  const context = buildContext({
    functionName: target.name,
    timeoutMs: timeoutMs > 0 ? timeoutMs : 15 * 60_000,
    startedAt,
  });
  let result: unknown;
  try {
    result = await withTimeout(target.invoke(event, context), timeoutMs);
  } catch (error) {
    if (error instanceof IntegrationTimeout) {
      errorLog(`[gateway] ${label} timed out after ${timeoutMs} ms`, error);
      return json(503, { message: "Service Unavailable" });
    }
    errorLog(`[gateway] ${label} failed`, error);
    return internalServerError();
  }
  const reply = toReply(result);
  if (reply instanceof Error) {
    errorLog(`[gateway] ${label} returned an invalid response`, reply);
    return internalServerError();
  }
  return reply;
}
