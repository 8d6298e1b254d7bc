/** Optimistic concurrency at the edge: the version a client expects, from If-Match or the body. */
import { ValidationError } from "../../domain/errors";
import type { ApiRequest } from "./operation";

export function expectedVersion(request: ApiRequest, bodyVersion: number | undefined): number | undefined {
  const header = request.headers["if-match"];
  if (header === undefined || header.trim() === "*") return bodyVersion;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  const version = match?.[1] ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new ValidationError([{ field: "If-Match", code: "invalid_version", message: "invalid_version" }]);
  }
  return version;
}
