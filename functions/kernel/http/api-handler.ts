/**
 * Builds a Lambda handler for a set of operations. API Gateway has already matched the route; middy
 * runs the steps every call shares, each a middleware with one job, in this order:
 * headers normalized → the call opened (route, language; errors rendered on the way out) → the caller
 * authenticated → the caller's role allowed → the JSON body read → path, query and body validated →
 * a create's Idempotency-Key claimed → the operation. Who may call comes before anything of the input, so a caller who may not is told 403,
 * never details of what they sent.
 */
import middy from "@middy/core";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import { config } from "../config";
import { withLogScope } from "../log";
import type { ApiContext, ApiEvent, ApiResult } from "./api-call";
import { accessLog } from "./middleware/access-log";
import { apiCall } from "./middleware/api-call";
import { authenticate } from "./middleware/authenticate";
import { authorize } from "./middleware/authorize";
import { idempotency } from "./middleware/idempotency";
import { jsonBody } from "./middleware/json-body";
import { validateInput } from "./middleware/validate-input";
import type { Operation } from "./operation";
import { render } from "./render";

/** Bodies above this are refused before parsing; the API's documents are a few KB. */
export const bodyLimitBytes = 256 * 1024;

export type { ApiEvent, ApiResult } from "./api-call";

export function createApiHandler(operations: readonly Operation[]) {
  const { defaultLanguage } = config();
  const handler = middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(accessLog())
    .use(httpHeaderNormalizer())
    .use(apiCall({ operations, defaultLanguage }))
    .use(authenticate())
    .use(authorize())
    .use(jsonBody({ limitBytes: bodyLimitBytes }))
    .use(validateInput())
    .use(idempotency())
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
