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

/** To the provider's sign-in; `prompt: "login"` asks for the credentials again even when it has a session. */
export async function oidcSignIn(
  identity: OidcIdentity,
  options: { readonly prompt?: "login" } = {},
): Promise<void> {
  await (await userManager(identity)).signinRedirect(options.prompt ? { prompt: options.prompt } : {});
}

/**
 * After the redirect back: from sign-in (`?code=…&state=…`) the bearer token; from the provider's
 * sign-out (`?state=…` alone) nothing, once its state is cleared; undefined when this is no callback.
 */
export async function oidcCallback(identity: OidcIdentity): Promise<string | undefined> {
  const params = new URLSearchParams(window.location.search);
  if (!params.has("state")) return undefined;
  const manager = await userManager(identity);
  const back = () => window.history.replaceState(null, "", window.location.pathname + window.location.hash);
  if (!params.has("code") && !params.has("error")) {
    await manager.signoutCallback().catch(() => undefined);
    back();
    return undefined;
  }
  const user = await manager.signinCallback();
  back();
  return identity.tokenUse === "access" ? user?.access_token : user?.id_token;
}

/**
 * Ends the provider's session too, so that the next sign-in asks who signs in: through its
 * end_session_endpoint (RP-initiated logout, with the ID token as hint) when its discovery names one,
 * else through config.json's `signOutUrl` (Cognito's /logout). Either leaves the page, and the
 * provider sends the browser back to the console. Without both, only the console's session ends.
 */
export async function oidcSignOut(identity: OidcIdentity): Promise<void> {
  const manager = await userManager(identity);
  const user = await manager.getUser();
  const endSession = await manager.metadataService.getEndSessionEndpoint().catch(() => undefined);
  if (endSession) {
    await manager.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
    return;
  }
  await manager.removeUser();
  if (identity.signOutUrl) window.location.assign(identity.signOutUrl);
}
