/**
 * The local HTTP gateway: what API Gateway's HTTP API does in front of the API's Lambda functions. It
 * matches the request against the route table, enforces the JWT authorizer on `jwt` routes, turns the
 * request into a payload-2.0 event, calls the route's function in-process and writes its result back.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Context } from "aws-lambda";
import { errors as joseErrors } from "jose";
import { routes as apiRoutes, type RouteDefinition } from "../../functions/kernel/http/routes";
import { buildContext, buildEvent, type GatewayEvent, newRequestId } from "./gateway-event";
import { createRouteMatcher } from "./gateway-routes";
import type { LocalKeys } from "./keys";
import { verifyToken } from "./token";

/**
 * A Lambda function behind routes: a module with a `handler` export fits. `handler` is declared as
 * a method so that handlers typed for `APIGatewayProxyEventV2` or `…WithJWTAuthorizer` both fit.
 */
export interface ApiFunction {
  handler(event: GatewayEvent, context: Context): Promise<unknown>;
}

export interface GatewayOptions {
  /**
   * The functions behind the routes, by each route's `function` name (functions/api/routes.ts),
   * the way the stack integrates each route with its own Lambda function.
   */
  readonly functions?: Readonly<Record<string, ApiFunction>>;
  /** Serves every route whose function is not in `functions` (one function for the whole API). */
  handler?(event: GatewayEvent, context: Context): Promise<unknown>;
  /** Verifies bearer tokens on `jwt` routes. */
  readonly keys: LocalKeys;
  /** Default: the API's route table (functions/api/routes.ts). */
  readonly routes?: readonly RouteDefinition[];
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 or undefined: a free port. */
  readonly port?: number;
  /** Larger request bodies get 413. Default 1 MiB (AWS allows 10 MB; the API needs far less). */
  readonly bodyLimitBytes?: number;
  /** Like the HTTP API's 30 s integration timeout: 503 after this long. 0 disables. Default 30 000. */
  readonly integrationTimeoutMs?: number;
  /** One line per request (method, path, status, time). Default: none. */
  readonly accessLog?: (line: string) => void;
  /** Handler failures. Default: stderr. */
  readonly errorLog?: (message: string, error: unknown) => void;
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

type Reply = { status: number; headers: Record<string, string | string[]>; body: Buffer };

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: Buffer.from(JSON.stringify(value)),
});

/** The API's own error shape (docs API.md), for errors the gateway answers itself. */
const apiError = (
  requestId: string,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) => json(status, { error: { code, message, requestId } }, headers);

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const host = options.host ?? "127.0.0.1";
  const bodyLimit = options.bodyLimitBytes ?? 1024 * 1024;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? 30_000;
  const errorLog =
    options.errorLog ??
    ((message: string, error: unknown) => {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`${message}\n${detail}\n`);
    });
  const routeTable = options.routes ?? apiRoutes;
  const matcher = createRouteMatcher(routeTable);
  /** The function serving a route, and its name for the Lambda context. */
  const functionFor = (
    route: RouteDefinition,
  ): { name: string; invoke: ApiFunction["handler"] } | undefined => {
    const name = route.function;
    const own = options.functions?.[name];
    if (own) return { name, invoke: (event, context) => own.handler(event, context) };
    const shared = options.handler;
    if (shared) return { name, invoke: (event, context) => shared.call(options, event, context) };
    return undefined;
  };
  const unserved = [
    ...new Set(routeTable.filter((route) => !functionFor(route)).map((route) => route.function)),
  ];
  if (unserved.length > 0) {
    throw new Error(`startGateway: no function for ${unserved.join(", ")} (give functions or handler)`);
  }

  async function respond(request: IncomingMessage, requestId: string): Promise<Reply> {
    const method = request.method ?? "GET";
    const url = request.url ?? "/";
    const rawPath = url.split("?")[0] ?? "/";
    const match = matcher.match(method, rawPath);
    if (match.kind === "bad-path") {
      await drain(request, 0);
      return apiError(requestId, 400, "bad_request", "The request path is not validly percent-encoded.");
    }
    if (match.kind === "not-found") {
      await drain(request, 0);
      return apiError(requestId, 404, "not_found", `No route for ${method} ${rawPath}.`);
    }
    if (match.kind === "method-not-allowed") {
      // HTTP APIs answer 404 here too; the message and Allow header say what would work.
      await drain(request, 0);
      return apiError(
        requestId,
        404,
        "not_found",
        `No route for ${method} ${rawPath}; it accepts ${match.allowed.join(", ")}.`,
        {
          allow: match.allowed.join(", "),
        },
      );
    }

    const body = await drain(request, bodyLimit);
    if (body === undefined) {
      return apiError(
        requestId,
        413,
        "payload_too_large",
        `The request body is larger than ${bodyLimit} bytes.`,
      );
    }

    let jwtPayload: Record<string, unknown> | undefined;
    if (match.route.auth === "jwt") {
      const outcome = await authorize(request.headers.authorization, options.keys);
      if (!outcome.ok) {
        return json(401, { message: "Unauthorized" }, { "www-authenticate": outcome.challenge });
      }
      jwtPayload = outcome.payload;
    }

    const target = functionFor(match.route);
    if (!target) {
      errorLog(`[gateway] ${match.routeKey} (${requestId}) has no function`, new Error(match.route.function));
      return json(500, { message: "Internal Server Error" });
    }
    const startedAt = Date.now();
    const event = buildEvent({
      request: {
        method,
        url,
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
        protocol: `HTTP/${request.httpVersion}`,
        localPort: request.socket.localPort ?? 0,
      },
      route: match,
      requestId,
      now: new Date(startedAt),
      jwtPayload,
    });
    const context = buildContext({
      functionName: target.name,
      timeoutMs: integrationTimeoutMs > 0 ? integrationTimeoutMs : 15 * 60_000,
      startedAt,
    });

    let result: unknown;
    try {
      result = await withTimeout(target.invoke(event, context), integrationTimeoutMs);
    } catch (error) {
      if (error instanceof IntegrationTimeout) {
        errorLog(
          `[gateway] ${match.routeKey} (${requestId}) timed out after ${integrationTimeoutMs} ms`,
          error,
        );
        return json(503, { message: "Service Unavailable" });
      }
      errorLog(`[gateway] ${match.routeKey} (${requestId}) failed`, error);
      return json(500, { message: "Internal Server Error" });
    }
    const reply = toReply(result);
    if (reply instanceof Error) {
      errorLog(`[gateway] ${match.routeKey} (${requestId}) returned an invalid response`, reply);
      return json(500, { message: "Internal Server Error" });
    }
    return reply;
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    const requestId = newRequestId();
    respond(request, requestId)
      .catch((error: unknown) => {
        errorLog(`[gateway] ${request.method} ${request.url} (${requestId}) failed in the gateway`, error);
        return json(500, { message: "Internal Server Error" });
      })
      .then((reply) => {
        try {
          write(response, reply, requestId);
        } catch (error) {
          errorLog(`[gateway] could not write the response to ${request.method} ${request.url}`, error);
          response.destroy();
          return;
        }
        options.accessLog?.(
          `${request.method} ${request.url} → ${reply.status} (${(performance.now() - started).toFixed(1)} ms)`,
        );
      });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.removeListener("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // Give in-flight requests a moment, then cut what is left.
        setTimeout(() => server.closeAllConnections(), 1_000).unref();
      });
      return closing;
    },
  };
}

