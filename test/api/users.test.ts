/**
 * Users live in the table (decision 0024): the county office keeps them through /users, and each
 * request's caller is their record — a change of stations or a deactivation takes effect without a
 * new token. Only admins see or change users (personal data).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetIdentityRules } from "../../functions/kernel/http/principal";
import {
  cachedUser,
  cachedUserCount,
  forgetUser,
  userCacheLimit,
  userCacheMs,
} from "../../functions/kernel/identity/user-cache";
import { dynamodb, tableName } from "../../functions/kernel/table/client";
import { toItem } from "../../functions/kernel/table/items";
import { userIndexKeys, userKey } from "../../functions/kernel/table/keys";
import { signToken } from "../../infra/local/token";
import {
  type Api,
  absentId,
  createMember,
  createStation,
  expectApiError,
  listAll,
  type Member,
  type Station,
  startApi,
} from "./harness";

interface User {
  subject: string;
  name: string;
  role: string;
  stationIds: string[];
  memberId?: string;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

let api: Api;
let east: Station;
let west: Station;
let member: Member;

beforeAll(async () => {
  api = await startApi();
  east = await createStation(api, { zone: "用户片区" });
  west = await createStation(api, { zone: "用户片区" });
  member = await createMember(api);
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

/** A token for a subject, signed only: its user record is whatever /users says. */
const tokenFor = (subject: string) => signToken({ role: "admin", subject }, api.stack.keys);

describe("the county office keeps users", () => {
  it("creates a user by subject (201, Location, ETag), reads it back and lists it", async () => {
    const reply = await api.put("/users/wecom|zhang.san", {
      name: "张三",
      role: "staff",
      stationIds: [east.id],
    });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.headers.get("location")).toBe("/users/wecom%7Czhang.san");
    expect(reply.headers.get("etag")).toBe('"1"');
    const user = reply.json<User>();
    expect(user).toMatchObject({
      subject: "wecom|zhang.san",
      name: "张三",
      role: "staff",
      stationIds: [east.id],
      active: true,
      version: 1,
    });
    expect((await api.get("/users/wecom%7Czhang.san")).json<User>()).toEqual(user);
    const staff = await listAll<User>(api, "/users?role=staff");
    expect(staff.map((u) => u.subject)).toContain("wecom|zhang.san");
    const admins = await listAll<User>(api, "/users?role=admin");
    expect(admins.map((u) => u.subject)).not.toContain("wecom|zhang.san");
  });

  it("replaces a user with PUT (200, next version) and honours If-Match", async () => {
    await api.put("/users/replace-1", { name: "李四", role: "member", memberId: member.id });
    const replaced = await api.put("/users/replace-1", {
      name: "李四",
      role: "staff",
      stationIds: [west.id],
    });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.json<User>()).toMatchObject({ role: "staff", stationIds: [west.id], version: 2 });
    expect(replaced.json<User>()).not.toHaveProperty("memberId");
    const stale = await api.put(
      "/users/replace-1",
      { name: "李四", role: "admin" },
      { headers: { "if-match": '"1"' } },
    );
    expectApiError(stale, 409, "version_mismatch");
  });

  it("only creates with If-None-Match: *, leaving someone who can sign in already as they were", async () => {
    const onlyNew = { headers: { "if-none-match": "*" } };
    const first = await api.put(
      "/users/only-new-1",
      { name: "王五", role: "staff", stationIds: [west.id] },
      onlyNew,
    );
    expect(first.status, first.text).toBe(201);
    const again = await api.put("/users/only-new-1", { name: "别人", role: "admin" }, onlyNew);
    expectApiError(again, 409, "user_exists");
    expect(again.json<{ error: { message: string } }>().error.message).toContain("已开通");
    const kept = await api.get("/users/only-new-1");
    expect(kept.json<User>()).toMatchObject({
      name: "王五",
      role: "staff",
      stationIds: [west.id],
      version: 1,
    });
  });

  it("names the field of each problem", async () => {
    const cases: [string, unknown, string[]][] = [
      ["/users/v-1", { name: "无站", role: "staff" }, ["stationIds"]],
      ["/users/v-1", { name: "无站", role: "staff", stationIds: [] }, ["stationIds"]],
      ["/users/v-1", { name: "站不存在", role: "staff", stationIds: [east.id, absentId] }, ["stationIds.1"]],
      ["/users/v-1", { name: "委员", role: "member" }, ["memberId"]],
      ["/users/v-1", { name: "委员", role: "member", memberId: absentId }, ["memberId"]],
      ["/users/v-1", { name: "管理员", role: "admin", stationIds: [east.id] }, ["stationIds"]],
      ["/users/v-1", { name: "访客", role: "visitor" }, ["role"]],
      ["/users/v-1", { role: "admin" }, ["name"]],
      ["/users/v-1", { name: "多余", role: "admin", groups: ["admin"] }, ["groups"]],
      ["/users/has%20space", { name: "空格", role: "admin" }, ["subject"]],
    ];
    for (const [path, body, fields] of cases) {
      const reply = await api.put(path, body);
      expectApiError(reply, 400, "validation_failed");
      expect(reply.fields, JSON.stringify(body)).toEqual(fields);
    }
    expect((await api.get("/users/v-1")).status).toBe(404);
  });

  it("answers 404 for a subject it does not know, and for a PATCH of one", async () => {
    expectApiError(await api.get("/users/nobody"), 404, "not_found");
    expectApiError(await api.patch("/users/nobody", { active: false }), 404, "not_found");
  });
});

