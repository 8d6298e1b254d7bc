/**
 * The caller, resolved per request (decision 0024): the token proves who they are (`sub`), their
 * user record in the table says what they may do. Records are remembered briefly
 * (kernel/identity/user-cache.ts), so a change of stations or a deactivation bites within the window,
 * without a new token.
 */
import type { Principal } from "../../domain/access";
import { ForbiddenError, UnauthenticatedError } from "../../domain/errors";
import { principalOf } from "../../domain/users";
import { type IdentityRules, readIdentityRules, tokenProblem } from "../identity/token-rules";
import { cachedUser } from "../identity/user-cache";
import { logInfo } from "../log";

type Claims = Readonly<Record<string, string | number | boolean | string[]>>;

let rules: IdentityRules | undefined;
const identityRules = () => {
  rules ??= readIdentityRules(process.env);
  return rules;
};

function subjectOf(claims: Claims): string | undefined {
  const value = claims.sub;
  if (value === undefined || Array.isArray(value)) return undefined;
  const text = String(value).trim();
  return text || undefined;
}

/** The caller: 401 when the token is not for this API, 403 when its subject may not sign in here. */
export async function resolvePrincipal(claims: Claims): Promise<Principal> {
  const subject = subjectOf(claims);
  if (!subject) throw new UnauthenticatedError();
  const problem = tokenProblem(claims, identityRules());
  if (problem) {
    logInfo("token refused", { reason: problem });
    throw new UnauthenticatedError();
  }
  const user = await cachedUser(subject);
  if (!user) {
    if (identityRules().bootstrapAdmins.includes(subject)) {
      return { subject, role: "admin", stationIds: [], memberId: undefined, name: "初始管理员" };
    }
    throw new ForbiddenError("unknown_user");
  }
  if (!user.active) throw new ForbiddenError("user_inactive");
  return principalOf(user);
}

/** Reads the identity settings again (tests that change them). */
export function resetIdentityRules(): void {
  rules = undefined;
}
