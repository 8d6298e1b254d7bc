/**
 * Parses the path, the query and the body with the operation's schemas, so that operations receive
 * typed input and never see what failed: a path that names nothing answers 404, the rest 400 with
 * the failing fields.
 */
import { ValidationError } from "../../../domain/errors";
import type { ApiMiddleware } from "../api-call";
import { parseInput, parsePath } from "../validation";
import { setPublicInput } from "./public-input";

export function validateInput(): ApiMiddleware {
  return {
    before(request) {
      const call = request.context.api;
      const { operation, request: api, principal } = call;
      if (!operation || operation.auth === "public" || !principal) return setPublicInput(request);
      const path = operation.path ? parsePath(operation.path, api.pathParameters) : undefined;
      const { format, ...query } = api.query;
      if (format !== undefined && format !== "csv" && format !== "json")
        throw new ValidationError([{ field: "format", code: "invalid_value", message: "invalid_format" }]);
      if (format === "csv" && !operation.csv)
        throw new ValidationError([{ field: "format", code: "invalid_value", message: "csv_not_offered" }]);
      call.input = {
        request: api,
        principal,
        path,
        query: operation.query ? parseInput(operation.query, query) : undefined,
        body: operation.body ? parseInput(operation.body, call.body) : undefined,
      };
    },
  };
}
