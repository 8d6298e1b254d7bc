/**
 * The HTTP API's JWT authorizer, locally: the bearer token verified by the gateway's verifier (the
 * local OIDC issuer's keys, found through its discovery document). A token verified once is
 * remembered until it expires (as API Gateway's authorizers cache their results), so that an RSA
 * verification — a millisecond and more — is not paid on every request of a client.
 */
import { type JWTPayload, errors as joseErrors } from "jose";
import type { TokenVerifier } from "./oidc-verifier";

export type Authorization = { ok: true; payload: Record<string, unknown> } | { ok: false; challenge: string };

/** Tokens remembered per verifier; the oldest is forgotten first beyond this many. */
const cacheLimit = 1_000;
const verifiedTokens = new WeakMap<TokenVerifier, Map<string, JWTPayload>>();

function remembered(verifier: TokenVerifier, token: string): JWTPayload | undefined {
  const cache = verifiedTokens.get(verifier);
  const payload = cache?.get(token);
  if (!payload) return undefined;
  // `exp` is required when verifying; past it the token is verified again (and refused as expired).
  if ((payload.exp ?? 0) * 1000 <= Date.now()) {
    cache?.delete(token);
    return undefined;
  }
  return payload;
}

function remember(verifier: TokenVerifier, token: string, payload: JWTPayload): void {
  const cache = verifiedTokens.get(verifier) ?? new Map<string, JWTPayload>();
  verifiedTokens.set(verifier, cache);
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value ?? "");
  cache.set(token, payload);
}

async function verified(token: string, verifier: TokenVerifier): Promise<JWTPayload> {
  const known = remembered(verifier, token);
  if (known) return known;
  const payload = await verifier(token);
  remember(verifier, token, payload);
  return payload;
}

/** The JWT authorizer: the Authorization header holds the token, with or without "Bearer ". */
export async function authorize(header: string | undefined, verifier: TokenVerifier): Promise<Authorization> {
  const token = header?.trim().replace(/^bearer\s+/i, "");
  if (!token) return { ok: false, challenge: "Bearer" };
  try {
    // The gateway turns the claims into a fresh object of strings for each event: the cached payload is never handed out.
    return { ok: true, payload: await verified(token, verifier) };
  } catch (error) {
    const description =
      error instanceof joseErrors.JWTExpired ? "the token has expired" : "the token could not be verified";
    return {
      ok: false,
      challenge: `Bearer scope="" error="invalid_token" error_description="${description}"`,
    };
  }
}
