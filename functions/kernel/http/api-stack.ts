/**
 * What every API handler is: middy around the operations, with the steps every call shares first —
 * headers normalized → the call opened (route, language; errors rendered on the way out) — then the
 * steps its kind of function needs (api-handler.ts, public-api-handler.ts), then the operation.
 */
import middy from "@middy/core";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import { config } from "../config";
import { withLogScope } from "../log";
import type { ApiContext, ApiEvent, ApiMiddleware, ApiResult } from "./api-call";
import { accessLog } from "./middleware/access-log";
import { apiCall } from "./middleware/api-call";
import type { Operation } from "./operation";
import { render } from "./render";

/** Bodies above this are refused before parsing; the API's documents are a few KB. */
export const bodyLimitBytes = 256 * 1024;

export function apiStack(operations: readonly Operation[], steps: readonly ApiMiddleware[]) {
  const { defaultLanguage } = config();
  const handler = middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(accessLog())
    .use(httpHeaderNormalizer())
    .use(apiCall({ operations, defaultLanguage }))
    .use([...steps])
    .handler(async (_event, context) => {
      const { operation, input, request } = context.api;
      if (!operation || !input) throw new Error("the middlewares left the call incomplete");
      return render(await operation.handle(input), request, operation);
    });
  return (event: ApiEvent, context: ApiContext) =>
    withLogScope(
      {
        requestId: event.requestContext.requestId,
        route: event.routeKey,
        // One topic's story, followed from the API into its execution and its notices.
        ...(event.pathParameters?.topicId ? { topicId: event.pathParameters.topicId } : {}),
      },
      () => handler(event, context),
    );
}
