/**
 * The local stand-in for Cognito's signing keys: one RS256 key pair, generated on first use and
 * kept as JWK files under `<dataDir>/keys/` so that tokens stay valid across restarts.
 */
import { randomUUID } from "node:crypto";
import { chmod, link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from "jose";

/**
 * What the local JWT authorizer accepts, and what the local token issuer writes. The running stack
 * is an OIDC issuer at its own URL (`withIssuer`); this name is for keys used without a stack (tests).
 */
export const localIssuer = "urn:haoshangliang:local";
export const localAudience = "haoshangliang-local";
export const localAlgorithm = "RS256";

export interface LocalKeys {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** The key id (RFC 7638 thumbprint of the public key), written in each token's header. */
  readonly kid: string;
  readonly issuer: string;
  readonly audience: string;
}

export function keyPaths(dataDir: string): { dir: string; privateKey: string; publicKey: string } {
  const dir = join(dataDir, "keys");
  return { dir, privateKey: join(dir, "jwt-private.json"), publicKey: join(dir, "jwt-public.json") };
}

/** A fresh key pair that lives only in memory (tests). */
export async function generateKeys(): Promise<LocalKeys> {
  const { privateKey, publicKey } = await generateKeyPair(localAlgorithm, { extractable: true });
  return await keysFrom(privateKey, publicKey);
}

/**
 * The key pair under `<dataDir>/keys`, created on first use. Two processes starting at once (say
 * `npm start` and `npm run token`) end up with the same pair: the private key is published with a
 * hard link, which fails if the file already exists, and the loser reads the winner's file.
 */
export async function loadOrCreateKeys(dataDir: string): Promise<LocalKeys> {
  const paths = keyPaths(dataDir);
  const existing = await readJwk(paths.privateKey);
  if (existing) return await keysFromPrivateJwk(existing, paths);

  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  const generated = await generateKeys();
  const privateJwk = { ...(await exportJWK(generated.privateKey)), kid: generated.kid, alg: localAlgorithm };
  const temporary = `${paths.privateKey}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(temporary, paths.privateKey);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  const published = await readJwk(paths.privateKey);
  if (!published) throw new Error(`could not read ${paths.privateKey} right after writing it`);
  return await keysFromPrivateJwk(published, paths);
}

async function readJwk(path: string): Promise<JWK | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as JWK;
  } catch {
    throw new Error(`${path} is not valid JSON. Delete it to generate a new key pair.`);
  }
}

/** The private JWK holds the public parts too, so the public file is derived, never trusted. */
async function keysFromPrivateJwk(privateJwk: JWK, paths: ReturnType<typeof keyPaths>): Promise<LocalKeys> {
  if (privateJwk.kty !== "RSA" || !privateJwk.d || !privateJwk.n || !privateJwk.e) {
    throw new Error(`${paths.privateKey} is not an RSA private JWK. Delete it to generate a new key pair.`);
  }
  const publicJwk: JWK = { kty: "RSA", n: privateJwk.n, e: privateJwk.e, alg: localAlgorithm, use: "sig" };
  const privateKey = await importJWK(privateJwk, localAlgorithm, { extractable: true });
  const publicKey = await importJWK(publicJwk, localAlgorithm, { extractable: true });
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array) {
    throw new Error("unexpected key material in the local JWK files");
  }
  const keys = await keysFrom(privateKey, publicKey);
  const publicText = `${JSON.stringify({ ...publicJwk, kid: keys.kid }, null, 2)}\n`;
  const current = await readFile(paths.publicKey, "utf8").catch(() => undefined);
  if (current !== publicText) {
    await writeFile(paths.publicKey, publicText, { mode: 0o600 });
    await chmod(paths.publicKey, 0o600);
  }
  return keys;
}

async function keysFrom(privateKey: CryptoKey, publicKey: CryptoKey): Promise<LocalKeys> {
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
  return { privateKey, publicKey, kid, issuer: localIssuer, audience: localAudience };
}

/** The public key as a JWKS document, the shape Cognito serves at `/.well-known/jwks.json`. */
export async function publicJwks(keys: LocalKeys): Promise<{ keys: JWK[] }> {
  const jwk = await exportJWK(keys.publicKey);
  return { keys: [{ ...jwk, kid: keys.kid, alg: localAlgorithm, use: "sig" }] };
}

/** The same keys, writing and expecting another issuer (the running stack's URL). */
export function withIssuer(keys: LocalKeys, issuer: string): LocalKeys {
  return { ...keys, issuer };
}
