/**
 * Who is signed in: the role, the stations a staff user works on, the member record a member is.
 * Since decision 0024 a token proves only who signs in and the user record says what they may do;
 * the local sign-in says which demo user it is (`Access`), otherwise the token's claims are read, if
 * the identity provider sends them. The console uses them only to show what the role may do; the
 * API decides.
 */
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

/** What the user may do, when the sign-in says it beside the token. */
export type Access = Pick<Session, "role" | "stationIds" | "memberId">;

const storageKey = "haoshangliang.session";
const accessKey = "haoshangliang.access";

function decodePayload(token: string): Record<string, unknown> {
  const part = token.split(".")[1];
  if (!part) throw new Error("not a JWT");
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

function roleOf(groups: unknown): Role {
  const list = Array.isArray(groups) ? groups.map(String) : String(groups ?? "").split(/[\s,[\]]+/);
  if (list.includes("admin")) return "admin";
  if (list.includes("staff")) return "staff";
  return "member";
}

export function sessionFromToken(token: string, access?: Access): Session {
  const claims = decodePayload(token);
  const stationIds = String(claims["custom:stationIds"] ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const memberId = claims["custom:memberId"];
  return {
    token,
    role: roleOf(claims["cognito:groups"]),
    name: String(claims.name ?? claims.sub ?? ""),
    stationIds,
    memberId: typeof memberId === "string" ? memberId : undefined,
    expiresAt: Number(claims.exp ?? 0),
    ...access,
  };
}

export function storedSession(): Session | undefined {
  const token = sessionStorage.getItem(storageKey);
  if (!token) return undefined;
  try {
    const access = sessionStorage.getItem(accessKey);
    const session = sessionFromToken(token, access ? (JSON.parse(access) as Access) : undefined);
    return session.expiresAt * 1000 > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

export function storeSession(session: Session | undefined): void {
  if (session) {
    const access: Access = { role: session.role, stationIds: session.stationIds, memberId: session.memberId };
    sessionStorage.setItem(storageKey, session.token);
    sessionStorage.setItem(accessKey, JSON.stringify(access));
  } else {
    sessionStorage.removeItem(storageKey);
    sessionStorage.removeItem(accessKey);
  }
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
};
