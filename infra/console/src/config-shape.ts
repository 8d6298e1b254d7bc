/**
 * The console's settings, read from `config.json` beside index.html at start: where the API is and
 * how people sign in. The same build serves every deployment; only this file differs. No browser
 * APIs here: the tests check the stack's generated config.json against this shape.
 */
export interface LocalIdentity {
  /** `npm start`: pick a demo user; the local runtime signs the token (GET/POST /local/...). */
  readonly kind: "local";
}

export interface OidcIdentity {
  /** OIDC authorization code with PKCE (e.g. Cognito's hosted UI). */
  readonly kind: "oidc";
  readonly authority: string;
  readonly clientId: string;
  /** Default: the console's own address. */
  readonly redirectUri?: string;
  /** Default "openid profile". */
  readonly scope?: string;
  /** The token the API checks (its `tokenUse` setting): the ID token (default) or the access token. */
  readonly tokenUse?: "id" | "access";
  /**
   * Where sign-out ends the provider's session when its discovery names no end_session_endpoint
   * (Cognito: `https://<domain>/logout?client_id=…&logout_uri=…`). Without either, sign-out ends
   * only the console's session.
   */
  readonly signOutUrl?: string;
}

export interface ConsoleConfig {
  /** The API's base URL; "" means the same origin as the console. */
  readonly apiBase: string;
  readonly identity: LocalIdentity | OidcIdentity;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Checks config.json's shape; throws with what is wrong so a bad deployment says why. */
export function parseConfig(value: unknown): ConsoleConfig {
  if (!isRecord(value)) throw new Error("config.json: not an object");
  const apiBase = value.apiBase ?? "";
  if (typeof apiBase !== "string") throw new Error("config.json: apiBase must be a string");
  const identity = value.identity;
  if (!isRecord(identity)) throw new Error("config.json: identity must be an object");
  if (identity.kind === "local") return { apiBase: apiBase.replace(/\/$/, ""), identity: { kind: "local" } };
  if (identity.kind === "oidc") {
    const { authority, clientId, redirectUri, scope, tokenUse, signOutUrl } = identity;
    if (typeof authority !== "string" || typeof clientId !== "string") {
      throw new Error("config.json: identity.authority and identity.clientId are required for oidc");
    }
    return {
      apiBase: apiBase.replace(/\/$/, ""),
      identity: {
        kind: "oidc",
        authority,
        clientId,
        ...(typeof redirectUri === "string" ? { redirectUri } : {}),
        ...(typeof scope === "string" ? { scope } : {}),
        ...(tokenUse === "id" || tokenUse === "access" ? { tokenUse } : {}),
        ...(typeof signOutUrl === "string" && /^https:\/\//.test(signOutUrl) ? { signOutUrl } : {}),
      },
    };
  }
  throw new Error('config.json: identity.kind must be "local" or "oidc"');
}
