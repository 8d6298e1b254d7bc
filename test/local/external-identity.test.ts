/**
 * The local stack trusting another OpenID provider (`npm start -- --identity oidc …`): which issuers
 * it accepts (https, or plain http only on this machine), and a gateway that verifies that provider's
 * tokens through its discovery document and JWKS, refuses the stack's own, and hands the console a
 * config.json that names the provider.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/console/src/config-shape";
import { UsageError } from "../../infra/local/cli";
import {
  externalConsoleConfig,
  externalIdentityOf,
  localIssuerUrl,
} from "../../infra/local/external-identity";
import { type Gateway, startGateway } from "../../infra/local/gateway";
import { generateKeys, type LocalKeys, withIssuer } from "../../infra/local/keys";
import { issuerDocument } from "../../infra/local/oidc-issuer";
import { signToken } from "../../infra/local/token";

describe("the provider's issuer", () => {
  it.each([
    "https://sso.example.gov.cn/realms/county",
    "http://127.0.0.1:8080",
    "http://localhost:8080/realms/county",
    "http://[::1]:9000",
  ])("accepts %s", (issuer) => {
    expect(localIssuerUrl(issuer)).toBe(issuer);
  });

  it.each([
    ["http://sso.example.gov.cn", /http only on this machine/],
    ["http://10.0.0.5:8080", /http only on this machine/],
    ["ftp://127.0.0.1", /must use https/],
    ["https://sso.example.gov.cn/?realm=x", /no query/],
    ["sso.example.gov.cn", /must be a URL/],
  ])("refuses %s", (issuer, message) => {
    expect(() => localIssuerUrl(issuer)).toThrow(message);
    expect(() => localIssuerUrl(issuer)).toThrow(UsageError);
  });
});

describe("the command line's identity options", () => {
  it("keep the stack's own issuer by default, and refuse provider options without --identity oidc", () => {
    expect(externalIdentityOf({})).toBeUndefined();
    expect(() => externalIdentityOf({ "oidc-issuer": "https://sso.example.gov.cn" })).toThrow(
      /only with --identity oidc/,
    );
  });

  it("need the issuer and the client id with --identity oidc", () => {
    expect(() => externalIdentityOf({ identity: "oidc", "oidc-audience": "c" })).toThrow(/--oidc-issuer/);
    expect(() => externalIdentityOf({ identity: "oidc", "oidc-issuer": "http://127.0.0.1:1" })).toThrow(
      /--oidc-audience/,
    );
    expect(() => externalIdentityOf({ identity: "keycloak" })).toThrow(/local or oidc/);
  });

  it("name the provider, the client and the first admins", () => {
    expect(
      externalIdentityOf({
        identity: "oidc",
        "oidc-issuer": "http://127.0.0.1:8080",
        "oidc-audience": "console",
        "bootstrap-admin": ["office-wang"],
      }),
    ).toEqual({ issuer: "http://127.0.0.1:8080", audience: "console", bootstrapAdmins: ["office-wang"] });
    expect(() =>
      externalIdentityOf({
        identity: "oidc",
        "oidc-issuer": "http://127.0.0.1:8080",
        "oidc-audience": "console",
        "bootstrap-admin": ["not a subject"],
      }),
    ).toThrow(/not a token subject/);
  });
});

describe("a gateway that trusts another provider", () => {
  let providerKeys: LocalKeys;
  let provider: Server;
  let gateway: Gateway;

  beforeAll(async () => {
    const generated = await generateKeys();
    provider = createServer((request, response) => {
      void issuerDocument(
        request.method ?? "GET",
        request.url ?? "/",
        providerKeys.issuer,
        providerKeys,
      ).then((document) => {
        response.writeHead(document ? 200 : 404, { "content-type": "application/json" });
        response.end(JSON.stringify(document ?? {}));
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    providerKeys = { ...withIssuer(generated, issuer), audience: "county-console" };
    const identity = { issuer, audience: "county-console", bootstrapAdmins: [] };
    gateway = await startGateway({
      keys: await generateKeys(),
      oidc: {},
      trust: { issuer, audiences: [identity.audience] },
      port: 0,
      errorLog: () => {},
      localRoutes: async (_request, path) =>
        path === "/config.json" ? externalConsoleConfig(identity) : undefined,
      handler: async () => ({ statusCode: 200, body: "{}" }),
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await new Promise((resolve) => provider?.close(resolve));
  });

  const stations = (token: string) =>
    fetch(`${gateway.url}/stations`, { headers: { authorization: `Bearer ${token}` } });

  it("lets the provider's tokens through, found through its discovery document", async () => {
    const response = await stations(await signToken({ role: "admin", subject: "office-wang" }, providerKeys));
    expect(response.status).toBe(200);
  });

  it("refuses tokens of the stack's own issuer, and the provider's for another client", async () => {
    const own = await signToken({ role: "admin" }, withIssuer(await generateKeys(), gateway.url));
    expect((await stations(own)).status).toBe(401);
    const otherClient = await signToken({ role: "admin" }, { ...providerKeys, audience: "another-app" });
    expect((await stations(otherClient)).status).toBe(401);
  });

  it("does not act as an issuer itself", async () => {
    expect((await fetch(`${gateway.url}/.well-known/openid-configuration`)).status).toBe(404);
  });

  it("gives the console a config.json that signs in at the provider", async () => {
    const config = parseConfig(await (await fetch(`${gateway.url}/config.json`)).json());
    expect(config).toEqual({
      apiBase: "",
      identity: { kind: "oidc", authority: providerKeys.issuer, clientId: "county-console" },
    });
  });
});
