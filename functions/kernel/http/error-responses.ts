/** The error answers operations document, so that every operation lists its 4xx cases. */
import type { ResponseSpec } from "./operation";

const descriptions: Record<number, string> = {
  400: "Invalid input; `details` names each failing field",
  401: "Missing or invalid token",
  403: "The caller's role may not do this",
  404: "Not found, or not visible to the caller",
  409: "Version conflict or duplicate",
  413: "Request body too large",
  429: "Too many requests",
  503: "A service it depends on is down for now; nothing was changed, retry after `Retry-After`",
};

export function commonErrors(...statuses: number[]): ResponseSpec[] {
  return [...new Set([...statuses, 401, 429])].map((status) => ({
    status,
    description: descriptions[status] ?? "Error",
    schema: "Error",
  }));
}
