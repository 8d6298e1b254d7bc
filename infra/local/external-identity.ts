/**
 * The local stack signed in through a real OpenID provider instead of its own issuer (decision 0024's
 * addendum): a county's Keycloak or Authing on the developer's machine, or the browser tests'
 * oidc-provider. The gateway verifies that provider's tokens through its discovery document and JWKS,
 * the functions check its audience, and the console's config.json sends people to it (code + PKCE).
 * Users still come from the table; `bootstrapAdmins` lets the first admin in.
 */
import { UsageError } from "./cli";
import { json, type Reply } from "./gateway/response";

export interface ExternalIdentity {
  /** Exactly the tokens' `iss`; discovery at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** The console's client id at the provider: the tokens' `aud` (or `client_id`). */
  readonly audience: string;
  /** Subjects that act as admin while they have no user record (BOOTSTRAP_ADMINS). */
  readonly bootstrapAdmins: readonly string[];
}

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The issuer as given, when it is https, or plain http on this machine (a provider started beside
 * the stack). Anything else is a UsageError: tokens fetched over plain http from another host could
 * be forged on the way.
 */
export function localIssuerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--oidc-issuer must be a URL such as https://sso.example.gov.cn/realms/county, not "${value}"`,
    );
  }
  if (url.search || url.hash)
    throw new UsageError(`--oidc-issuer must have no query or fragment: "${value}"`);
  if (url.protocol === "https:") return value;
  if (url.protocol === "http:" && loopbackHosts.has(url.hostname)) return value;
  throw new UsageError(
    `--oidc-issuer must use https, or http only on this machine (127.0.0.1, localhost, [::1]), not "${value}"`,
  );
}

const subjectPattern = /^[\w.@|:+=-]{1,200}$/;

/** The command line's identity options; undefined for the stack's own issuer (`--identity local`, the default). */
export function externalIdentityOf(values: {
  readonly identity?: string | undefined;
  readonly "oidc-issuer"?: string | undefined;
  readonly "oidc-audience"?: string | undefined;
  readonly "bootstrap-admin"?: readonly string[] | undefined;
}): ExternalIdentity | undefined {
  const kind = values.identity ?? "local";
  const issuer = values["oidc-issuer"];
  const audience = values["oidc-audience"];
  const bootstrapAdmins = values["bootstrap-admin"] ?? [];
  if (kind === "local") {
    if (issuer || audience || bootstrapAdmins.length) {
      throw new UsageError(
        "--oidc-issuer, --oidc-audience and --bootstrap-admin apply only with --identity oidc",
      );
    }
    return undefined;
  }
  if (kind !== "oidc") throw new UsageError(`--identity must be local or oidc, not "${kind}"`);
  if (!issuer) throw new UsageError("--identity oidc needs --oidc-issuer, the provider's issuer URL");
  if (!audience) throw new UsageError("--identity oidc needs --oidc-audience, the console's client id there");
  for (const subject of bootstrapAdmins) {
    if (!subjectPattern.test(subject))
      throw new UsageError(`--bootstrap-admin: "${subject}" is not a token subject`);
  }
  return { issuer: localIssuerUrl(issuer), audience, bootstrapAdmins };
}

/**
 * The console's config.json with a provider: the API on the same origin, sign-in at the provider as
 * the console's client. It replaces the build's own (`{"kind": "local"}`).
 */
export function externalConsoleConfig(identity: ExternalIdentity): Reply {
  return json(
    200,
    { apiBase: "", identity: { kind: "oidc", authority: identity.issuer, clientId: identity.audience } },
    { "cache-control": "no-cache" },
  );
}
