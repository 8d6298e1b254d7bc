/**
 * Builds what an API Gateway HTTP API (payload format 2.0) hands to Lambda: the event, with the JWT
 * authorizer's claims as AWS passes them. Pure functions, no I/O.
 */
import { randomBytes } from "node:crypto";
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
} from "aws-lambda";

export interface IncomingRequest {
  readonly method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  readonly url: string;
  /** Node's `rawHeaders`: name, value, name, value, … */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** "HTTP/1.1" */
  readonly protocol: string;
  readonly localPort: number;
}

export interface MatchedRoute {
  readonly routeKey: string;
  readonly pathParameters: Record<string, string> | undefined;
}

/** A v2 event: `authorizer` is present on routes with the JWT authorizer, absent otherwise (as on AWS). */
export type GatewayEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * API Gateway's JWT authorizer passes every claim to the function as a string: a list becomes
 * "[a b]", a number its decimal digits, an object Go's "map[k:v]". Emulate that, so handlers that
 * work locally also work on AWS.
 */
export function claimToString(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return `[${value.map(claimToString).join(" ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `map[${entries.map(([key, inner]) => `${key}:${claimToString(inner)}`).join(" ")}]`;
  }
  return String(value);
}

export function claimsAsApiGateway(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) claims[name] = claimToString(value);
  return claims;
}

/** `scope` (space-separated) as the authorizer's `scopes`; null when the token has none (ID tokens). */
export function scopesOf(payload: Record<string, unknown>): string[] | null {
  const scope = payload.scope;
  if (typeof scope !== "string" || scope.trim() === "") return null;
  return scope.trim().split(/\s+/);
}

/** AWS's text types for payload 2.0; every other type (and none) arrives base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    mediaType.startsWith("text/") ||
    mediaType === "application/json" ||
    mediaType === "application/xml" ||
    mediaType === "application/javascript"
  );
}

/** Lower-cased names; repeated headers joined with commas; `cookie` moves to `cookies`. */
export function headersOf(rawHeaders: readonly string[]): {
  headers: Record<string, string>;
  cookies: string[];
} {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] ?? "").toLowerCase();
    const value = rawHeaders[index + 1] ?? "";
    if (name === "cookie") {
      for (const cookie of value.split(";")) {
        const trimmed = cookie.trim();
        if (trimmed) cookies.push(trimmed);
      }
      continue;
    }
    const existing = headers[name];
    headers[name] = existing === undefined ? value : `${existing},${value}`;
  }
  return { headers, cookies };
}

/** Decoded values; repeated keys joined with commas, as HTTP APIs do. Undefined when there are none. */
export function queryParametersOf(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === "") return undefined;
  const parameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    const existing = parameters[key];
    parameters[key] = existing === undefined ? value : `${existing},${value}`;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

/** API Gateway's request id looks like "JKJaXmPLvHcESHA=". */
export function newRequestId(): string {
  return randomBytes(11).toString("base64");
}

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "12/Mar/2020:19:03:58 +0000", the format of `requestContext.time`. */
export function requestTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

export interface EventInput {
  readonly request: IncomingRequest;
  readonly route: MatchedRoute;
  readonly requestId: string;
  readonly now: Date;
  /** The verified token payload on JWT routes; undefined on public routes. */
  readonly jwtPayload: Record<string, unknown> | undefined;
}

export function buildEvent({ request, route, requestId, now, jwtPayload }: EventInput): GatewayEvent {
  const queryStart = request.url.indexOf("?");
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? "" : request.url.slice(queryStart + 1);
  const { headers, cookies } = headersOf(request.rawHeaders);
  headers["x-forwarded-for"] = headers["x-forwarded-for"]
    ? `${headers["x-forwarded-for"]}, ${request.sourceIp}`
    : request.sourceIp;
  headers["x-forwarded-proto"] ??= "http";
  headers["x-forwarded-port"] ??= String(request.localPort);
  const domainName = headers.host ?? `127.0.0.1:${request.localPort}`;

  const requestContext: APIGatewayEventRequestContextV2 = {
    accountId: "000000000000",
    apiId: "local",
    domainName,
    domainPrefix: domainName.split(".")[0] ?? domainName,
    http: {
      method: request.method,
      path: rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: headers["user-agent"] ?? "",
    },
    requestId,
    routeKey: route.routeKey,
    stage: "$default",
    time: requestTime(now),
    timeEpoch: now.getTime(),
  };

  const event: APIGatewayProxyEventV2 = {
    version: "2.0",
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext,
    isBase64Encoded: false,
  };
  if (cookies.length > 0) event.cookies = cookies;
  const queryStringParameters = queryParametersOf(rawQueryString);
  if (queryStringParameters) event.queryStringParameters = queryStringParameters;
  if (route.pathParameters) event.pathParameters = { ...route.pathParameters };
  if (request.body.length > 0) {
    if (isTextContentType(headers["content-type"])) {
      event.body = request.body.toString("utf8");
    } else {
      event.body = request.body.toString("base64");
      event.isBase64Encoded = true;
    }
  }
  if (jwtPayload === undefined) return event;

  const authorizer: APIGatewayEventRequestContextJWTAuthorizer = {
    principalId: "",
    integrationLatency: 0,
    jwt: { claims: claimsAsApiGateway(jwtPayload), scopes: scopesOf(jwtPayload) },
  };
  const withAuthorizer: APIGatewayProxyEventV2WithJWTAuthorizer = {
    ...event,
    requestContext: { ...requestContext, authorizer },
  };
  return withAuthorizer;
}
