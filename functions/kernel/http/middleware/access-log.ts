/** One JSON line per request: on AWS, the access log. Tests and benchmarks turn it off (LOG_LEVEL). */
import { logScopeFields } from "../../log";
import type { ApiMiddleware, ApiMiddyRequest } from "../api-call";

export function accessLog(): ApiMiddleware {
  const enabled = process.env.LOG_LEVEL !== "warn" && process.env.LOG_LEVEL !== "error";
  const started = new WeakMap<object, number>();
  const write = (request: ApiMiddyRequest) => {
    if (!enabled) return;
    console.info(
      JSON.stringify({
        level: "info",
        // The request's scope: its id and route, and the topic it concerns when it names one.
        ...logScopeFields(),
        requestId: request.event.requestContext.requestId,
        route: request.event.routeKey,
        status: request.response?.statusCode,
        ms: Date.now() - (started.get(request) ?? Date.now()),
      }),
    );
  };
  return {
    before(request) {
      if (enabled) started.set(request, Date.now());
    },
    after: write,
    onError: write,
  };
}
