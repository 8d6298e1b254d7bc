/**
 * Who is signed in: the token proves only who signs in (decision 0024); the API says what they are
 * here (`GET /me`: role, stations, member record), read once at sign-in. The console uses it only to
 * show what the role may do; the API decides.
 */
import type { components } from "../api/schema.generated";

export type Role = "admin" | "staff" | "member";

export interface Session {
  readonly token: string;
  readonly role: Role;
  readonly name: string;
  readonly stationIds: readonly string[];
  readonly memberId: string | undefined;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

const storageKey = "haoshangliang.session";

function decodePayload(token: string): Record<string, unknown> {
  const part = token.split(".")[1];
  if (!part) throw new Error("not a JWT");
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export function sessionOf(token: string, me: components["schemas"]["SignedIn"]): Session {
  const claims = decodePayload(token);
  return {
    token,
    role: me.role,
    name: me.name ?? String(claims.name ?? me.subject),
    stationIds: me.stationIds,
    memberId: me.memberId,
    expiresAt: Number(claims.exp ?? 0),
  };
}

export function storedSession(): Session | undefined {
  const stored = sessionStorage.getItem(storageKey);
  if (!stored) return undefined;
  try {
    const session = JSON.parse(stored) as Session;
    return session.expiresAt * 1000 > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

export function storeSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(storageKey, JSON.stringify(session));
  else sessionStorage.removeItem(storageKey);
}

/** What a role may do in the console (mirrors functions/domain/access.ts; the API still decides). */
export const can = {
  registerStation: (s: Session) => s.role === "admin",
  registerMember: (s: Session) => s.role === "admin",
  registerTopic: (s: Session) => s.role !== "member",
  workOnTopic: (s: Session, stationId: string) =>
    s.role === "admin" || (s.role === "staff" && s.stationIds.includes(stationId)),
  /** The delivery log across topics is the county office's (a topic's notices show on its page). */
  seeNotifications: (s: Session) => s.role === "admin",
  seeQuota: (s: Session) => s.role !== "member",
  /** 量化考评 in the menu for the county office and staff (a member's own line is still served by the API). */
  seeEvaluations: (s: Session) => s.role !== "member",
  /** Who may sign in is the county office's to say (decision 0024). */
  manageUsers: (s: Session) => s.role === "admin",
};
