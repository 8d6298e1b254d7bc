/**
 * Who signs the staff in (decision 0025): a Cognito user pool of the stack's own (`cognito`, global
 * regions only), or an OpenID Connect issuer the county already has (`oidc`: Keycloak, Authing, a
 * WeCom/DingTalk login bridge), whose tokens the HTTP API's JWT authorizer checks by issuer and audience.
 *
 *   -c identity=oidc -c oidcIssuer=https://login.example.gov.cn/realms/cppcc -c oidcAudience=haoshangliang
 */
import { isChinaRegion } from "./regions";
import { SettingsError } from "./settings-error";

export type IdentitySettings =
  | { readonly provider: "cognito" }
  | {
      readonly provider: "oidc";
      /** The tokens' `iss`: an https URL whose `/.well-known/openid-configuration` API Gateway can fetch. */
      readonly issuer: string;
      /** Accepted `aud` (or `client_id`) values. */
      readonly audience: readonly string[];
    };

export const identityProviders = ["cognito", "oidc"] as const;

export const defaultIdentity: IdentitySettings = { provider: "cognito" };

const oidcExample = "-c identity=oidc -c oidcIssuer=https://<your issuer> -c oidcAudience=<client id>";

/** The identity settings from context; a SettingsError names the key that is missing or wrong. */
export function identityFromContext(
  text: (key: string) => string | undefined,
  list: (key: string) => readonly string[] | undefined,
): IdentitySettings | undefined {
  const provider = text("identity");
  const issuer = text("oidcIssuer");
  const audience = list("oidcAudience");
  if (!provider) {
    if (issuer || audience?.length) {
      throw new SettingsError(`oidcIssuer and oidcAudience need -c identity=oidc`);
    }
    return undefined;
  }
  if (provider === "cognito") {
    if (issuer || audience?.length) {
      throw new SettingsError("oidcIssuer and oidcAudience are for identity=oidc, not identity=cognito");
    }
    return { provider };
  }
  if (provider !== "oidc") {
    throw new SettingsError(`identity must be ${identityProviders.join(" or ")}, not ${provider}`);
  }
  return { provider, issuer: issuer ?? "", audience: audience ?? [] };
}

/** The identity checked on its own and against the stack's region (undefined when environment-agnostic). */
export function checkIdentity(identity: IdentitySettings, region: string | undefined): IdentitySettings {
  if (identity.provider === "cognito") {
    if (isChinaRegion(region)) {
      throw new SettingsError(
        `identity=cognito: Amazon Cognito user pools are not offered in the AWS China regions (${region}): ` +
          `choose ${oidcExample} (Keycloak, Authing, a WeCom/DingTalk login bridge)`,
      );
    }
    return identity;
  }
  if (!identity.issuer) throw new SettingsError(`identity=oidc needs -c oidcIssuer=https://<your issuer>`);
  let url: URL;
  try {
    url = new URL(identity.issuer);
  } catch {
    throw new SettingsError(`oidcIssuer "${identity.issuer}" is not a URL`);
  }
  // API Gateway fetches the discovery document and keys from the issuer over https only.
  if (url.protocol !== "https:" || url.search || url.hash) {
    throw new SettingsError(
      `oidcIssuer "${identity.issuer}" must be an https URL without query or fragment, exactly the tokens' iss`,
    );
  }
  if (identity.audience.length === 0) {
    throw new SettingsError("identity=oidc needs -c oidcAudience=<client id> (comma-separated for several)");
  }
  return identity;
}
