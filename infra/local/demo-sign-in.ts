/**
 * Local sign-in for the console (`npm start` only): `GET /local/demo-users` lists the demo county's
 * users (the county office, each station's staff, some members) and `POST /local/sign-in {user}`
 * answers `{token}`, signed with the local keys like `npm run token`, after writing the demo user's
 * record (a token says only who signs in). On AWS the console signs in
 * with the identity provider instead; this module is the one place that decides how a local
 * console token is made.
 */
import type { IncomingMessage } from "node:http";
import type { Role } from "../../functions/kernel/http/claims";
import { httpApi } from "./demo/seed";
import { drain } from "./gateway/request";
import type { LocalRoutes } from "./gateway/respond";
import { json, type Reply } from "./gateway/response";
import type { LocalKeys } from "./keys";
import { putLocalUser } from "./local-users";
import { signToken, type TokenRequest } from "./token";

export interface DemoUser {
  /** "admin", "staff:<stationId>" or "member:<memberId>". */
  readonly id: string;
  readonly role: Role;
  readonly name: string;
  readonly description: string;
}

interface Listed {
  readonly id: string;
  readonly name: string;
  readonly zone?: string;
  readonly sector?: string;
}

const membersListed = 8;

async function list(call: ReturnType<typeof httpApi>, path: string): Promise<Listed[]> {
  const response = await call("GET", path);
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return (response.json as { items: Listed[] }).items;
}

/** The users one can sign in as: read from the API, so stations and members registered later appear. */
export async function demoUsers(apiUrl: string, keys: LocalKeys): Promise<DemoUser[]> {
  const call = httpApi(apiUrl, await signToken({ role: "admin", subject: "local-admin" }, keys));
  const [stations, members] = await Promise.all([
    list(call, "/stations?limit=100"),
    list(call, `/members?limit=${membersListed}`),
  ]);
  return [
    { id: "admin", role: "admin", name: "演示·县政协办公室", description: "县政协办公室：全部工作站（室）" },
    ...stations.map((station) => ({
      id: `staff:${station.id}`,
      role: "staff" as const,
      name: `演示·${station.name}工作人员`,
      description: `工作站工作人员：${station.name}（${station.zone ?? ""}）`,
    })),
    ...members.map((member) => ({
      id: `member:${member.id}`,
      role: "member" as const,
      name: member.name,
      description: `委员：${member.sector ?? ""}`,
    })),
  ];
}

function tokenRequestFor(user: DemoUser): TokenRequest {
  const [, id] = user.id.split(":");
  if (user.role === "staff")
    return { role: "staff", stationIds: [id ?? ""], subject: `local-${user.id}`, name: user.name };
  if (user.role === "member")
    return { role: "member", memberId: id ?? "", subject: `local-${user.id}`, name: user.name };
  return { role: "admin", subject: "local-admin", name: user.name };
}

async function signIn(request: IncomingMessage, apiUrl: string, keys: LocalKeys): Promise<Reply> {
  const body = await drain(request, 4096);
  let user: unknown;
  try {
    user = (JSON.parse(body?.toString("utf8") ?? "") as { user?: unknown }).user;
  } catch {
    return json(400, { error: { code: "invalid_json", message: "请求体不是有效的 JSON" } });
  }
  const chosen = (await demoUsers(apiUrl, keys)).find((candidate) => candidate.id === user);
  if (!chosen) return json(400, { error: { code: "unknown_user", message: "没有这个演示用户" } });
  // A token proves only who signs in (decision 0024): the demo user's record says what they may do.
  const tokenRequest = tokenRequestFor(chosen);
  await putLocalUser(tokenRequest);
  return json(200, { token: await signToken(tokenRequest, keys), user: chosen });
}

/**
 * The two local routes. The keys and `apiUrl` are read per request: the gateway's address is known
 * only once it listens, and the keys may take it as their issuer then.
 */
export function demoSignIn(options: {
  readonly keys: () => LocalKeys;
  readonly apiUrl: () => string;
}): LocalRoutes {
  return async (request, path) => {
    if (path === "/local/demo-users" && request.method === "GET") {
      await drain(request, 0);
      return json(200, { users: await demoUsers(options.apiUrl(), options.keys()) });
    }
    if (path === "/local/sign-in" && request.method === "POST") {
      return await signIn(request, options.apiUrl(), options.keys());
    }
    return undefined;
  };
}
