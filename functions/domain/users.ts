/**
 * The people who may sign in (decision 0024): a user record per token subject, kept by the county
 * office. The identity provider only proves who the caller is; the record says what they are here —
 * role, the stations a staff user runs, the member record a member user is — so a change takes
 * effect without a new token, whichever provider signs the tokens.
 */
import type { Principal, Role } from "./access";
import type { FieldProblem } from "./errors";

export const userRoles = ["admin", "staff", "member"] as const satisfies readonly Role[];

export interface User {
  /** The token's `sub`, as the identity provider writes it. */
  readonly subject: string;
  readonly role: Role;
  /** Stations a staff user runs; empty for other roles. */
  readonly stationIds: readonly string[];
  /** The member record a member user is. */
  readonly memberId?: string | undefined;
  /** Shown in timelines as who did what. */
  readonly name: string;
  /** A deactivated user is refused (403) until reactivated. */
  readonly active: boolean;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** At most this many stations per staff user (one county has a few dozen). */
export const maxStationsPerUser = 100;

/** What a user record needs for its role; each problem names its field. */
export function userProblems(user: Pick<User, "role" | "stationIds" | "memberId">): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (user.role === "staff" && user.stationIds.length === 0) {
    problems.push({ field: "stationIds", code: "staff_needs_station", message: "staff_needs_station" });
  }
  if (user.role !== "staff" && user.stationIds.length > 0) {
    problems.push({
      field: "stationIds",
      code: "stations_only_for_staff",
      message: "stations_only_for_staff",
    });
  }
  if (user.role === "member" && !user.memberId) {
    problems.push({ field: "memberId", code: "member_needs_member_id", message: "member_needs_member_id" });
  }
  return problems;
}

/** The caller as the access rules see them, from their record. */
export function principalOf(user: User): Principal {
  return {
    subject: user.subject,
    role: user.role,
    stationIds: user.role === "staff" ? [...user.stationIds] : [],
    memberId: user.memberId,
    name: user.name,
  };
}
