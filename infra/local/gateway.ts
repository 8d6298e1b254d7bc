/**
 * The local HTTP gateway: what API Gateway's HTTP API does in front of the API's Lambda functions. It
 * matches the request against the route table, enforces the JWT authorizer on `jwt` routes, turns the
 * request into a payload-2.0 event, calls the route's function in-process and writes its result back.
 * One module per step, under gateway/: routes.ts (matching), request.ts (reading, limits),
 * authorizer.ts (JWT), event.ts (the event), integration.ts (the function call), response.ts
 * (writing), respond.ts (the steps in order). This module runs the server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Context } from "aws-lambda";
import { routes as apiRoutes, type RouteDefinition } from "../../functions/kernel/http/routes";
import { type GatewayEvent, newRequestId } from "./gateway/event";
import { type ApiFunction, functionLookup } from "./gateway/integration";
import { oidcVerifier } from "./gateway/oidc-verifier";
import { listenerFor } from "./gateway/raw-request-line";
import { type LocalRoutes, type RespondConfig, respond } from "./gateway/respond";
import { answerUnreadableRequest, internalServerError, write } from "./gateway/response";
import { createRouteMatcher } from "./gateway/routes";
import type { LocalKeys } from "./keys";
import { verifyToken } from "./token";

export type { ApiFunction } from "./gateway/integration";

export interface GatewayOptions {
  /**
   * The functions behind the routes, by each route's `function` name (functions/api/routes.ts),
   * the way the stack integrates each route with its own Lambda function.
   */
  readonly functions?: Readonly<Record<string, ApiFunction>>;
  /** Serves every route whose function is not in `functions` (one function for the whole API). */
  handler?(event: GatewayEvent, context: Context): Promise<unknown>;
  /** The local signing keys: bearer tokens on `jwt` routes are verified against them. */
  readonly keys: LocalKeys;
  /**
   * Act as the local OIDC issuer (decision 0024): serve the discovery document and JWKS at this
   * gateway's own URL (the issuer) and verify tokens through them, as API Gateway does with any
   * issuer. Without it, tokens are checked against `keys` directly (the keys' own issuer).
   */
  readonly oidc?: { readonly audiences?: readonly string[] };
  /**
   * Trust another OpenID provider instead (a county's Keycloak, the browser tests' oidc-provider):
   * tokens are verified through its discovery document and JWKS; `keys` and `oidc` are then unused.
   */
  readonly trust?: { readonly issuer: string; readonly audiences: readonly string[] };
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
  /** Local-only endpoints beside the API (the console's demo sign-in). */
  readonly localRoutes?: LocalRoutes;
  /** A directory of static files (the console's build) served for GETs no route takes. */
  readonly staticRoot?: string;
  /** Handler failures. Default: stderr. */
  readonly errorLog?: (message: string, error: unknown) => void;
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const stderrLog = (message: string, error: unknown) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${message}\n${detail}\n`);
};

/** The options with their defaults, as the request pipeline reads them. Throws when a route has no function. */
function respondConfig(options: GatewayOptions): RespondConfig {
  const routeTable = options.routes ?? apiRoutes;
  return {
    matcher: createRouteMatcher(routeTable),
    functionFor: functionLookup(options, routeTable),
    verifier: options.trust ? oidcVerifier(options.trust) : (token) => verifyToken(token, options.keys),
    issuer: undefined,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    integrationTimeoutMs: options.integrationTimeoutMs ?? 30_000,
    errorLog: options.errorLog ?? stderrLog,
    ...(options.localRoutes ? { localRoutes: options.localRoutes } : {}),
    ...(options.staticRoot ? { staticRoot: options.staticRoot } : {}),
  };
}

/** Answers one request and writes the reply; a failure in the gateway itself is a 500. */
function serve(
  request: IncomingMessage,
  response: ServerResponse,
  config: RespondConfig,
  accessLog: GatewayOptions["accessLog"],
): void {
  const started = performance.now();
  const requestId = newRequestId();
  const { errorLog } = config;
  respond(request, requestId, config)
    .catch((error: unknown) => {
      errorLog(`[gateway] ${request.method} ${request.url} (${requestId}) failed in the gateway`, error);
      return internalServerError();
    })
    .then((reply) => {
      try {
        write(response, reply, requestId);
      } catch (error) {
        errorLog(`[gateway] could not write the response to ${request.method} ${request.url}`, error);
        response.destroy();
        return;
      }
      accessLog?.(
        `${request.method} ${request.url} → ${reply.status} (${(performance.now() - started).toFixed(1)} ms)`,
      );
    });
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const host = options.host ?? "127.0.0.1";
  const config = respondConfig(options);
  const server = createServer((request, response) => serve(request, response, config, options.accessLog));
  server.keepAliveTimeout = 5_000;
  server.on("clientError", answerUnreadableRequest);
  const listener = listenerFor(server);

  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(options.port ?? 0, host, () => {
      listener.removeListener("error", reject);
      resolve();
    });
  });
  const port = (listener.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  if (options.oidc && !options.trust) {
    const url = `http://${urlHost}:${port}`;
    config.issuer = { url, keys: options.keys };
    config.verifier = oidcVerifier({
      issuer: url,
      audiences: options.oidc.audiences ?? [options.keys.audience],
    });
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        listener.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // Give in-flight requests a moment, then cut what is left.
        setTimeout(() => server.closeAllConnections(), 1_000).unref();
      });
      return closing;
    },
  };
}
