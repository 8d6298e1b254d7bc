/** The caller, from the claims the JWT authorizer verified; public operations need none. */
import { ForbiddenError, UnauthenticatedError } from "../../../domain/errors";
import type { ApiMiddleware } from "../api-call";
import { principalFromClaims } from "../principal";

export function authenticate(): ApiMiddleware {
  return {
    before(request) {
      if (request.context.api.operation?.auth !== "jwt") return;
      const claims = request.event.requestContext.authorizer?.jwt?.claims;
      if (!claims) throw new UnauthenticatedError();
      const principal = principalFromClaims(claims);
      if (!principal) throw new ForbiddenError("role");
      request.context.api.principal = principal;
    },
  };
}
