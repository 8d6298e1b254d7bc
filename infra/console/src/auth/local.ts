/** Local sign-in (`npm start` only): the demo county's users, and a token signed by the local runtime. */
import type { Access } from "./session";

export interface DemoUser {
  readonly id: string;
  readonly role: "admin" | "staff" | "member";
  readonly name: string;
  readonly description: string;
}

export async function demoUsers(apiBase: string): Promise<DemoUser[]> {
  const response = await fetch(`${apiBase}/local/demo-users`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { users: DemoUser[] };
  return body.users;
}

/** The demo user's access, from its id (`admin`, `staff:<stationId>`, `member:<memberId>`). */
export function demoAccess(user: DemoUser): Access {
  const [, id = ""] = user.id.split(":");
  return {
    role: user.role,
    stationIds: user.role === "staff" ? [id] : [],
    memberId: user.role === "member" ? id : undefined,
  };
}

export async function localSignIn(
  apiBase: string,
  user: string,
): Promise<{ token: string; access: Access | undefined }> {
  const response = await fetch(`${apiBase}/local/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { token: string; user?: DemoUser };
  return { token: body.token, access: body.user ? demoAccess(body.user) : undefined };
}
