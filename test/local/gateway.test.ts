import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimNames } from "../../functions/kernel/http/claims";
import { type Gateway, startGateway } from "../../infra/local/gateway";
import type { GatewayEvent } from "../../infra/local/gateway/event";
import { generateKeys, type LocalKeys } from "../../infra/local/keys";
import { signToken } from "../../infra/local/token";

type Behaviour = (event: GatewayEvent) => Promise<unknown>;

const defaultBehaviour: Behaviour = async () => ({
  statusCode: 200,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ ok: true }),
});

let keys: LocalKeys;
let otherKeys: LocalKeys;
let gateway: Gateway;
const calls: GatewayEvent[] = [];
let behaviour: Behaviour = defaultBehaviour;

beforeAll(async () => {
  keys = await generateKeys();
  otherKeys = await generateKeys();
  gateway = await startGateway({
    keys,
    port: 0,
    bodyLimitBytes: 1024,
    errorLog: () => {},
    async handler(event) {
      calls.push(event);
      return await behaviour(event);
    },
  });
});

afterAll(async () => {
  await gateway?.close();
});

beforeEach(() => {
  calls.length = 0;
  behaviour = defaultBehaviour;
});

const url = (path: string) => `${gateway.url}${path}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const jwtEvent = (event: GatewayEvent | undefined) => event as APIGatewayProxyEventV2WithJWTAuthorizer;

describe("JWT authorizer", () => {
  it("answers 401 without calling the function when the token is missing", async () => {
    const response = await fetch(url("/stations"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Unauthorized" });
    expect(calls).toHaveLength(0);
  });

  it.each([
    ["garbage", async () => "not.a.jwt"],
    ["signed by another key", async () => signToken({ role: "admin" }, otherKeys)],
    ["expired", async () => signToken({ role: "admin", expiresIn: "-1m" }, keys)],
    [
      "from another issuer",
      async () =>
        new SignJWT({ [claimNames.groups]: ["admin"] })
          .setProtectedHeader({ alg: "RS256" })
          .setSubject("x")
          .setIssuer("urn:someone-else")
          .setAudience(keys.audience)
          .setExpirationTime("1h")
          .sign(keys.privateKey),
    ],
  ])("answers 401 without calling the function for a token %s", async (_name, token) => {
    const response = await fetch(url("/stations"), { headers: bearer(await token()) });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Unauthorized" });
    expect(calls).toHaveLength(0);
  });

  it("lets a valid token through and passes its claims as strings, as API Gateway does", async () => {
    const token = await signToken(
      { role: "staff", stationIds: ["S1", "S2"], subject: "user-1", name: "演示" },
      keys,
    );
    const response = await fetch(url("/stations/S1"), { headers: bearer(token) });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    const authorizer = jwtEvent(calls[0]).requestContext.authorizer;
    expect(authorizer.jwt.claims[claimNames.subject]).toBe("user-1");
    expect(authorizer.jwt.claims.token_use).toBe("id");
    expect(authorizer.jwt.claims[claimNames.name]).toBe("演示");
    expect(authorizer.jwt.claims.exp).toMatch(/^\d+$/);
    expect(authorizer.jwt.claims.iat).toMatch(/^\d+$/);
    expect(authorizer.jwt.scopes).toBeNull();
  });

  it("remembers a verified token only until it expires: then 401, however often it was accepted", async () => {
    const token = await signToken({ role: "admin", expiresIn: "2s" }, keys);
    for (let i = 0; i < 3; i++) {
      expect((await fetch(url("/stations"), { headers: bearer(token) })).status).toBe(200);
    }
    const exp = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()).exp as number;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 50));
    expect((await fetch(url("/stations"), { headers: bearer(token) })).status).toBe(401);
    expect(calls).toHaveLength(3);
  });

  it("turns a list claim with several entries into API Gateway's bracketed string", async () => {
    const token = await new SignJWT({ [claimNames.groups]: ["admin", "staff"], count: 3, flag: true })
      .setProtectedHeader({ alg: "RS256" })
      .setSubject("two-groups")
      .setIssuer(keys.issuer)
      .setAudience(keys.audience)
      .setExpirationTime("1h")
      .sign(keys.privateKey);
    await fetch(url("/stations"), { headers: { authorization: `bearer ${token}` } });
    const claims = jwtEvent(calls[0]).requestContext.authorizer.jwt.claims;
    expect(claims[claimNames.groups]).toBe("[admin staff]");
    expect(claims.count).toBe("3");
    expect(claims.flag).toBe("true");
  });

  it("calls public routes without a token and without an authorizer", async () => {
    const response = await fetch(url("/health"));
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.requestContext).not.toHaveProperty("authorizer");
  });
});

describe("the event", () => {
  it("is a payload 2.0 event with the route key, raw path and decoded path parameters", async () => {
    const token = await signToken({ role: "admin" }, keys);
    await fetch(url("/stations/a%20b%2Fc%E5%B7%A5/members/M%2B1"), {
      method: "PUT",
      headers: { ...bearer(token), "content-type": "application/json", "X-Custom-Header": "Yes" },
      body: JSON.stringify({ basis: "nearby" }),
    });
    const event = calls[0];
    expect(event).toBeDefined();
    expect(event?.version).toBe("2.0");
    expect(event?.routeKey).toBe("PUT /stations/{stationId}/members/{memberId}");
    expect(event?.requestContext.routeKey).toBe("PUT /stations/{stationId}/members/{memberId}");
    expect(event?.rawPath).toBe("/stations/a%20b%2Fc%E5%B7%A5/members/M%2B1");
    expect(event?.pathParameters).toEqual({ stationId: "a b/c工", memberId: "M+1" });
    expect(event?.requestContext.http.method).toBe("PUT");
    expect(event?.requestContext.stage).toBe("$default");
    expect(event?.headers["x-custom-header"]).toBe("Yes");
    expect(event?.body).toBe('{"basis":"nearby"}');
    expect(event?.isBase64Encoded).toBe(false);
  });

  it("joins repeated query parameters with commas and keeps the raw query string", async () => {
    await fetch(url("/health?zone=%E4%B8%9C%E5%B1%B1&tag=a&tag=b&empty="));
    const event = calls[0];
    expect(event?.rawQueryString).toBe("zone=%E4%B8%9C%E5%B1%B1&tag=a&tag=b&empty=");
    expect(event?.queryStringParameters).toEqual({ zone: "东山", tag: "a,b", empty: "" });
  });

  it("leaves out query parameters, path parameters and body when there are none", async () => {
    await fetch(url("/health"));
    const event = calls[0];
    expect(event?.queryStringParameters).toBeUndefined();
    expect(event?.pathParameters).toBeUndefined();
    expect(event?.body).toBeUndefined();
    expect(event?.rawQueryString).toBe("");
  });

  it("moves cookies out of the headers", async () => {
    await fetch(url("/health"), { headers: { cookie: "a=1; b=2" } });
    expect(calls[0]?.cookies).toEqual(["a=1", "b=2"]);
    expect(calls[0]?.headers).not.toHaveProperty("cookie");
  });

  it("base64-encodes bodies that are not text", async () => {
    const token = await signToken({ role: "admin" }, keys);
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await fetch(url("/members"), {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/octet-stream" },
      body: bytes,
    });
    expect(calls[0]?.isBase64Encoded).toBe(true);
    expect(Buffer.from(calls[0]?.body ?? "", "base64")).toEqual(bytes);
  });

  it("gives every request its own request id, also in the response", async () => {
    const first = await fetch(url("/health"));
    const second = await fetch(url("/health"));
    const ids = calls.map((event) => event.requestContext.requestId);
    expect(new Set(ids).size).toBe(2);
    expect(first.headers.get("apigw-requestid")).toBe(ids[0]);
    expect(second.headers.get("apigw-requestid")).toBe(ids[1]);
  });
});

describe("gateway answers", () => {
  it("answers 404 in the API's error shape for an unknown path", async () => {
    const response = await fetch(url("/nowhere"));
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_found");
    expect(calls).toHaveLength(0);
  });

  it("answers 404 with the allowed methods for a known path and the wrong method", async () => {
    const response = await fetch(url("/health"), { method: "DELETE" });
    expect(response.status).toBe(404);
    expect(response.headers.get("allow")).toBe("GET");
    expect(calls).toHaveLength(0);
  });

  it("does not fold trailing slashes", async () => {
    const response = await fetch(url("/health/"));
    expect(response.status).toBe(404);
  });

  it("answers 413 without calling the function when the body is over the limit", async () => {
    const token = await signToken({ role: "admin" }, keys);
    const response = await fetch(url("/members"), {
      method: "POST",
      headers: { ...bearer(token), "content-type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(2000) }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe("payload_too_large");
    expect(calls).toHaveLength(0);
  });

  it("answers 500 like API Gateway when the function throws", async () => {
    behaviour = async () => {
      throw new Error("boom with internal detail");
    };
    const response = await fetch(url("/health"));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ message: "Internal Server Error" });
    expect(text).not.toContain("boom");
  });

  it("writes the function's status, headers, cookies and base64 body", async () => {
    behaviour = async () => ({
      statusCode: 201,
      headers: { "Content-Type": "image/png", "X-Count": 3 },
      cookies: ["a=1; Path=/", "b=2"],
      body: Buffer.from([137, 80, 78, 71]).toString("base64"),
      isBase64Encoded: true,
    });
    const response = await fetch(url("/health"));
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-count")).toBe("3");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2"]);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([137, 80, 78, 71]));
  });

  it("treats a result without statusCode as a 200 JSON body", async () => {
    behaviour = async () => ({ hello: "world" });
    const response = await fetch(url("/health"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ hello: "world" });
  });

  it("gives the function a Lambda context with a deadline", async () => {
    let remaining = -1;
    let requestId = "";
    const gatewayWithContext = await startGateway({
      keys,
      port: 0,
      async handler(_event, context) {
        remaining = context.getRemainingTimeInMillis();
        requestId = context.awsRequestId;
        return { statusCode: 204 };
      },
    });
    try {
      const response = await fetch(`${gatewayWithContext.url}/health`);
      expect(response.status).toBe(204);
      expect(remaining).toBeGreaterThan(20_000);
      expect(remaining).toBeLessThanOrEqual(30_000);
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await gatewayWithContext.close();
    }
  });
});

describe("functions behind routes", () => {
  it("calls the function each route names, with that name in the Lambda context", async () => {
    const seen: string[] = [];
    const recorder = (label: string) => ({
      async handler(_event: GatewayEvent, context: { functionName: string }) {
        seen.push(`${label}:${context.functionName}`);
        return { statusCode: 200, body: label };
      },
    });
    const split = await startGateway({
      keys,
      port: 0,
      functions: {
        meta: recorder("A"),
        stations: recorder("B"),
        members: recorder("C"),
        topics: recorder("D"),
        activities: recorder("E"),
        "quota-checks": recorder("F"),
      },
    });
    try {
      const token = await signToken({ role: "admin" }, keys);
      expect(await (await fetch(`${split.url}/health`)).text()).toBe("A");
      expect(await (await fetch(`${split.url}/stations`, { headers: bearer(token) })).text()).toBe("B");
      expect(await (await fetch(`${split.url}/members`, { headers: bearer(token) })).text()).toBe("C");
      expect(await (await fetch(`${split.url}/quota-checks`, { headers: bearer(token) })).text()).toBe("F");
      expect(seen).toEqual(["A:meta", "B:stations", "C:members", "F:quota-checks"]);
    } finally {
      await split.close();
    }
  });

  it("refuses to start when a route's function is missing", async () => {
    await expect(
      startGateway({ keys, port: 0, functions: { meta: { handler: async () => "" } } }),
    ).rejects.toThrow(/stations/);
  });
});
