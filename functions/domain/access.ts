/**
 * Who may do what. The gateway only proves who the caller is, and their user record says what they
 * are here (decision 0024); these rules decide, in the handler,
 * what they may see and change. A station a caller may not see does not exist for them (404), so
 * ids of other stations cannot be probed.
 */
import { ForbiddenError, NotFoundError } from "./errors";

export type Role = "admin" | "staff" | "member";

export interface Principal {
  readonly subject: string;
  readonly role: Role;
  /** Stations a `staff` user runs. Empty for other roles. */
  readonly stationIds: readonly string[];
  /** The member record a `member` user is. */
  readonly memberId: string | undefined;
  /** The person's display name, from their user record: who did what, in the timeline. */
  readonly name?: string;
}

export function requireAdmin(principal: Principal): void {
  if (principal.role !== "admin") throw new ForbiddenError("role");
}

export function requireWriter(principal: Principal): void {
  if (principal.role === "member") throw new ForbiddenError("read_only");
}

/**
 * Station visibility for roles whose stations are in their user record. Members' stations come from
 * their assignments, so the caller passes them in.
 */
export function canSeeStation(
  principal: Principal,
  stationId: string,
  memberStationIds: readonly string[] = [],
) {
  switch (principal.role) {
    case "admin":
      return true;
    case "staff":
      return principal.stationIds.includes(stationId);
    case "member":
      return memberStationIds.includes(stationId);
  }
}

export function assertCanSeeStation(
  principal: Principal,
  stationId: string,
  memberStationIds: readonly string[] = [],
): void {
  if (!canSeeStation(principal, stationId, memberStationIds)) throw new NotFoundError("station", stationId);
}

/** Changing a station: admin anywhere, staff on its own stations, members never. */
export function assertCanChangeStation(principal: Principal, stationId: string): void {
  requireWriter(principal);
  assertCanSeeStation(principal, stationId);
}

/** A member user sees only their own member record; other ids do not exist for them. */
export function assertCanSeeMember(principal: Principal, memberId: string): void {
  if (principal.role === "member" && principal.memberId !== memberId)
    throw new NotFoundError("member", memberId);
}