type Authorization = { ok: true; payload: Record<string, unknown> } | { ok: false; challenge: string };

/** The JWT authorizer: the Authorization header holds the token, with or without "Bearer ". */
async function authorize(header: string | undefined, keys: LocalKeys): Promise<Authorization> {
  const token = header?.trim().replace(/^bearer\s+/i, "");
  if (!token) return { ok: false, challenge: "Bearer" };
  try {
    return { ok: true, payload: await verifyToken(token, keys) };
  } catch (error) {
    const description =
      error instanceof joseErrors.JWTExpired ? "the token has expired" : "the token could not be verified";
    return {
      ok: false,
      challenge: `Bearer scope="" error="invalid_token" error_description="${description}"`,
    };
  }
}

/**
 * Reads the body, up to `limit` bytes. Past the limit it keeps reading (so the client sees the
 * answer rather than a reset connection) but discards, and returns undefined.
 */
async function drain(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    else if (size > limit * 16 + 16 * 1024 * 1024) {
      request.socket.destroy();
      break;
    }
  }
  return size <= limit ? Buffer.concat(chunks, size) : undefined;
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

/**
 * Interprets the function's result as HTTP APIs do for payload 2.0: an object with `statusCode` is a
 * structured response; anything else is a 200 JSON body (a string is sent as it is).
 */
function toReply(result: unknown): Reply | Error {
  if (typeof result === "object" && result !== null && "statusCode" in result) {
    const structured = result as {
      statusCode: unknown;
      headers?: unknown;
      cookies?: unknown;
      body?: unknown;
      isBase64Encoded?: unknown;
    };
    const status = structured.statusCode;
    if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) {
      return new Error(`statusCode must be an integer from 100 to 599, got ${JSON.stringify(status)}`);
    }
    if (structured.body !== undefined && typeof structured.body !== "string") {
      return new Error(`body must be a string, got ${typeof structured.body}`);
    }
    const headers: Record<string, string | string[]> = {};
    if (structured.headers !== undefined) {
      if (typeof structured.headers !== "object" || structured.headers === null) {
        return new Error("headers must be an object");
      }
      for (const [name, value] of Object.entries(structured.headers)) {
        if (!["string", "number", "boolean"].includes(typeof value)) {
          return new Error(`header ${name} must be a string, number or boolean`);
        }
        headers[name.toLowerCase()] = String(value);
      }
    }
    if (structured.cookies !== undefined) {
      if (!Array.isArray(structured.cookies) || !structured.cookies.every((c) => typeof c === "string")) {
        return new Error("cookies must be an array of strings");
      }
      headers["set-cookie"] = structured.cookies as string[];
    }
    const text = structured.body ?? "";
    const body =
      structured.isBase64Encoded === true ? Buffer.from(text, "base64") : Buffer.from(text, "utf8");
    return { status, headers, body };
  }
  const text = typeof result === "string" ? result : (JSON.stringify(result) ?? "");
  return { status: 200, headers: { "content-type": "application/json" }, body: Buffer.from(text) };
}

function write(response: ServerResponse, reply: Reply, requestId: string): void {
  if (response.headersSent || response.destroyed) return;
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  response.setHeader("apigw-requestid", requestId);
  response.setHeader("content-length", reply.body.length);
  response.statusCode = reply.status;
  response.end(reply.body);
}
