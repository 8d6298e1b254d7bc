import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { decodeJwt, decodeProtectedHeader, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimNames } from "../../functions/kernel/http/claims";
import {
  generateKeys,
  keyPaths,
  type LocalKeys,
  loadOrCreateKeys,
  localAudience,
  localIssuer,
  withIssuer,
} from "../../infra/local/keys";
import { signToken, verifyToken } from "../../infra/local/token";

const run = promisify(execFile);

let keys: LocalKeys;
let dataDir: string;

beforeAll(async () => {
  keys = await generateKeys();
  dataDir = await mkdtemp(join(tmpdir(), "hsl-token-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A token like ours, with one thing changed. */
async function variant(change: {
  issuer?: string;
  audience?: string;
  key?: LocalKeys;
  expiresIn?: string;
}): Promise<string> {
  return await new SignJWT({ [claimNames.groups]: ["admin"], token_use: "id" })
    .setProtectedHeader({ alg: "RS256" })
    .setSubject("someone")
    .setIssuer(change.issuer ?? localIssuer)
    .setAudience(change.audience ?? localAudience)
    .setIssuedAt()
    .setExpirationTime(change.expiresIn ?? "1h")
    .sign((change.key ?? keys).privateKey);
}

describe("signToken", () => {
  it("writes who the caller is, as an OIDC ID token does, and nothing of what they may do", async () => {
    const token = await signToken(
      { role: "staff", stationIds: ["A", "B"], subject: "u1", name: "演示" },
      keys,
    );
    const claims = decodeJwt(token);
    // The role, stations and member live in the user record (decision 0024).
    expect(claims).not.toHaveProperty(claimNames.groups);
    expect(claims).not.toHaveProperty(claimNames.stationIds);
    expect(claims[claimNames.subject]).toBe("u1");
    expect(claims[claimNames.name]).toBe("演示");
    expect(claims.token_use).toBe("id");
    expect(claims.iss).toBe("urn:haoshangliang:local");
    expect(claims.aud).toBe("haoshangliang-local");
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", kid: keys.kid });
  });

  it("lasts 12 hours unless told otherwise", async () => {
    const claims = decodeJwt(await signToken({ role: "admin" }, keys));
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(12 * 3600);
    const short = decodeJwt(await signToken({ role: "admin", expiresIn: "5m" }, keys));
    expect((short.exp ?? 0) - (short.iat ?? 0)).toBe(300);
  });

  it("signs one subject per role and scope unless given one, so different stations are different users", async () => {
    const subject = async (request: Parameters<typeof signToken>[0]) =>
      decodeJwt(await signToken(request, keys)).sub;
    expect(await subject({ role: "admin" })).toBe("local-admin");
    expect(await subject({ role: "member", memberId: "M1" })).toBe("local-member-M1");
    const ab = await subject({ role: "staff", stationIds: ["A", "B"] });
    expect(ab).toMatch(/^local-staff-[0-9a-f]{12}$/);
    expect(await subject({ role: "staff", stationIds: ["B", "A"] })).toBe(ab);
    expect(await subject({ role: "staff", stationIds: ["A"] })).not.toBe(ab);
    expect(await subject({ role: "staff", stationIds: ["A"], subject: "wang" })).toBe("wang");
  });

  it("refuses a staff token without stations and a member token without a member", async () => {
    await expect(signToken({ role: "staff" }, keys)).rejects.toThrow(/station/);
    await expect(signToken({ role: "staff", stationIds: [] }, keys)).rejects.toThrow(/station/);
    await expect(signToken({ role: "member" }, keys)).rejects.toThrow(/member/);
  });
});

describe("verifyToken", () => {
  it("accepts its own tokens", async () => {
    const payload = await verifyToken(await signToken({ role: "admin" }, keys), keys);
    expect(payload.sub).toBe("local-admin");
  });

  it.each([
    ["another issuer", () => variant({ issuer: "https://cognito-idp.example.org/pool" })],
    ["another audience", () => variant({ audience: "some-other-client" })],
    ["another key", async () => variant({ key: await generateKeys() })],
    ["an expired token", () => variant({ expiresIn: "-10s" })],
  ])("rejects %s", async (_name, token) => {
    await expect(verifyToken(await token(), keys)).rejects.toThrow();
  });

  it("accepts the variant helper's unchanged token (so the rejections above are about the change)", async () => {
    await expect(verifyToken(await variant({}), keys)).resolves.toBeDefined();
  });

  it("rejects an unsigned token and a token signed with a shared secret", async () => {
    const unsigned = new UnsecuredJWT({ [claimNames.groups]: ["admin"] })
      .setSubject("x")
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setExpirationTime("1h")
      .encode();
    await expect(verifyToken(unsigned, keys)).rejects.toThrow();
    const hmac = await new SignJWT({ [claimNames.groups]: ["admin"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("x")
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("a-shared-secret-of-at-least-32-bytes!!"));
    await expect(verifyToken(hmac, keys)).rejects.toThrow();
  });
});

describe("keys on disk", () => {
  it("creates the key pair once, private to the user, and finds it again", async () => {
    const first = await loadOrCreateKeys(dataDir);
    const second = await loadOrCreateKeys(dataDir);
    expect(second.kid).toBe(first.kid);
    const paths = keyPaths(dataDir);
    expect((await stat(paths.privateKey)).mode & 0o777).toBe(0o600);
    expect((await stat(paths.publicKey)).mode & 0o777).toBe(0o600);
    const publicJwk = JSON.parse(await readFile(paths.publicKey, "utf8")) as Record<string, unknown>;
    expect(publicJwk).not.toHaveProperty("d");
    // A token signed with the first load verifies with the second.
    await expect(verifyToken(await signToken({ role: "admin" }, first), second)).resolves.toBeDefined();
  });

  it("ends up with one key pair when several callers create it at once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hsl-keys-race-"));
    try {
      const loaded = await Promise.all(Array.from({ length: 4 }, () => loadOrCreateKeys(dir)));
      expect(new Set(loaded.map((k) => k.kid)).size).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("token CLI", () => {
  const cli = (...args: string[]) =>
    run(process.execPath, ["--import", "tsx", "infra/local/token.ts", "--data-dir", dataDir, ...args], {
      env: { ...process.env, NODE_NO_WARNINGS: "1" },
    });

  it("prints just a token that verifies with the keys in the data directory, and warns when no stack runs", async () => {
    const { stdout, stderr } = await cli(
      "--role",
      "staff",
      "--station",
      "S1",
      "--station",
      "S2,S3",
      "--subject",
      "s-cli",
    );
    const token = stdout.trim();
    expect(token.split(".")).toHaveLength(3);
    // No stack has run in this data directory: the issuer is the default local address.
    const keysOfStack = withIssuer(await loadOrCreateKeys(dataDir), "http://127.0.0.1:3000");
    const payload = await verifyToken(token, keysOfStack);
    expect(payload.sub).toBe("s-cli");
    expect(stderr).toMatch(/no local stack is running .*user was not written/);
  });

  it("fails with a clear message for a staff token without --station", async () => {
    const failure = await cli("--role", "staff").then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain("--station");
  });

  it("fails with a clear message for an unknown role or option", async () => {
    const badRole = await cli("--role", "boss").catch((error: { code?: number; stderr?: string }) => error);
    expect(badRole).toMatchObject({ code: 2 });
    expect((badRole as { stderr: string }).stderr).toContain("admin, staff, member");
    const badOption = await cli("--role", "admin", "--colour", "red").catch(
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(badOption).toMatchObject({ code: 2 });
  });
});
