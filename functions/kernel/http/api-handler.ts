/**
 * Builds a Lambda handler for a set of operations. API Gateway has already matched the route; middy
 * runs the steps every call shares, each a middleware with one job, in this order:
 * headers normalized → the call opened (route, language; errors rendered on the way out) → the caller
 * authenticated → the caller's role allowed → the JSON body read → path, query and body validated →
 * a create's Idempotency-Key claimed → the operation. Who may call comes before anything of the input, so a caller who may not is told 403,
 * never details of what they sent.
 */
import type { ApiEvent, ApiResult } from "./api-call";
import { apiStack, bodyLimitBytes } from "./api-stack";
import { authenticate } from "./middleware/authenticate";
import { authorize } from "./middleware/authorize";
import { idempotency } from "./middleware/idempotency";
import { jsonBody } from "./middleware/json-body";
import { validateInput } from "./middleware/validate-input";
import type { Operation } from "./operation";
// What these operations can say about their input, beside the kernel's messages.
import "./request-messages";

export { bodyLimitBytes } from "./api-stack";
export type { ApiEvent, ApiResult };

export function createApiHandler(operations: readonly Operation[]) {
  return apiStack(operations, [
    authenticate(),
    authorize(),
    jsonBody({ limitBytes: bodyLimitBytes }),
    validateInput(),
    idempotency(),
  ]);
}
