/**
 * What the API asks of a verified token beyond what the gateway checked (decision 0024): that it was
 * issued for this API (`aud`, or `client_id` on access tokens) and is the kind of token the county's
 * identity provider was configured to send (an ID or an access token). API Gateway's JWT authorizer
 * checks the audience too; the function checks again, so that the rules hold behind any gateway.
 */
import { ConfigurationError } from "../config";

export type TokenUse = "id" | "access";

export interface IdentityRules {
  /** Accepted audiences (IDENTITY_AUDIENCE, comma-separated); none set: the gateway's check alone. */
  readonly audiences: readonly string[];
  /** IDENTITY_TOKEN_USE; none set: any. */
  readonly tokenUse: TokenUse | undefined;
  /** Subjects that act as admin while they have no user record (BOOTSTRAP_ADMINS): the first sign-in. */
  readonly bootstrapAdmins: readonly string[];
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

export function readIdentityRules(env: NodeJS.ProcessEnv): IdentityRules {
  const tokenUse = env.IDENTITY_TOKEN_USE?.trim() || undefined;
  if (tokenUse !== undefined && tokenUse !== "id" && tokenUse !== "access") {
    throw new ConfigurationError(`IDENTITY_TOKEN_USE must be id or access, not ${tokenUse}`);
  }
  return {
    audiences: list(env.IDENTITY_AUDIENCE),
    tokenUse,
    bootstrapAdmins: list(env.BOOTSTRAP_ADMINS),
  };
}

type ClaimValue = string | number | boolean | string[] | undefined;

/** API Gateway hands list claims over as "[a b]"; a signed token or a test may give a real array. */
export function listClaim(value: ClaimValue): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  const inner = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return inner.split(/[\s,]+/).filter(Boolean);
}

/**
 * The token's use: Cognito writes `token_use`; Keycloak and others write `typ` ("ID", "Bearer");
 * an issuer that writes neither says nothing, and the audience check stands alone.
 */
export function tokenUseOf(claims: Readonly<Record<string, ClaimValue>>): TokenUse | undefined {
  const use = String(claims.token_use ?? "").toLowerCase();
  if (use === "id" || use === "access") return use;
  const typ = String(claims.typ ?? "").toLowerCase();
  if (typ === "id") return "id";
  if (typ === "bearer" || typ === "at+jwt") return "access";
  return undefined;
}

/** Why a token is not for this API, or undefined when it is. */
export function tokenProblem(
  claims: Readonly<Record<string, ClaimValue>>,
  rules: IdentityRules,
): string | undefined {
  if (rules.audiences.length > 0) {
    const audiences = [...listClaim(claims.aud), ...listClaim(claims.client_id)];
    if (!audiences.some((audience) => rules.audiences.includes(audience))) return "audience";
  }
  if (rules.tokenUse !== undefined) {
    const use = tokenUseOf(claims);
    if (use !== undefined && use !== rules.tokenUse) return "token_use";
  }
  return undefined;
}
