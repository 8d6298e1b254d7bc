/**
 * Opens the call: the request as operations see it (language negotiated, headers and parameters
 * without gaps) and the operation serving the route. On any failure further in, renders the API's
 * error shape in the caller's language; a failure that is ours, not the caller's, is logged first.
 */
import { NotFoundError } from "../../../domain/errors";
import type { Language } from "../../../domain/registry/members";
import { logError } from "../../log";
import type { ApiEvent, ApiMiddleware } from "../api-call";
import { errorResponse, isServerError } from "../error-response";
import { negotiateLanguage } from "../messages";
import type { ApiRequest, Operation } from "../operation";
import { render } from "../render";

function definedEntries(record: Record<string, string | undefined> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(record ?? {})) if (value !== undefined) result[name] = value;
  return result;
}

function requestOf(event: ApiEvent, defaultLanguage: Language): ApiRequest {
  const headers = definedEntries(event.headers);
  return {
    routeKey: event.routeKey,
    requestId: event.requestContext.requestId,
    language: negotiateLanguage(headers["accept-language"], defaultLanguage),
    pathParameters: definedEntries(event.pathParameters),
    query: definedEntries(event.queryStringParameters),
    headers,
    body: undefined,
  };
}

export function apiCall(options: {
  readonly operations: readonly Operation[];
  readonly defaultLanguage: Language;
}): ApiMiddleware {
  const byRoute = new Map(options.operations.map((operation) => [operation.route as string, operation]));
  return {
    before(request) {
      const api = requestOf(request.event, options.defaultLanguage);
      const operation = byRoute.get(request.event.routeKey);
      request.context.api = { request: api, operation };
      if (!operation) throw new NotFoundError("route", request.event.routeKey);
    },
    onError(request) {
      const call = request.context.api;
      const api = call?.request ?? requestOf(request.event, options.defaultLanguage);
      if (isServerError(request.error)) {
        logError("request failed", { requestId: api.requestId, route: api.routeKey }, request.error, {
          stack: true,
        });
      }
      request.response = render(
        errorResponse(request.error, api.language, api.requestId),
        api,
        call?.operation,
      );
    },
  };
}
