/**
 * Builds the Lambda handler of a function whose operations are all public (meta: health and the
 * OpenAPI document). For such operations the steps of api-handler.ts that concern a caller do
 * nothing — there is none to authenticate or allow, no input to validate, no create to make
 * idempotent — so this handler leaves them out, and its bundle their code (the user lookup, valibot,
 * the idempotency store): headers normalized → the call opened → the JSON body read → the
 * operation, answering exactly as the full handler would.
 */
import { apiStack, bodyLimitBytes } from "./api-stack";
import { jsonBody } from "./middleware/json-body";
import { publicInput } from "./middleware/public-input";
import type { Operation } from "./operation";

export function createPublicApiHandler(operations: readonly Operation[]) {
  const guarded = operations.find((operation) => operation.auth !== "public");
  if (guarded) throw new Error(`${guarded.route} needs a caller: serve it with createApiHandler`);
  return apiStack(operations, [jsonBody({ limitBytes: bodyLimitBytes }), publicInput()]);
}
