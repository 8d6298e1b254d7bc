/**
 * The local OIDC issuer's ID tokens (decision 0024): who the caller is (`sub`, `name`), for the
 * local audience, signed with the local key pair. What the caller may do lives in their user record
 * in the table, which the token tools write beside each token (local-users.ts). Also a CLI:
 * `npm run token -- --role staff --station <id>`.
 */
import { createHash } from "node:crypto";
import { type JWTPayload, jwtVerify, SignJWT } from "jose";
import { type Role, roles } from "../../functions/kernel/http/claims";
import { type CliValues, dataDirOf, dataDirOption, runCommand, UsageError } from "./cli";
import { type LocalKeys, loadOrCreateKeys, localAlgorithm, withIssuer } from "./keys";
import { readStackFile } from "./stack-file";

export interface TokenRequest {
  readonly role: Role;
  /** Stations a `staff` user may work on (required for staff). */
  readonly stationIds?: readonly string[];
  /** The member record a `member` user is (required for member). */
  readonly memberId?: string;
  /**
   * The token's `sub`, whose user record holds the role, stations and member. Default: one subject
   * per role and scope (`local-admin`, `local-staff-<hash of the stations>`, `local-member-<id>`),
   * so that tokens for different stations are different users.
   */
  readonly subject?: string;
  readonly name?: string;
  /** A jose time span such as "12h", "30m", "7d". Default 12 hours. */
  readonly expiresIn?: string;
}

export class TokenRequestError extends Error {}

export const defaultNames: Record<Role, string> = {
  admin: "本地管理员 (local admin)",
  staff: "本地工作人员 (local staff)",
  member: "本地委员 (local member)",
};

/** Checks a request the way the API will read the token; throws TokenRequestError. */
export function validateTokenRequest(request: TokenRequest): void {
  if (!(roles as readonly string[]).includes(request.role)) {
    throw new TokenRequestError(`role must be one of ${roles.join(", ")}, not "${request.role}"`);
  }
  const stationIds = request.stationIds ?? [];
  for (const id of stationIds) {
    if (!id || id.includes(",")) throw new TokenRequestError(`invalid station id "${id}"`);
  }
  if (request.role === "staff" && stationIds.length === 0) {
    throw new TokenRequestError("a staff token needs at least one station id (--station <id>)");
  }
  if (request.role === "member" && !request.memberId) {
    throw new TokenRequestError("a member token needs the member's id (--member <id>)");
  }
}

/** The subject a token request signs for (see TokenRequest.subject). */
export function subjectOf(request: TokenRequest): string {
  if (request.subject) return request.subject;
  if (request.role === "member" && request.memberId) return `local-member-${request.memberId}`;
  const stationIds = [...(request.stationIds ?? [])].sort();
  if (request.role !== "staff" || stationIds.length === 0) return `local-${request.role}`;
  const scope = createHash("sha256").update(stationIds.join(",")).digest("hex").slice(0, 12);
  return `local-staff-${scope}`;
}

/**
 * Signs an ID token as an OIDC issuer would: `sub`, `name`, `token_use`, the keys' issuer and
 * audience. The role, stations and member are not in it: write the user record too
 * (local-users.ts: `putLocalUser` in the stack's process, `putUserThroughApi` from another).
 */
export async function signToken(request: TokenRequest, keys: LocalKeys): Promise<string> {
  validateTokenRequest(request);
  const claims: JWTPayload = { name: request.name ?? defaultNames[request.role], token_use: "id" };
  return await new SignJWT(claims)
    .setProtectedHeader({ alg: localAlgorithm, kid: keys.kid, typ: "JWT" })
    .setSubject(subjectOf(request))
    .setIssuer(keys.issuer)
    .setAudience(keys.audience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? "12h")
    .sign(keys.privateKey);
}

/**
 * Verifies a token as API Gateway's JWT authorizer does: signature (RS256 only), issuer, audience,
 * expiry and not-before. Throws a jose error when the token is not acceptable.
 */
export async function verifyToken(token: string, keys: LocalKeys): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, keys.publicKey, {
    issuer: keys.issuer,
    audience: keys.audience,
    algorithms: [localAlgorithm],
    requiredClaims: ["exp", "sub"],
  });
  return payload;
}

