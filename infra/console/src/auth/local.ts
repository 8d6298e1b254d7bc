/** Local sign-in (`npm start` only): the demo county's users, and a token signed by the local runtime. */
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

export async function localSignIn(apiBase: string, user: string): Promise<string> {
  const response = await fetch(`${apiBase}/local/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { token: string };
  return body.token;
}
