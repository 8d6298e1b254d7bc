/**
 * A real OpenID provider for the console's browser tests: panva's oidc-provider (OpenID certified),
 * on a free loopback port, with the console as a public client (code + PKCE, no secret) and its
 * development login page, where any login name becomes the token's `sub`. The console signs in there
 * and out again through its end-session endpoint, as it would with Keycloak or Authing.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export const consoleClientId = "haoshangliang-console";

export interface TestProvider {
  /** `http://127.0.0.1:<port>`: its tokens' `iss`. */
  readonly issuer: string;
  /** Starts answering, with the console at `consoleUrl` as its client's redirect and post-logout address. */
  serve(consoleUrl: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The console is the county's own application: the provider asks who signs in, not whether the
 * console may know it (no consent page), as a county's provider is set up for its own console.
 */
async function firstPartyGrant(ctx: KoaContextWithOIDC) {
  const { client, session } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const existing = session.grantIdFor(client.clientId);
  if (existing) return await ctx.oidc.provider.Grant.find(existing);
  const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  grant.addOIDCScope("openid profile");
  await grant.save();
  return grant;
}

async function providerFor(issuer: string, consoleUrl: string): Promise<Provider> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const key = { ...(await exportJWK(privateKey)), kid: "test-1", alg: "RS256", use: "sig" };
  return new Provider(issuer, {
    clients: [
      {
        client_id: consoleClientId,
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code"],
        response_types: ["code"],
        redirect_uris: [consoleUrl],
        post_logout_redirect_uris: [consoleUrl],
      },
    ],
    jwks: { keys: [key] },
    cookies: { keys: ["console-test-cookie-key"] },
    pkce: { required: () => true },
    claims: { openid: ["sub"], profile: ["name"] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, name: sub }) }),
    loadExistingGrant: firstPartyGrant,
    // Set, so that the provider does not warn about its defaults on every run.
    ttl: { AccessToken: 600, IdToken: 3600, Interaction: 600, Grant: 3600, Session: 3600 },
    clientBasedCORS: (_ctx, origin, client) =>
      client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  });
}

/** Listens on a free loopback port now (the stack must know the issuer); serves once told the console's URL. */
export async function listenForProvider(): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    async serve(consoleUrl) {
      const provider = await providerFor(issuer, consoleUrl);
      server.on("request", provider.callback());
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
