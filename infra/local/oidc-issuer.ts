/**
 * The local stack as an OpenID Connect issuer (decision 0024): the discovery document and the JWKS
 * any OIDC client reads, served beside the API. The local gateway finds the signing keys through
 * them, exactly as it would for Keycloak, Authing or Cognito, and `npm run token` signs with the
 * matching private key.
 */
import type { LocalKeys } from "./keys";
import { localAlgorithm, publicJwks } from "./keys";

export const discoveryPath = "/.well-known/openid-configuration";
export const jwksPath = "/.well-known/jwks.json";

/** The parts of an OIDC discovery document the API's verifiers read. */
export interface DiscoveryDocument {
  readonly issuer: string;
  readonly jwks_uri: string;
  readonly id_token_signing_alg_values_supported: readonly string[];
  readonly response_types_supported: readonly string[];
  readonly subject_types_supported: readonly string[];
  readonly claims_supported: readonly string[];
}

export function discoveryDocument(issuer: string): DiscoveryDocument {
  return {
    issuer,
    jwks_uri: `${issuer}${jwksPath}`,
    id_token_signing_alg_values_supported: [localAlgorithm],
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    claims_supported: ["sub", "name", "aud", "iss", "exp", "iat", "token_use"],
  };
}

/** The issuer's answer to a GET of one of its documents, or undefined for any other path. */
export async function issuerDocument(
  method: string,
  path: string,
  issuer: string,
  keys: LocalKeys,
): Promise<unknown> {
  if (method !== "GET") return undefined;
  if (path === discoveryPath) return discoveryDocument(issuer);
  if (path === jwksPath) return await publicJwks(keys);
  return undefined;
}