describe("who the caller is", () => {
  it("follows a change of stations without a new token", async () => {
    await api.put("/users/moving-staff", { name: "调岗", role: "staff", stationIds: [east.id] });
    const token = await tokenFor("moving-staff");
    expect((await api.get(`/stations/${east.id}`, { token })).status).toBe(200);
    expectApiError(await api.get(`/stations/${west.id}`, { token }), 404, "not_found");

    expect((await api.get("/me", { token })).json()).toEqual({
      subject: "moving-staff",
      name: "调岗",
      role: "staff",
      stationIds: [east.id],
    });

    const moved = await api.patch("/users/moving-staff", { stationIds: [west.id] });
    expect(moved.status, moved.text).toBe(200);
    expect((await api.get("/me", { token })).json<{ stationIds: string[] }>().stationIds).toEqual([west.id]);
    expect((await api.get(`/stations/${west.id}`, { token })).status).toBe(200);
    expectApiError(await api.get(`/stations/${east.id}`, { token }), 404, "not_found");
  });

  it("refuses a deactivated user with a clear message, and lets them in again once reactivated", async () => {
    await api.put("/users/leaving", { name: "离任", role: "admin" });
    const token = await tokenFor("leaving");
    expect((await api.get("/stations", { token })).status).toBe(200);

    expect((await api.patch("/users/leaving", { active: false })).json<User>().active).toBe(false);
    expectApiError(await api.get("/me", { token }), 403, "forbidden");
    const refused = await api.get("/stations", { token });
    expect(expectApiError(refused, 403, "forbidden").message).toBe(
      "您的账号已停用，如有疑问请联系县政协办公室",
    );
    const english = await api.get("/stations", { token, headers: { "accept-language": "en" } });
    expect(english.error.message).toMatch(/deactivated/);
    const inactive = await listAll<User>(api, "/users?active=false");
    expect(inactive.map((u) => u.subject)).toEqual(["leaving"]);

    await api.patch("/users/leaving", { active: true });
    expect((await api.get("/stations", { token })).status).toBe(200);
  });

  it("takes the name in timelines from the record", async () => {
    await api.put("/users/named", { name: "县政协办公室王主任", role: "admin" });
    const token = await tokenFor("named");
    const reply = await api.put(`/stations/${east.id}/members/${member.id}`, undefined, { token });
    expect([200, 201]).toContain(reply.status);
    const history = await api.get(`/members/${member.id}/history`);
    expect(history.text).toContain("县政协办公室王主任");
  });
});

describe("the county office's first sign-in", () => {
  it("lets a bootstrap admin in while it has no record; once it has one, the record decides", async () => {
    const token = await tokenFor("first-office-admin");
    expectApiError(await api.get("/users", { token }), 403, "forbidden");
    process.env.BOOTSTRAP_ADMINS = "someone-else, first-office-admin";
    resetIdentityRules();
    try {
      expect((await api.get("/users", { token })).status).toBe(200);
      // What it does before it has a record is signed 初始管理员 in the history.
      await api.request("DELETE", `/stations/${east.id}/members/${member.id}`, { token });
      const assigned = await api.put(`/stations/${east.id}/members/${member.id}`, undefined, { token });
      expect([200, 201]).toContain(assigned.status);
      expect((await api.get(`/members/${member.id}/history`)).text).toContain("初始管理员");
      const own = await api.put(
        "/users/first-office-admin",
        { name: "办公室", role: "staff", stationIds: [east.id] },
        { token },
      );
      expect(own.status, own.text).toBe(201);
      expectApiError(await api.get("/users", { token }), 403, "forbidden");
    } finally {
      delete process.env.BOOTSTRAP_ADMINS;
      resetIdentityRules();
    }
  });
});

