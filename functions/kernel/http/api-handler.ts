/**
 * Builds a Lambda handler for a set of operations. API Gateway has already matched the route, so
 * dispatch is a lookup on `routeKey`; everything an operation needs (caller, language, parsed and
 * validated input) is prepared here, and every failure leaves as a well-formed error.
 */
import middy from "@middy/core";
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import {
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  type ResourceKind,
  UnauthenticatedError,
  ValidationError,
} from "../../domain/errors";
import { config } from "../config";
import { isId } from "../ids";
import { toCsv, wantsCsv } from "./csv";
import { errorResponse, isServerError, RequestFormatError } from "./error-response";
import { negotiateLanguage } from "./messages";
import type { ApiRequest, ApiResponse, Operation } from "./operation";
import { principalFromClaims } from "./principal";
import { parseInput } from "./validation";

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** Bodies above this are refused before parsing; the API's documents are a few KB. */
export const bodyLimitBytes = 256 * 1024;

function lowerCaseHeaders(headers: ApiEvent["headers"]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (value !== undefined) result[name.toLowerCase()] = value;
  return result;
}

function definedEntries(record: Record<string, string | undefined> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(record ?? {})) if (value !== undefined) result[name] = value;
  return result;
}

function parseBody(event: ApiEvent, headers: Record<string, string>): unknown {
  if (event.body === undefined || event.body === null || event.body === "") return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  if (Buffer.byteLength(text, "utf8") > bodyLimitBytes) throw new PayloadTooLargeError(bodyLimitBytes);
  const contentType = headers["content-type"];
  if (contentType && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    throw new RequestFormatError("unsupported_media_type");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestFormatError("invalid_json");
  }
}

function serialize(response: ApiResponse, request: ApiRequest, operation: Operation | undefined): ApiResult {
  const headers: Record<string, string> = {
    "x-request-id": request.requestId,
    "cache-control": "no-store",
    "content-language": request.language,
    ...response.headers,
  };
  if (response.body === undefined) return { statusCode: response.status, headers };
  const csv = operation?.csv;
  const items = (response.body as { items?: unknown }).items;
  if (
    csv &&
    response.status === 200 &&
    Array.isArray(items) &&
    wantsCsv(request.query, request.headers.accept)
  ) {
    headers["content-type"] = "text/csv; charset=utf-8";
    headers["content-disposition"] = `attachment; filename="${csv.fileName}.csv"`;
    const cursor = (response.body as { cursor?: unknown }).cursor;
    if (typeof cursor === "string") headers["x-next-cursor"] = cursor;
    return { statusCode: 200, headers, body: toCsv(items, csv.columns, request.language) };
  }
  headers["content-type"] = "application/json; charset=utf-8";
  return { statusCode: response.status, headers, body: JSON.stringify(response.body) };
}

/** Path parameters that name a resource, and the resource a malformed id of theirs is "not found" as. */
const idParameters: Readonly<Record<string, ResourceKind>> = {
  stationId: "station",
  memberId: "member",
  topicId: "topic",
};

/** An id that cannot exist answers 404 here, before it reaches the table (whose keys have limits). */
function assertWellFormedIds(pathParameters: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(pathParameters)) {
    const resource = idParameters[name];
    if (resource && !isId(value)) throw new NotFoundError(resource, value.slice(0, 64));
  }
}

async function run(
  operation: Operation | undefined,
  event: ApiEvent,
  request: ApiRequest,
): Promise<ApiResponse> {
  if (!operation) throw new NotFoundError("route", event.routeKey);
  const body = parseBody(event, request.headers);
  if (operation.auth === "public") {
    return operation.handle({ request, principal: undefined as never, query: undefined, body: undefined });
  }
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims) throw new UnauthenticatedError();
  const principal = principalFromClaims(claims);
  if (!principal) throw new ForbiddenError("role");
  assertWellFormedIds(request.pathParameters);
  const { format, ...query } = request.query;
  if (format !== undefined && (!operation.csv || (format !== "csv" && format !== "json"))) {
    throw new ValidationError([{ field: "format", code: "invalid_value", message: "invalid_format" }]);
  }
  return operation.handle({
    request,
    principal,
    query: operation.query ? parseInput(operation.query, query) : undefined,
    body: operation.body ? parseInput(operation.body, body) : undefined,
  });
}

export function createApiHandler(operations: readonly Operation[]) {
  const byRoute = new Map(operations.map((operation) => [operation.route as string, operation]));
  const { defaultLanguage } = config();
  // One line per request is the access log on AWS; tests and benchmarks turn it off.
  const logRequests = process.env.LOG_LEVEL !== "warn" && process.env.LOG_LEVEL !== "error";

  const handle = async (event: ApiEvent, _context: Context): Promise<ApiResult> => {
    const started = Date.now();
    const headers = lowerCaseHeaders(event.headers);
    const request: ApiRequest = {
      routeKey: event.routeKey,
      requestId: event.requestContext.requestId,
      language: negotiateLanguage(headers["accept-language"], defaultLanguage),
      pathParameters: definedEntries(event.pathParameters),
      query: definedEntries(event.queryStringParameters),
      headers,
      body: undefined,
    };
    const operation = byRoute.get(event.routeKey);
    let response: ApiResponse;
    try {
      response = await run(operation, event, request);
    } catch (error) {
      if (isServerError(error)) {
        console.error(
          JSON.stringify({
            level: "error",
            requestId: request.requestId,
            route: event.routeKey,
            error:
              error instanceof Error
                ? { name: error.name, message: error.message, stack: error.stack }
                : String(error),
          }),
        );
      }
      response = errorResponse(error, request.language, request.requestId);
    }
    const result = serialize(response, request, operation);
    if (logRequests) {
      console.info(
        JSON.stringify({
          level: "info",
          requestId: request.requestId,
          route: event.routeKey,
          status: result.statusCode,
          ms: Date.now() - started,
        }),
      );
    }
    return result;
  };

  return middy<ApiEvent, ApiResult>().handler(handle);
}
