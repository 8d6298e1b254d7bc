/**
 * Sign-in on AWS: OIDC authorization code with PKCE (oidc-client-ts), from config.json's identity.
 * Loaded only when configured, so the local build's first load does not carry it. The bearer token is
 * the one the API checks (config.json's `tokenUse`): the ID token unless it says `access`.
 */
import type { OidcIdentity } from "../config";

async function userManager(identity: OidcIdentity) {
  const { UserManager, WebStorageStateStore } = await import("oidc-client-ts");
  const here = `${window.location.origin}${window.location.pathname}`;
  return new UserManager({
    authority: identity.authority,
    client_id: identity.clientId,
    redirect_uri: identity.redirectUri ?? here,
    post_logout_redirect_uri: here,
    response_type: "code",
    scope: identity.scope ?? "openid profile",
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

export async function oidcSignIn(identity: OidcIdentity): Promise<void> {
  await (await userManager(identity)).signinRedirect();
}

/** After the redirect back (`?code=…&state=…`): the bearer token, or undefined when this is no callback. */
export async function oidcCallback(identity: OidcIdentity): Promise<string | undefined> {
  const params = new URLSearchParams(window.location.search);
  if (!params.has("code") || !params.has("state")) return undefined;
  const user = await (await userManager(identity)).signinCallback();
  window.history.replaceState(null, "", window.location.pathname + window.location.hash);
  return identity.tokenUse === "access" ? user?.access_token : user?.id_token;
}
