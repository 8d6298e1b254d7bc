/**
 * Who signs the tokens the API accepts (decision 0024): the stack's own Cognito user pool, or the
 * county's OpenID Connect provider (Keycloak, Authing, a WeCom or DingTalk login bridge…) — the
 * only choice in AWS's China regions, which have no Cognito user pools. Either way the API reads the
 * caller's role and stations from its user record, not from the token.
 *
 * Context keys: `identity` (cognito | oidc), `oidcIssuer`, `oidcAudience`, `tokenUse` (id | access),
 * `bootstrapAdmins` (subjects that act as admin until they have a user record).
 */
import { isChinaRegion } from "./regions";
import { SettingsError } from "./settings-error";

export type TokenUse = "id" | "access";

interface CommonIdentity {
  /** The token the client sends: an ID token (default) or an access token. */
  readonly tokenUse: TokenUse;
  /** Token subjects that act as admin while they have no user record: the county office's first sign-in. */
  readonly bootstrapAdmins: readonly string[];
}

export type IdentitySettings =
  | (CommonIdentity & { readonly provider: "cognito" })
  | (CommonIdentity & {
      readonly provider: "oidc";
      /** The issuer's URL, exactly as its tokens' `iss` (discovery at `<issuer>/.well-known/openid-configuration`). */
      readonly issuer: string;
      /** The client ids the tokens are issued for (`aud`, or `client_id` on access tokens). */
      readonly audiences: readonly string[];
    });

export const defaultIdentity: IdentitySettings = { provider: "cognito", tokenUse: "id", bootstrapAdmins: [] };

/** The raw context values, each a string or a list (a list from cdk.json, a comma-separated string from -c). */
export interface IdentityContext {
  readonly identity?: string | undefined;
  readonly oidcIssuer?: string | undefined;
  readonly oidcAudience?: readonly string[] | undefined;
  readonly tokenUse?: string | undefined;
  readonly bootstrapAdmins?: readonly string[] | undefined;
}

function issuerUrl(value: string | undefined): string {
  if (!value)
    throw new SettingsError(
      "identity=oidc needs oidcIssuer, the issuer's URL (https://…, as in its tokens' iss)",
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingsError(
      `oidcIssuer must be a URL such as https://sso.example.gov.cn/realms/county, not "${value}"`,
    );
  }
  if (url.protocol !== "https:")
    throw new SettingsError(`oidcIssuer must use https (API Gateway fetches its keys), not "${value}"`);
  if (url.search || url.hash)
    throw new SettingsError(`oidcIssuer must have no query or fragment: "${value}"`);
  return value;
}

const subjectPattern = /^[\w.@|:+=-]{1,200}$/;

export function resolveIdentity(context: IdentityContext): IdentitySettings {
  const provider = context.identity || "cognito";
  const tokenUse = context.tokenUse || "id";
  if (tokenUse !== "id" && tokenUse !== "access") {
    throw new SettingsError(`tokenUse must be id or access, not "${tokenUse}"`);
  }
  const bootstrapAdmins = [...(context.bootstrapAdmins ?? [])];
  for (const subject of bootstrapAdmins) {
    if (!subjectPattern.test(subject))
      throw new SettingsError(`bootstrapAdmins: "${subject}" is not a token subject`);
  }
  const common = { tokenUse, bootstrapAdmins } as const;
  if (provider === "cognito") {
    if (context.oidcIssuer || context.oidcAudience?.length) {
      throw new SettingsError("oidcIssuer and oidcAudience apply only with identity=oidc");
    }
    return { provider, ...common };
  }
  if (provider !== "oidc") throw new SettingsError(`identity must be cognito or oidc, not "${provider}"`);
  const audiences = [...(context.oidcAudience ?? [])];
  if (audiences.length === 0) {
    throw new SettingsError(
      "identity=oidc needs oidcAudience, the client id(s) the county's provider issues tokens for",
    );
  }
  return { provider, issuer: issuerUrl(context.oidcIssuer), audiences, ...common };
}

/** The identity against the stack's region (undefined when environment-agnostic): China has no Cognito. */
export function checkIdentityInRegion(
  identity: IdentitySettings,
  region: string | undefined,
): IdentitySettings {
  if (identity.provider === "cognito" && isChinaRegion(region)) {
    throw new SettingsError(
      `identity=cognito: Amazon Cognito user pools are not offered in the AWS China regions (${region}): ` +
        "choose -c identity=oidc -c oidcIssuer=https://<your issuer> -c oidcAudience=<client id> " +
        "(Keycloak, Authing, a WeCom/DingTalk login bridge)",
    );
  }
  return identity;
}
