/** The caller, from the token the JWT authorizer verified and their user record; public operations need none. */
import { UnauthenticatedError } from "../../../domain/errors";
import type { ApiMiddleware } from "../api-call";
import { resolvePrincipal } from "../principal";

export function authenticate(): ApiMiddleware {
  return {
    async before(request) {
      if (request.context.api.operation?.auth !== "jwt") return;
      const claims = request.event.requestContext.authorizer?.jwt?.claims;
      if (!claims) throw new UnauthenticatedError();
      request.context.api.principal = await resolvePrincipal(claims);
    },
  };
}
