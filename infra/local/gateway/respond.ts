/**
 * One request through the gateway, in API Gateway's order: match the route, read the body, check the
 * JWT on `jwt` routes, build the payload-2.0 event, call the route's function.
 */
import type { IncomingMessage } from "node:http";
import type { LocalKeys } from "../keys";
import { issuerDocument } from "../oidc-issuer";
import { authorize } from "./authorizer";
import { buildEvent } from "./event";
import { type FunctionLookup, invoke } from "./integration";
import { gatewayLanguage, gatewayMessage } from "./messages";
import type { TokenVerifier } from "./oidc-verifier";
import { drain, incomingRequest } from "./request";
import { apiError, internalServerError, json, type Reply } from "./response";
import type { RouteMatch, RouteMatcher } from "./routes";
import { staticFile } from "./static-files";

/** Answers a request the API's routes do not take (local-only endpoints), or undefined to go on. */
export type LocalRoutes = (request: IncomingMessage, path: string) => Promise<Reply | undefined>;

export interface RespondConfig {
  readonly matcher: RouteMatcher;
  readonly functionFor: FunctionLookup;
  /** Checks bearer tokens on `jwt` routes. */
  verifier: TokenVerifier;
  /** When the gateway is also the local OIDC issuer: its URL and keys (the discovery document, the JWKS). */
  issuer: { readonly url: string; readonly keys: LocalKeys } | undefined;
  readonly bodyLimit: number;
  readonly integrationTimeoutMs: number;
  readonly errorLog: (message: string, error: unknown) => void;
  /** Local-only endpoints beside the API (e.g. the console's demo sign-in). */
  readonly localRoutes?: LocalRoutes;
  /** The console's built files, for GETs no route takes. */
  readonly staticRoot?: string;
}

/** The answer to a request no route takes (its body is read and dropped first). */
async function unrouted(
  request: IncomingMessage,
  match: Exclude<RouteMatch, { kind: "found" }>,
  requestId: string,
): Promise<Reply> {
  const method = request.method ?? "GET";
  const rawPath = (request.url ?? "/").split("?")[0] ?? "/";
  const language = gatewayLanguage(request.headers["accept-language"]);
  await drain(request, 0);
  if (match.kind === "bad-path") {
    return apiError(requestId, 400, "bad_request", gatewayMessage("bad_request", language), language);
  }
  const path = { method, path: rawPath };
  if (match.kind === "not-found") {
    return apiError(requestId, 404, "not_found", gatewayMessage("not_found", language, path), language);
  }
  // HTTP APIs answer 404 here too; the message and Allow header say what would work.
  const allowed = match.allowed.join(", ");
  return apiError(
    requestId,
    404,
    "not_found",
    gatewayMessage("method_not_allowed", language, { ...path, allowed }),
    language,
    { allow: allowed },
  );
}

export async function respond(
  request: IncomingMessage,
  requestId: string,
  config: RespondConfig,
): Promise<Reply> {
  const method = request.method ?? "GET";
  const rawPath = (request.url ?? "/").split("?")[0] ?? "/";
  if (config.issuer) {
    const document = await issuerDocument(method, rawPath, config.issuer.url, config.issuer.keys);
    if (document !== undefined) {
      await drain(request, 0);
      return json(200, document, { "cache-control": "max-age=300" });
    }
  }
  const match = config.matcher.match(method, rawPath);
  if (match.kind !== "found") {
    const local = await config.localRoutes?.(request, rawPath);
    if (local) return local;
    if (config.staticRoot && (method === "GET" || method === "HEAD") && match.kind === "not-found") {
      const file = await staticFile(config.staticRoot, rawPath);
      if (file) return file;
    }
    return await unrouted(request, match, requestId);
  }

  const body = await drain(request, config.bodyLimit);
  if (body === undefined) {
    const language = gatewayLanguage(request.headers["accept-language"]);
    const message = gatewayMessage("payload_too_large", language, { limit: config.bodyLimit });
    return apiError(requestId, 413, "payload_too_large", message, language);
  }

  let jwtPayload: Record<string, unknown> | undefined;
  if (match.route.auth === "jwt") {
    const outcome = await authorize(request.headers.authorization, config.verifier);
    if (!outcome.ok) {
      return json(401, { message: "Unauthorized" }, { "www-authenticate": outcome.challenge });
    }
    jwtPayload = outcome.payload;
  }

  const target = config.functionFor(match.route);
  if (!target) {
    config.errorLog(
      `[gateway] ${match.routeKey} (${requestId}) has no function`,
      new Error(match.route.function),
    );
    return internalServerError();
  }
  const startedAt = Date.now();
  const event = buildEvent({
    request: incomingRequest(request, body),
    route: match,
    requestId,
    now: new Date(startedAt),
    jwtPayload,
  });
  return await invoke(target, event, startedAt, {
    timeoutMs: config.integrationTimeoutMs,
    label: `${match.routeKey} (${requestId})`,
    errorLog: config.errorLog,
  });
}
