/** One JSON line per request: on AWS, the access log. Tests and benchmarks turn it off (LOG_LEVEL). */
import type { ApiMiddleware, ApiMiddyRequest } from "../api-call";

export function accessLog(): ApiMiddleware {
  const enabled = process.env.LOG_LEVEL !== "warn" && process.env.LOG_LEVEL !== "error";
  const started = new WeakMap<object, number>();
  const write = (request: ApiMiddyRequest) => {
    if (!enabled) return;
    console.info(
      JSON.stringify({
        level: "info",
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
