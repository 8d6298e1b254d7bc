/** Maps typed failures to HTTP answers in the caller's language; nothing internal leaks out. */
import {
  ConflictError,
  type FieldProblem,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ThrottledError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from "../../domain/errors";
import type { Language } from "../../domain/registry/members";
import { isMessageKey, type MessageKey, message } from "./messages";
import type { ApiResponse } from "./operation";

/** The Idempotency-Key was used for another request within its window. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = "IdempotencyKeyReusedError";
}

export class RequestFormatError extends Error {
  constructor(readonly kind: "invalid_json" | "unsupported_media_type") {
    super(kind);
  }
}

interface ErrorBody {
  readonly code: string;
  /** On a version conflict: the version the client should reload. */
  readonly currentVersion?: number;
  readonly key: MessageKey;
  readonly params?: Record<string, string | number>;
  readonly details?: readonly FieldProblem[];
}

function describe(
  error: unknown,
): { status: number; body: ErrorBody; headers?: Record<string, string> } | undefined {
  if (error instanceof ValidationError) {
    const fields = [...new Set(error.problems.map((p) => p.field || "body"))].join(", ");
    const problems = error.problems.map((p) => (p.field ? p : { ...p, field: "body" }));
    return {
      status: 400,
      body: {
        code: "validation_failed",
        key: "validation_failed",
        params: { fields },
        details: problems,
      },
    };
  }
  if (error instanceof RequestFormatError) {
    return { status: error.kind === "invalid_json" ? 400 : 415, body: { code: error.kind, key: error.kind } };
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return { status: 422, body: { code: "idempotency_key_reused", key: "idempotency_key_reused" } };
  }
  if (error instanceof UnauthenticatedError)
    return { status: 401, body: { code: "unauthorized", key: "unauthorized" } };
  if (error instanceof ForbiddenError) {
    return { status: 403, body: { code: "forbidden", key: `forbidden_${error.reason}` } };
  }
  if (error instanceof NotFoundError) {
    return { status: 404, body: { code: "not_found", key: `not_found_${error.resource}` } };
  }
  if (error instanceof ConflictError) {
    const key: MessageKey = error.reason;
    return {
      status: 409,
      body: {
        code: error.reason,
        key,
        currentVersion: error.currentVersion,
        details: error.problems.length ? error.problems : undefined,
      },
      headers: error.currentVersion
        ? { etag: `"${error.currentVersion}"` }
        : error.reason === "request_in_progress"
          ? { "retry-after": "1" }
          : undefined,
    };
  }
  if (error instanceof PayloadTooLargeError) {
    return {
      status: 413,
      body: { code: "payload_too_large", key: "payload_too_large", params: { limit: error.limitBytes } },
    };
  }
  if (error instanceof UnavailableError) {
    return {
      status: 503,
      body: { code: "service_unavailable", key: error.reason },
      headers: { "retry-after": "5" },
    };
  }
  if (error instanceof ThrottledError) {
    return {
      status: 429,
      body: { code: "too_many_requests", key: "too_many_requests" },
      headers: { "retry-after": "1" },
    };
  }
  return undefined;
}

export function errorResponse(error: unknown, language: Language, requestId: string): ApiResponse {
  const known = describe(error);
  const { status, body, headers } = known ?? {
    status: 500,
    body: { code: "internal_error", key: "internal_error" as const },
  };
  return {
    status,
    headers,
    body: {
      error: {
        code: body.code,
        message: message(body.key, language, body.params),
        requestId,
        ...(body.currentVersion !== undefined ? { currentVersion: body.currentVersion } : {}),
        details: body.details?.map((problem) => ({
          field: problem.field,
          code: problem.code,
          message: isMessageKey(problem.message)
            ? message(problem.message, language, problem.params)
            : problem.message,
        })),
      },
    },
  };
}

export const isServerError = (error: unknown) => describe(error) === undefined;
