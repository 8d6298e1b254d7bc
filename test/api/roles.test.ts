/**
 * Who may do what, through the local gateway's JWT authorizer and the handlers' access rules:
 * no token → 401; admin everything; staff only its own stations (others do not exist for it);
 * members read their own record and stations and change nothing.
 */
import { SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../functions/kernel/http/routes";
import { localAlgorithm } from "../../infra/local/keys";
import {
  type Api,
  type Assignment,
  absentId,
  assign,
  createMember,
  createStation,
  expectApiError,
  listAll,
  type Member,
  memberInput,
  type Page,
  parseCsv,
  type Reply,
  type Station,
  startApi,
  stationInput,
} from "./harness";

let api: Api;
/** S1 is the staff user's station, S2 someone else's. */
let s1: Station;
let s2: Station;
/** M1 serves at S1 (and is the member user), M2 only at S2, M3 nowhere yet. */
let m1: Member;
let m2: Member;
let m3: Member;
let staff: string;
let memberToken: string;

beforeAll(async () => {
  api = await startApi();
  s1 = await createStation(api, { zone: "权限片区" });
  s2 = await createStation(api, { zone: "权限片区" });
  m1 = await createMember(api);
  m2 = await createMember(api);
  m3 = await createMember(api);
  await assign(api, s1.id, m1.id);
  await assign(api, s2.id, m2.id);
  s1 = (await api.get(`/stations/${s1.id}`)).json<Station>();
  s2 = (await api.get(`/stations/${s2.id}`)).json<Station>();
  m1 = (await api.get(`/members/${m1.id}`)).json<Member>();
  m2 = (await api.get(`/members/${m2.id}`)).json<Member>();
  staff = await api.token({ role: "staff", stationIds: [s1.id] });
  memberToken = await api.token({ role: "member", memberId: m1.id });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

/** A concrete request for every route of routes.ts. */
function concrete(path: string): string {
  return path.replace("{stationId}", s1.id).replace("{memberId}", m1.id);
}

describe("without a valid token", () => {
  const jwtRoutes = routes.filter((route) => route.auth === "jwt");

  it.each(jwtRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s answers 401",
    async (_key, route) => {
      const reply = await api.request(route.method, concrete(route.path), {
        token: null,
        body: route.method === "POST" || route.method === "PATCH" ? {} : undefined,
      });
      expect(reply.status).toBe(401);
      expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(reply.headers.get("apigw-requestid")).toBeTruthy();
      expect(reply.text).not.toContain(s1.id);
    },
  );

  it("answers 401 for an expired token, a foreign token and garbage, and changes nothing", async () => {
    const expired = await api.token({ role: "admin", expiresIn: "-1m" });
    const foreign = await new SignJWT({ name: "intruder" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("intruder")
      .setIssuer(api.stack.keys.issuer)
      .setAudience(api.stack.keys.audience)
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("a shared secret that is long enough"));
    for (const token of [expired, foreign, "not-a-token"]) {
      const reply = await api.patch(`/stations/${s1.id}`, { status: "suspended" }, { token });
      expect(reply.status).toBe(401);
    }
    expect((await api.get(`/stations/${s1.id}`)).json<Station>()).toEqual(s1);
  });

  it("serves the public routes without a token", async () => {
    expect((await api.get("/health", { token: null })).status).toBe(200);
    expect((await api.get("/openapi.json", { token: null })).status).toBe(200);
  });

  it("answers 403 for a valid token whose subject has no user record, whatever the token claims", async () => {
    // Role claims in the token count for nothing: users live in the table (decision 0024).
    const token = await new SignJWT({
      "cognito:groups": ["admin"],
      "custom:stationIds": s1.id,
      token_use: "id",
    })
      .setProtectedHeader({ alg: localAlgorithm, kid: api.stack.keys.kid })
      .setSubject("visitor-1")
      .setIssuer(api.stack.keys.issuer)
      .setAudience(api.stack.keys.audience)
      .setExpirationTime("1h")
      .sign(api.stack.keys.privateKey);
    const reply = await api.get("/stations", { token });
    expect(expectApiError(reply, 403, "forbidden").message).toBe(
      "您的账号尚未在本系统登记，请联系县政协办公室开通",
    );
    const english = await api.get("/stations", { token, headers: { "accept-language": "en" } });
    expect(english.error.message).toBe(
      "Your account is not registered here; ask the county office to add you",
    );
  });
});

describe("admin", () => {
  it("sees every station and member and may register stations", async () => {
    const stations = await listAll<Station>(api, "/stations");
    expect(stations.map((s) => s.id)).toEqual(expect.arrayContaining([s1.id, s2.id]));
    const members = await listAll<Member>(api, "/members");
    expect(members.map((m) => m.id)).toEqual(expect.arrayContaining([m1.id, m2.id, m3.id]));
    expect((await api.get(`/stations/${s2.id}/members`)).status).toBe(200);
    expect((await api.get(`/members/${m2.id}`)).status).toBe(200);
    const created = await api.post("/stations", stationInput());
    expect(created.status).toBe(201);
  });
});

describe("staff", () => {
  const as = {
    get token() {
      return staff;
    },
  };

  /** Another station must look exactly like one that does not exist. */
  const expectHidden = (reply: Reply, absent: Reply) => {
    const error = expectApiError(reply, 404, "not_found");
    expect(error.message).toBe(absent.error.message);
    expect(error.message).toBe("未找到该工作站（室）");
  };

  it("lists only its own stations, whatever the filter or format", async () => {
    const reply = await api.get("/stations", as);
    expect(reply.status).toBe(200);
    expect(reply.json<Page<Station>>().items.map((s) => s.id)).toEqual([s1.id]);
    const zoned = await api.get(`/stations?zone=${encodeURIComponent("权限片区")}`, as);
    expect(zoned.json<Page<Station>>().items.map((s) => s.id)).toEqual([s1.id]);
    const csv = parseCsv((await api.get("/stations?format=csv", as)).text);
    expect(csv.slice(1).map((row) => row[0])).toEqual([s1.id]);
  });

  it("reads its own station and its members", async () => {
    expect((await api.get(`/stations/${s1.id}`, as)).json<Station>()).toEqual(s1);
    const members = (await api.get(`/stations/${s1.id}/members`, as)).json<Page<Assignment>>();
    expect(members.items.map((a) => a.memberId)).toEqual([m1.id]);
  });

  it("cannot see another station: 404 exactly like an unknown id", async () => {
    const absent = await api.get(`/stations/${absentId}`, as);
    expectHidden(await api.get(`/stations/${s2.id}`, as), absent);
    expectHidden(await api.get(`/stations/${s2.id}/members`, as), absent);
    expectHidden(await api.get(`/stations/${s2.id}/member-suggestions?topic=x`, as), absent);
  });

  it("changes its own station, but not another (404, unchanged)", async () => {
    const own = await api.patch(`/stations/${s1.id}`, { status: "active" }, as);
    expect(own.status, own.text).toBe(200);
    s1 = own.json<Station>();

    const other = await api.patch(`/stations/${s2.id}`, { status: "suspended" }, as);
    expectHidden(other, await api.get(`/stations/${absentId}`, as));
    expect((await api.get(`/stations/${s2.id}`)).json<Station>()).toEqual(s2);
  });

  it("neither assigns nor removes members directly (403): it invites, at its own station only", async () => {
    expectApiError(await api.put(`/stations/${s1.id}/members/${m3.id}`, undefined, as), 403, "forbidden");
    expectApiError(await api.delete(`/stations/${s1.id}/members/${m1.id}`, as), 403, "forbidden");
    expectApiError(await api.put(`/stations/${s2.id}/members/${m3.id}`, undefined, as), 403, "forbidden");
    const invited = await api.post(`/stations/${s1.id}/invitations`, { memberId: m3.id }, as);
    expect(invited.status, invited.text).toBe(201);
    expectApiError(
      await api.post(`/stations/${s2.id}/invitations`, { memberId: m3.id }, as),
      404,
      "not_found",
    );
    const atS2 = await listAll<Assignment>(api, `/stations/${s2.id}/members`);
    expect(atS2.map((a) => a.memberId)).toEqual([m2.id]);
  });

  it("asks for suggestions at its own station", async () => {
    expect(
      (await api.get(`/stations/${s1.id}/member-suggestions?topic=${encodeURIComponent("议题")}`, as)).status,
    ).toBe(200);
  });

  it("may not register stations (403)", async () => {
    const reply = await api.post("/stations", stationInput(), as);
    expect(expectApiError(reply, 403, "forbidden").message).toBe("您的角色无权执行此操作");
    expect((await api.get("/stations", as)).json<Page<Station>>().items).toHaveLength(1);
  });

  it("never registers or changes a member record: the county office keeps the roster (403, unchanged)", async () => {
    const created = await api.post("/members", memberInput(), as);
    expect(expectApiError(created, 403, "forbidden").message).toBe("您的角色无权执行此操作");
    for (const member of [m1, m2]) {
      const reply = await api.patch(`/members/${member.id}`, { profession: "记者" }, as);
      expectApiError(reply, 403, "forbidden");
      expect((await api.get(`/members/${member.id}`)).json<Member>()).toEqual(member);
    }
  });
});

describe("member", () => {
  const as = {
    get token() {
      return memberToken;
    },
  };

  it("reads its own record; other members do not exist for it", async () => {
    const own = await api.get(`/members/${m1.id}`, as);
    expect(own.status).toBe(200);
    expect(own.json<Member>().id).toBe(m1.id);
    expect(expectApiError(await api.get(`/members/${m2.id}`, as), 404, "not_found").message).toBe(
      "未找到该委员",
    );
    const list = (await api.get("/members", as)).json<Page<Member>>();
    expect(list.items.map((m) => m.id)).toEqual([m1.id]);
    expect(list.cursor).toBeNull();
  });

  it("reads the stations it serves at, and only those", async () => {
    const list = (await api.get("/stations", as)).json<Page<Station>>();
    expect(list.items.map((s) => s.id)).toEqual([s1.id]);
    expect((await api.get(`/stations/${s1.id}`, as)).status).toBe(200);
    expect((await api.get(`/stations/${s1.id}/members`, as)).status).toBe(200);
    expectApiError(await api.get(`/stations/${s2.id}`, as), 404, "not_found");
    expectApiError(await api.get(`/stations/${s2.id}/members`, as), 404, "not_found");
  });

  it("changes its own contacts and preferences, and nothing else of its record", async () => {
    const phone = "13987654321";
    const own = await api.patch(`/members/${m1.id}`, { phone, preferences: { channel: "email" } }, as);
    expect(own.status, own.text).toBe(200);
    expect(own.json<Member>()).toMatchObject({ phone, preferences: { channel: "email" } });
    const name = await api.patch(`/members/${m1.id}`, { name: "改名" }, as);
    expect(expectApiError(name, 403, "forbidden").message).toMatch(/只能修改自己的联系方式/);
    m1 = (await api.get(`/members/${m1.id}`)).json<Member>();
  });

  it("reading what is not for members is refused as such, not as a change (403)", async () => {
    const reads: [string, string][] = [
      ["/quota-checks", "您的账号无权查看此内容"],
      ["/users", "仅县政协办公室可查看"],
      [`/stations/${s1.id}/invitations`, "您的账号无权查看此内容"],
    ];
    for (const [path, message] of reads)
      expect(expectApiError(await api.get(path, as), 403, "forbidden").message, path).toBe(message);
  });

  it("changes nothing: every write answers 403 and nothing changes", async () => {
    const before = {
      s1: (await api.get(`/stations/${s1.id}`)).json<Station>(),
      m1: (await api.get(`/members/${m1.id}`)).json<Member>(),
      stations: (await listAll<Station>(api, "/stations")).length,
      members: (await listAll<Member>(api, "/members")).length,
    };
    const writes: [string, Promise<Reply>][] = [
      ["POST /stations", api.post("/stations", stationInput(), as)],
      ["PATCH /stations/{id}", api.patch(`/stations/${s1.id}`, { status: "suspended" }, as)],
      ["POST /members", api.post("/members", memberInput(), as)],
      ["PATCH /members/{id} (own)", api.patch(`/members/${m1.id}`, { profession: "改" }, as)],
      ["PUT assignment", api.put(`/stations/${s1.id}/members/${m3.id}`, undefined, as)],
      ["POST invitation", api.post(`/stations/${s1.id}/invitations`, { memberId: m3.id }, as)],
      ["suggestions", api.get(`/stations/${s1.id}/member-suggestions?topic=x`, as)],
    ];
    for (const [name, pending] of writes) {
      const reply = await pending;
      expect(reply.status, name).toBe(403);
      expectApiError(reply, 403, "forbidden");
    }
    // A member may leave a station themself, but removes no one else: another's assignment is hidden.
    expectApiError(await api.delete(`/stations/${s2.id}/members/${m2.id}`, as), 404, "not_found");
    const readOnly = await api.patch(`/stations/${s1.id}`, { status: "suspended" }, as);
    expect(readOnly.error.message).toBe("委员账号只能查看，不能修改");

    expect((await api.get(`/stations/${s1.id}`)).json<Station>()).toEqual(before.s1);
    expect((await api.get(`/members/${m1.id}`)).json<Member>()).toEqual(before.m1);
    expect(await listAll<Station>(api, "/stations")).toHaveLength(before.stations);
    expect(await listAll<Member>(api, "/members")).toHaveLength(before.members);
    expect((await listAll<Assignment>(api, `/stations/${s1.id}/members`)).map((a) => a.memberId)).toEqual([
      m1.id,
    ]);
  });
});
