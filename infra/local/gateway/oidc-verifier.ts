/**
 * Verifies bearer tokens as API Gateway's JWT authorizer does with any OIDC issuer: the issuer's
 * discovery document names its JWKS, whose keys check the signature (RS256); then the issuer, expiry
 * and not-before, and the audience — `aud`, or `client_id` on access tokens — against those allowed.
 */
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

export interface OidcVerifierOptions {
  /** The issuer's URL: its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly audiences: readonly string[];
}

export class TokenAudienceError extends Error {}

async function jwksUri(issuer: string): Promise<URL> {
  const response = await fetch(`${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the issuer's discovery document answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer) {
    throw new Error(`the discovery document names issuer ${String(document.issuer)}, not ${issuer}`);
  }
  if (typeof document.jwks_uri !== "string") throw new Error("the discovery document names no jwks_uri");
  return new URL(document.jwks_uri);
}

const listOf = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];

export function oidcVerifier(options: OidcVerifierOptions): TokenVerifier {
  let keySet: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keys = () => {
    keySet ??= jwksUri(options.issuer).then((uri) => createRemoteJWKSet(uri));
    // A failed discovery is tried again on the next token, not remembered.
    keySet.catch(() => {
      keySet = undefined;
    });
    return keySet;
  };
  return async (token) => {
    const { payload } = await jwtVerify(token, await keys(), {
      issuer: options.issuer,
      algorithms: ["RS256"],
      requiredClaims: ["exp", "sub"],
    });
    const audiences = [...listOf(payload.aud), ...listOf(payload.client_id)];
    if (!audiences.some((audience) => options.audiences.includes(audience))) {
      throw new TokenAudienceError("the token is not for this API (aud / client_id)");
    }
    return payload;
  };
}
