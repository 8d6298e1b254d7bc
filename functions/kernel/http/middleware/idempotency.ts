/**
 * `Idempotency-Key` on creates: the same key from the same caller within 24 hours answers the first
 * answer again and creates nothing; the same key with another request is 422; a request still
 * running under the key is 409 (try again in a moment). A request that fails lets its key go.
 */
import { createHash } from "node:crypto";
import { ConflictError, ValidationError } from "../../../domain/errors";
import { clock } from "../../clock";
import { logError } from "../../log";
import type { ApiMiddleware, ApiMiddyRequest } from "../api-call";
import { IdempotencyKeyReusedError } from "../error-response";
import { claimKey, completeKey, releaseKey } from "../idempotency/store";

const validKey = /^[\x21-\x7E]{1,128}$/;

/** The key of this request, when it is a create that sent one. */
function keyOf(request: ApiMiddyRequest): { subject: string; key: string } | undefined {
  const { operation, principal, request: api } = request.context.api;
  const key = api.headers["idempotency-key"];
  if (!operation?.idempotent || !principal || key === undefined) return undefined;
  if (!validKey.test(key)) {
    throw new ValidationError([
      { field: "Idempotency-Key", code: "invalid_idempotency_key", message: "invalid_idempotency_key" },
    ]);
  }
  return { subject: principal.subject, key };
}

function fingerprintOf(request: ApiMiddyRequest): string {
  const { request: api, body } = request.context.api;
  return createHash("sha256")
    .update(`${api.routeKey}\n${JSON.stringify(api.pathParameters)}\n${JSON.stringify(body ?? null)}`)
    .digest("base64url");
}

export function idempotency(): ApiMiddleware {
  const claimed = new WeakMap<object, { subject: string; key: string }>();
  return {
    async before(request) {
      const claim = keyOf(request);
      if (!claim) return undefined;
      const fingerprint = fingerprintOf(request);
      const held = await claimKey(
        claim.subject,
        claim.key,
        fingerprint,
        Math.floor(clock().now().getTime() / 1000),
      );
      if (!held) {
        claimed.set(request, claim);
        return undefined;
      }
      if (held.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      if (held.state !== "completed" || !held.answer) throw new ConflictError("request_in_progress");
      return { ...held.answer, headers: { ...held.answer.headers, "idempotent-replayed": "true" } };
    },
    async after(request) {
      const claim = claimed.get(request);
      const answer = request.response;
      if (!claim || !answer) return;
      const stored = {
        statusCode: answer.statusCode ?? 200,
        headers: Object.fromEntries(Object.entries(answer.headers ?? {}).map(([n, v]) => [n, String(v)])),
        ...(answer.body !== undefined ? { body: answer.body } : {}),
      };
      // The create has happened: its answer stands even if the record cannot be completed (a retry
      // with the key then meets "in progress" until the window ends, never a second create).
      await completeKey(claim.subject, claim.key, stored).catch((error: unknown) =>
        logError("an idempotency key could not be completed", { key: claim.key }, error),
      );
    },
    async onError(request) {
      const claim = claimed.get(request);
      if (!claim) return;
      await releaseKey(claim.subject, claim.key).catch((error: unknown) =>
        logError("an idempotency key could not be released", { key: claim.key }, error),
      );
    },
  };
}
