/**
 * The input of an operation that has no caller: a public one (or none at all, when the route was
 * not found), which reads nothing but the request. Nothing of the path, query or body is validated.
 */
import type { ApiMiddleware, ApiMiddyRequest } from "../api-call";

export function setPublicInput(request: ApiMiddyRequest): void {
  const call = request.context.api;
  call.input = {
    request: call.request,
    principal: undefined as never,
    path: undefined,
    query: undefined,
    body: undefined,
  };
}

export function publicInput(): ApiMiddleware {
  return { before: setPublicInput };
}