const usage = `usage: npm run token -- --role admin|staff|member [options]

  --role <role>          admin (everything), staff (listed stations only), member (own record)
  --station <id>         a station the staff user may work on; repeat or comma-separate (staff: required)
  --member <id>          the member record a member user is (member: required)
  --subject <sub>        the token's subject (default: one per role and stations or member)
  --as <sub>             only sign a token for a user the stack already has (e.g. demo-staff-ds,
                         demo-member-m01, demo-office); their record is left as it is
  --name <name>          the user's display name
  --expires-in <span>    lifetime such as 30m, 12h, 7d (default 12h)
  --data-dir <dir>       where the local signing keys live (default .data)

The user record (role, stations, member) is written through the running stack's API
(PUT /users/{subject}); start the stack first (npm start).

Prints the token only, so it can be captured:  TOKEN=$(npm run -s token -- --role admin)`;

const tokenOptions = {
  role: { type: "string" },
  as: { type: "string" },
  station: { type: "string", multiple: true },
  member: { type: "string" },
  subject: { type: "string" },
  name: { type: "string" },
  "expires-in": { type: "string" },
  ...dataDirOption,
} as const;

async function main(values: CliValues<typeof tokenOptions>): Promise<void> {
  if (values.as !== undefined) return await tokenForExistingUser(values.as, values);
  if (!values.role) throw new UsageError("--role is required (or --as <subject> for an existing user)");
  const request: TokenRequest = {
    role: values.role as Role,
    stationIds: (values.station ?? []).flatMap((value) => value.split(",")).map((id) => id.trim()),
    ...(values.member !== undefined ? { memberId: values.member } : {}),
    ...(values.subject !== undefined ? { subject: values.subject } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values["expires-in"] !== undefined ? { expiresIn: values["expires-in"] } : {}),
  };
  try {
    validateTokenRequest(request);
  } catch (error) {
    if (error instanceof TokenRequestError) throw new UsageError(error.message);
    throw error;
  }
  const dataDir = dataDirOf(values);
  const stack = await readStackFile(dataDir);
  const keys = withIssuer(await loadOrCreateKeys(dataDir), stack?.issuer ?? "http://127.0.0.1:3000");
  let token: string;
  try {
    token = await signToken(request, keys);
  } catch (error) {
    // jose rejects a malformed --expires-in with a TypeError.
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  await registerUser(request, keys, stack?.apiUrl);
  process.stdout.write(`${token}\n`);
}

/** `--as <subject>`: a token for a user the table already has (a demo user), whose record is left as it is. */
async function tokenForExistingUser(subject: string, values: CliValues<typeof tokenOptions>): Promise<void> {
  if (!/^[\w.@|:+=-]{1,200}$/.test(subject)) throw new UsageError(`--as "${subject}" is not a subject`);
  const dataDir = dataDirOf(values);
  const stack = await readStackFile(dataDir);
  const keys = withIssuer(await loadOrCreateKeys(dataDir), stack?.issuer ?? "http://127.0.0.1:3000");
  const request: TokenRequest = {
    role: "admin",
    subject,
    name: values.name ?? subject,
    ...(values["expires-in"] !== undefined ? { expiresIn: values["expires-in"] } : {}),
  };
  process.stdout.write(`${await signToken(request, keys)}\n`);
}

/** The token's user, through the running stack's API; a stack that is not running is only a warning. */
async function registerUser(
  request: TokenRequest,
  keys: LocalKeys,
  apiUrl: string | undefined,
): Promise<void> {
  const { localAdminSubjects, putUserThroughApi } = await import("./local-users");
  if ((localAdminSubjects as readonly string[]).includes(subjectOf(request))) return;
  if (!apiUrl) {
    process.stderr.write(
      "warning: no local stack is running (npm start); the token's user was not written\n",
    );
    return;
  }
  const admin = await signToken({ role: "admin" }, keys);
  try {
    await putUserThroughApi(apiUrl, admin, request);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code !== "ECONNREFUSED") throw new UsageError((error as Error).message);
    process.stderr.write(
      `warning: the local stack at ${apiUrl} is not running; the token's user was not written\n`,
    );
  }
}

runCommand(import.meta.url, { usage, options: tokenOptions, main });
