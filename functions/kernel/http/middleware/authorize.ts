/** Refuses a caller whose role the operation does not allow, before anything of the input is read. */
import { ForbiddenError } from "../../../domain/errors";
import type { ApiMiddleware } from "../api-call";

export function authorize(): ApiMiddleware {
  return {
    before(request) {
      const { operation, principal } = request.context.api;
      if (!operation?.allow || !principal || operation.allow.includes(principal.role)) return;
      // Members read; a member asking to change anything is told the account is read-only.
      throw new ForbiddenError(principal.role === "member" ? "read_only" : "role");
    },
  };
}