describe("personal data", () => {
  it("refuses /users to staff and members, before reading anything they sent", async () => {
    const staff = await api.token({ role: "staff", stationIds: [east.id] });
    const memberToken = await api.token({ role: "member", memberId: member.id });
    for (const token of [staff, memberToken]) {
      for (const [method, path, body] of [
        ["GET", "/users", undefined],
        ["GET", "/users/local-admin", undefined],
        ["PUT", "/users/someone", { role: "admin" }],
        ["PATCH", "/users/local-admin", { role: "member" }],
      ] as const) {
        const reply = await api.request(method, path, { token, body });
        expect(reply.status, `${method} ${path}`).toBe(403);
        expect(reply.text).not.toContain('local-admin"');
      }
    }
  });
});

describe("the principal cache", () => {
  /** Changes the record behind the cache's back, as another function's write would. */
  async function writeBehindTheCache(subject: string, stationIds: string[]) {
    const now = new Date().toISOString();
    const user = {
      subject,
      name: "缓存",
      role: "staff",
      stationIds,
      active: true,
      version: 9,
      createdAt: now,
      updatedAt: now,
    };
    await dynamodb().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: toItem(user, { ...userKey(subject), ...userIndexKeys(subject, "staff") }, "user"),
      }),
    );
  }

  it("serves a record from memory within its window, and reads it again after", async () => {
    await writeBehindTheCache("cached-1", [east.id]);
    forgetUser("cached-1");
    const start = Date.now();
    expect((await cachedUser("cached-1", start))?.stationIds).toEqual([east.id]);
    await writeBehindTheCache("cached-1", [west.id]);
    expect((await cachedUser("cached-1", start + 1_000))?.stationIds).toEqual([east.id]);
    expect((await cachedUser("cached-1", start + userCacheMs + 1))?.stationIds).toEqual([west.id]);
  });

  it("remembers an unknown subject too, and forgets on request", async () => {
    forgetUser("cached-2");
    const start = Date.now();
    expect(await cachedUser("cached-2", start)).toBeUndefined();
    await writeBehindTheCache("cached-2", [east.id]);
    expect(await cachedUser("cached-2", start + 1)).toBeUndefined();
    forgetUser("cached-2");
    expect((await cachedUser("cached-2", start + 2))?.stationIds).toEqual([east.id]);
  });

  it("holds at most a bounded number of subjects", async () => {
    forgetUser();
    await Promise.all(Array.from({ length: userCacheLimit + 20 }, (_, i) => cachedUser(`nobody-${i}`)));
    expect(cachedUserCount()).toBeLessThanOrEqual(userCacheLimit);
    forgetUser();
    expect(cachedUserCount()).toBe(0);
  });
});

describe("npm run token against the running stack", () => {
  const cli = (...args: string[]) =>
    promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "infra/local/token.ts", "--data-dir", api.stack.dataDir, ...args],
      { env: { ...process.env, NODE_NO_WARNINGS: "1" } },
    );

  it("writes the token's user through the API, so the token works at once", async () => {
    const { stdout } = await cli(
      "--role",
      "staff",
      "--station",
      east.id,
      "--subject",
      "cli-staff",
      "--name",
      "命令行",
    );
    const token = stdout.trim();
    expect((await api.get(`/stations/${east.id}`, { token })).status).toBe(200);
    const user = (await api.get("/users/cli-staff")).json<User>();
    expect(user).toMatchObject({ role: "staff", stationIds: [east.id], name: "命令行", active: true });
  });

  it("signs for an existing user with --as, leaving the record as it is", async () => {
    await api.put("/users/as-user", { name: "已有用户", role: "staff", stationIds: [west.id] });
    const { stdout } = await cli("--as", "as-user");
    const token = stdout.trim();
    expect((await api.get(`/stations/${west.id}`, { token })).status).toBe(200);
    expectApiError(await api.get(`/stations/${east.id}`, { token }), 404, "not_found");
    expect((await api.get("/users/as-user")).json<User>()).toMatchObject({ version: 1, name: "已有用户" });
  });

  it("says what the API refused, e.g. a station that does not exist", async () => {
    const failure = await cli("--role", "staff", "--station", absentId).catch(
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain("stationIds.0");
  });
});
