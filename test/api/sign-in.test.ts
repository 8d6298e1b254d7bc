/**
 * The local stack signs in as an OIDC issuer would (decision 0024): it serves a discovery document
 * and a JWKS at its own URL, and its gateway verifies tokens through them — the path API Gateway
 * takes with Cognito or any county provider. The token's audience and use are checked as configured.
 */
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { localAlgorithm } from "../../infra/local/keys";
import { type Api, expectApiError, startApi } from "./harness";

let api: Api;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

/** A token like the local issuer's for the local admin, with one thing changed. */
async function variant(change: { audience?: string; tokenUse?: string; issuer?: string; clientId?: string }) {
  const { keys } = api.stack;
  const claims: Record<string, unknown> = { token_use: change.tokenUse ?? "id" };
  if (change.clientId) claims.client_id = change.clientId;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: localAlgorithm, kid: keys.kid })
    .setSubject("local-admin")
    .setIssuer(change.issuer ?? keys.issuer)
    .setExpirationTime("1h");
  if (change.audience !== "") jwt.setAudience(change.audience ?? keys.audience);
  return await jwt.sign(keys.privateKey);
}

describe("the local OIDC issuer", () => {
  it("serves a discovery document naming itself as issuer and its JWKS", async () => {
    const reply = await api.get("/.well-known/openid-configuration", { token: null });
    expect(reply.status).toBe(200);
    const document = reply.json<{
      issuer: string;
      jwks_uri: string;
      id_token_signing_alg_values_supported: string[];
    }>();
    expect(document.issuer).toBe(api.stack.apiUrl);
    expect(document.issuer).toBe(api.stack.keys.issuer);
    expect(document.jwks_uri).toBe(`${api.stack.apiUrl}/.well-known/jwks.json`);
    expect(document.id_token_signing_alg_values_supported).toEqual(["RS256"]);

    const jwks = (await api.get("/.well-known/jwks.json", { token: null })).json<{
      keys: Record<string, string>[];
    }>();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", kid: api.stack.keys.kid, alg: "RS256", use: "sig" });
    expect(jwks.keys[0]).not.toHaveProperty("d");
  });

  it("accepts its own tokens through that path", async () => {
    expect((await api.get("/stations", { token: await variant({}) })).status).toBe(200);
  });

  it("refuses a token signed by a key its JWKS does not hold, even under the same kid", async () => {
    const { privateKey } = await generateKeyPair(localAlgorithm);
    const token = await new SignJWT({ token_use: "id" })
      .setProtectedHeader({ alg: localAlgorithm, kid: api.stack.keys.kid })
      .setSubject("local-admin")
      .setIssuer(api.stack.keys.issuer)
      .setAudience(api.stack.keys.audience)
      .setExpirationTime("1h")
      .sign(privateKey);
    expect((await api.get("/stations", { token })).status).toBe(401);
  });

  it("refuses a token of another issuer", async () => {
    expect(
      (await api.get("/stations", { token: await variant({ issuer: "https://elsewhere.example" }) })).status,
    ).toBe(401);
  });
});

describe("the token's audience and use", () => {
  it("refuses a token for another audience, or for none, at the gateway", async () => {
    for (const token of [await variant({ audience: "another-app" }), await variant({ audience: "" })]) {
      const reply = await api.get("/stations", { token });
      expect(reply.status).toBe(401);
      expect(reply.headers.get("www-authenticate")).toMatch(/invalid_token/);
    }
  });

  it("takes an access token's client_id as its audience, as API Gateway does", async () => {
    const idToken = await variant({ audience: "", clientId: api.stack.keys.audience });
    expect((await api.get("/stations", { token: idToken })).status).toBe(200);
    // An access token passes the gateway too; the function refuses it (the API's error shape, not the gateway's).
    const accessToken = await variant({
      audience: "",
      clientId: api.stack.keys.audience,
      tokenUse: "access",
    });
    const reply = await api.get("/stations", { token: accessToken });
    expectApiError(reply, 401, "unauthorized");
    expect(reply.headers.get("www-authenticate") ?? "").not.toMatch(/invalid_token/);
  });

  it("refuses an access token where ID tokens are configured", async () => {
    expectApiError(
      await api.get("/stations", { token: await variant({ tokenUse: "access" }) }),
      401,
      "unauthorized",
    );
  });
});
