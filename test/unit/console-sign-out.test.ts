/**
 * The console's sign-out with OIDC (infra/console/src/auth/oidc.ts) ends the provider's session the
 * way the provider offers: its end_session_endpoint with the ID token as hint, else config.json's
 * `signOutUrl` (Cognito's hosted UI /logout), else only the console's own session.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OidcIdentity } from "../../infra/console/src/config-shape";

const provider = {
  endSession: undefined as string | undefined,
  signoutRedirect: vi.fn(async (_args?: unknown) => {}),
  removeUser: vi.fn(async () => {}),
};

vi.mock("oidc-client-ts", () => ({
  WebStorageStateStore: class {},
  UserManager: class {
    readonly metadataService = { getEndSessionEndpoint: async () => provider.endSession };
    getUser = async () => ({ id_token: "the-id-token" });
    signoutRedirect = provider.signoutRedirect;
    removeUser = provider.removeUser;
  },
}));

/**
 * Imported by a path the type checker does not follow: the module reads the browser's globals, which
 * this project's types leave out (the console's own tsconfig checks it).
 */
const oidcModule: string = "../../infra/console/src/auth/oidc";
const signOut = async (config: OidcIdentity) =>
  ((await import(oidcModule)) as { oidcSignOut: (identity: OidcIdentity) => Promise<void> }).oidcSignOut(
    config,
  );

const assign = vi.fn();
const identity: OidcIdentity = { kind: "oidc", authority: "https://sso.example.gov.cn", clientId: "console" };

beforeEach(() => {
  vi.stubGlobal("window", {
    location: { origin: "https://console.example", pathname: "/", search: "", assign },
    sessionStorage: {},
  });
  provider.endSession = undefined;
  provider.signoutRedirect.mockClear();
  provider.removeUser.mockClear();
  assign.mockClear();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("signing out of the console with OIDC", () => {
  it("goes through the provider's end-session endpoint with the ID token as hint", async () => {
    provider.endSession = "https://sso.example.gov.cn/logout";
    await signOut(identity);
    expect(provider.signoutRedirect).toHaveBeenCalledWith({ id_token_hint: "the-id-token" });
    expect(assign).not.toHaveBeenCalled();
  });

  it("goes to config.json's sign-out address when the provider names no end-session endpoint (Cognito)", async () => {
    const signOutUrl =
      "https://hsl-x.auth.ap-east-1.amazoncognito.com/logout?client_id=c&logout_uri=https://d/";
    await signOut({ ...identity, signOutUrl });
    expect(provider.removeUser).toHaveBeenCalled();
    expect(assign).toHaveBeenCalledWith(signOutUrl);
    expect(provider.signoutRedirect).not.toHaveBeenCalled();
  });

  it("ends only the console's session when the provider offers neither", async () => {
    await signOut(identity);
    expect(provider.removeUser).toHaveBeenCalled();
    expect(assign).not.toHaveBeenCalled();
  });
});
