/**
 * Local stand-in for Cognito's ID tokens: the same claims the API reads on AWS, signed with the
 * local key pair. Also a CLI: `npx tsx infra/local/token.ts --role staff --station <id>`.
 */
import { type JWTPayload, jwtVerify, SignJWT } from "jose";
import { claimNames, type Role, roles } from "../../functions/kernel/http/claims";
import { type CliValues, dataDirOf, dataDirOption, runCommand, UsageError } from "./cli";
import { type LocalKeys, loadOrCreateKeys, localAlgorithm } from "./keys";

export interface TokenRequest {
  readonly role: Role;
  /** Stations a `staff` user may work on (required for staff). */
  readonly stationIds?: readonly string[];
  /** The member record a `member` user is (required for member). */
  readonly memberId?: string;
  /** Defaults to `local-<role>`. */
  readonly subject?: string;
  readonly name?: string;
  /** A jose time span such as "12h", "30m", "7d". Default 12 hours. */
  readonly expiresIn?: string;
}

export class TokenRequestError extends Error {}

const defaultNames: Record<Role, string> = {
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

/** Signs an ID token with the claims Cognito would put in it (claim names from functions/api/claims). */
export async function signToken(request: TokenRequest, keys: LocalKeys): Promise<string> {
  validateTokenRequest(request);
  const stationIds = request.stationIds ?? [];
  const claims: JWTPayload = {
    [claimNames.groups]: [request.role],
    [claimNames.name]: request.name ?? defaultNames[request.role],
    token_use: "id",
  };
  if (stationIds.length > 0) claims[claimNames.stationIds] = stationIds.join(",");
  if (request.memberId) claims[claimNames.memberId] = request.memberId;
  return await new SignJWT(claims)
    .setProtectedHeader({ alg: localAlgorithm, kid: keys.kid, typ: "JWT" })
    .setSubject(request.subject ?? `local-${request.role}`)
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
  --subject <sub>        the token's subject (default local-<role>)
  --name <name>          the user's display name
  --expires-in <span>    lifetime such as 30m, 12h, 7d (default 12h)
  --data-dir <dir>       where the local signing keys live (default .data)

Prints the token only, so it can be captured:  TOKEN=$(npm run -s token -- --role admin)`;

const tokenOptions = {
  role: { type: "string" },
  station: { type: "string", multiple: true },
  member: { type: "string" },
  subject: { type: "string" },
  name: { type: "string" },
  "expires-in": { type: "string" },
  ...dataDirOption,
} as const;

async function main(values: CliValues<typeof tokenOptions>): Promise<void> {
  if (!values.role) throw new UsageError("--role is required");
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
  const keys = await loadOrCreateKeys(dataDirOf(values));
  let token: string;
  try {
    token = await signToken(request, keys);
  } catch (error) {
    // jose rejects a malformed --expires-in with a TypeError.
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  process.stdout.write(`${token}\n`);
}

runCommand(import.meta.url, { usage, options: tokenOptions, main });
