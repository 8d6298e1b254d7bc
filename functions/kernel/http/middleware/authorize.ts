/** Refuses a caller whose role the operation does not allow, before anything of the input is read. */
import { ForbiddenError } from "../../../domain/errors";
import type { ApiMiddleware } from "../api-call";

const adminOnly = (allow: readonly string[]) => allow.length === 1 && allow[0] === "admin";

export function authorize(): ApiMiddleware {
  return {
    before(request) {
      const { operation, principal } = request.context.api;
      if (!operation?.allow || !principal || operation.allow.includes(principal.role)) return;
      // Members read; a member asking to change anything is told the account is read-only. Reading
      // what their role may not see, they are told that instead: they were not changing anything.
      const reading = /^(GET|HEAD) /.test(operation.route);
      if (reading) throw new ForbiddenError(adminOnly(operation.allow) ? "view_admin_only" : "view_role");
      throw new ForbiddenError(principal.role === "member" ? "read_only" : "role");
    },
  };
}
