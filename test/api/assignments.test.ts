/**
 * Who serves where (PUT / DELETE / GET /stations/{id}/members), the lead member rule, and the
 * ranked member suggestions for a topic — through the local HTTP gateway with the real handlers.
 */
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { localDateTime } from "../../functions/domain/local-time";
import { responseSchemas } from "../../functions/meta/response-schemas";
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
  type Page,
  parseCsv,
  type Station,
  startApi,
} from "./harness";

let api: Api;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const station = async (id: string) => (await api.get(`/stations/${id}`)).json<Station>();
const member = async (id: string) => (await api.get(`/members/${id}`)).json<Member>();
const membersOf = (stationId: string) => listAll<Assignment>(api, `/stations/${stationId}/members?limit=100`);

describe("PUT /stations/{stationId}/members/{memberId}", () => {
  it("assigns a member (201) and counts it on both sides", async () => {
    const s = await createStation(api);
    const m = await createMember(api);
    const reply = await api.put(`/stations/${s.id}/members/${m.id}`);
    expect(reply.status, reply.text).toBe(201);
    const assignment = reply.json<Assignment>();
    expect(assignment).toMatchObject({ stationId: s.id, memberId: m.id, basis: "nearby" });
    expect(Date.parse(assignment.assignedAt)).not.toBeNaN();
    expect(v.safeParse(responseSchemas.Assignment, assignment).success).toBe(true);
    expect((await station(s.id)).memberCount).toBe(1);
    expect((await member(m.id)).stationCount).toBe(1);
  });

  it("is idempotent: a second PUT answers 200 and leaves one assignment, counted once", async () => {
    const s = await createStation(api);
    const m = await createMember(api);
    const first = await api.put(`/stations/${s.id}/members/${m.id}`, { basis: "nearby" });
    const second = await api.put(`/stations/${s.id}/members/${m.id}`, { basis: "nearby" });
    expect(first.status).toBe(201);
    expect(second.status, second.text).toBe(200);
    expect(second.json<Assignment>()).toEqual(first.json<Assignment>());

    const assigned = await membersOf(s.id);
    expect(assigned.map((a) => a.memberId)).toEqual([m.id]);
    expect((await station(s.id)).memberCount).toBe(1);
    expect((await member(m.id)).stationCount).toBe(1);
  });

  it("a repeated PUT may restate the basis; the original date is kept", async () => {
    const s = await createStation(api);
    const m = await createMember(api);
    const first = (await api.put(`/stations/${s.id}/members/${m.id}`)).json<Assignment>();
    const again = await api.put(`/stations/${s.id}/members/${m.id}`, { basis: "choice" });
    expect(again.status).toBe(200);
    expect(again.json<Assignment>()).toEqual({ ...first, basis: "choice" });
    expect((await membersOf(s.id))[0]?.basis).toBe("choice");
  });

  it("refuses an unknown basis", async () => {
    const s = await createStation(api);
    const m = await createMember(api);
    const reply = await api.put(`/stations/${s.id}/members/${m.id}`, { basis: "assigned" });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["basis"]);
    expect(await membersOf(s.id)).toEqual([]);
  });

  it("answers 404 for an unknown member or station, assigning nothing", async () => {
    const s = await createStation(api);
    const m = await createMember(api);
    const noMember = await api.put(`/stations/${s.id}/members/${absentId}`);
    expect(expectApiError(noMember, 404, "not_found").message).toBe("未找到该委员");
    const noStation = await api.put(`/stations/${absentId}/members/${m.id}`);
    expect(expectApiError(noStation, 404, "not_found").message).toBe("未找到该工作站（室）");
    expect(await membersOf(s.id)).toEqual([]);
    expect((await station(s.id)).memberCount).toBe(0);
    expect((await member(m.id)).stationCount).toBe(0);
  });
});

describe("GET /stations/{stationId}/members", () => {
  it("lists a station's members with each member's record, paged", async () => {
    const s = await createStation(api);
    const members = [await createMember(api), await createMember(api), await createMember(api)];
    for (const m of members) await assign(api, s.id, m.id, "choice");

    const page = (await api.get(`/stations/${s.id}/members?limit=2`)).json<Page<Assignment>>();
    expect(page.items).toHaveLength(2);
    expect(page.cursor).toEqual(expect.any(String));

    const all = await listAll<Assignment>(api, `/stations/${s.id}/members?limit=2`);
    expect(all.map((a) => a.memberId).sort()).toEqual(members.map((m) => m.id).sort());
    for (const a of all) {
      expect(a.stationId).toBe(s.id);
      expect(a.basis).toBe("choice");
      expect(a.member?.id).toBe(a.memberId);
      expect(a.member?.stationCount).toBe(1);
      expect(v.safeParse(responseSchemas.Assignment, a).success).toBe(true);
    }
  });

  it("answers an empty page for a station without members, 404 for an unknown one", async () => {
    const s = await createStation(api);
    expect((await api.get(`/stations/${s.id}/members`)).json<Page<Assignment>>()).toEqual({
      items: [],
      cursor: null,
    });
    expectApiError(await api.get(`/stations/${absentId}/members`), 404, "not_found");
  });

  it("exports CSV: member columns plus how and when they came", async () => {
    const s = await createStation(api);
    const m = await createMember(api, { expertise: ["乡村振兴", "电商"] });
    await assign(api, s.id, m.id, "nearby");
    const reply = await api.get(`/stations/${s.id}/members?format=csv`);
    expect(reply.headers.get("content-disposition")).toBe('attachment; filename="station-members.csv"');
    const rows = parseCsv(reply.text);
    expect(rows[0]).toEqual([
      "编号",
      "姓名",
      "界别",
      "职业",
      "专长",
      "手机",
      "电子邮箱",
      "联系工作站（室）数",
      "下沉方式",
      "下沉时间",
    ]);
    expect(rows[1]?.slice(0, 9)).toEqual([
      m.id,
      m.name,
      m.sector,
      m.profession,
      "乡村振兴、电商",
      m.phone,
      "",
      "1",
      "就近",
    ]);
    // When, as the county reads it (as every export shows times), not a UTC timestamp.
    const [listed] = (await api.get(`/stations/${s.id}/members`)).json<Page<Assignment>>().items;
    expect(rows[1]?.[9]).toBe(localDateTime(listed?.assignedAt ?? "", "Asia/Shanghai"));
    expect(rows[1]?.[9]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const english = parseCsv(
      (await api.get(`/stations/${s.id}/members?format=csv`, { headers: { "accept-language": "en" } })).text,
    );
    expect(english[0]?.slice(-2)).toEqual(["Basis", "Assigned at"]);
  });
});

describe("DELETE /stations/{stationId}/members/{memberId}", () => {
  it("removes a member (204) and uncounts it; a second DELETE answers 404", async () => {
    const s = await createStation(api);
    const stays = await createMember(api);
    const leaves = await createMember(api);
    await assign(api, s.id, stays.id);
    await assign(api, s.id, leaves.id);

    const reply = await api.delete(`/stations/${s.id}/members/${leaves.id}`);
    expect(reply.status, reply.text).toBe(204);
    expect(reply.text).toBe("");
    expect((await membersOf(s.id)).map((a) => a.memberId)).toEqual([stays.id]);
    expect((await station(s.id)).memberCount).toBe(1);
    expect((await member(leaves.id)).stationCount).toBe(0);

    const again = await api.delete(`/stations/${s.id}/members/${leaves.id}`);
    expect(expectApiError(again, 404, "not_found").message).toBe("该委员未在此工作站（室）");
    expect((await station(s.id)).memberCount).toBe(1);
    expect((await member(leaves.id)).stationCount).toBe(0);
  });

  it("answers 404 for an unknown station", async () => {
    const m = await createMember(api);
    expectApiError(await api.delete(`/stations/${absentId}/members/${m.id}`), 404, "not_found");
  });
});

describe("the lead member", () => {
  it("serves at the station from its registration", async () => {
    const lead = await createMember(api);
    const s = await createStation(api, { leadMemberId: lead.id });
    expect(s.leadMemberId).toBe(lead.id);
    expect(s.memberCount).toBe(1);
    const assigned = await membersOf(s.id);
    expect(assigned.map((a) => [a.memberId, a.basis])).toEqual([[lead.id, "choice"]]);
    expect((await member(lead.id)).stationCount).toBe(1);
  });

  it("cannot be removed (409) until another lead is chosen", async () => {
    const lead = await createMember(api);
    const next = await createMember(api);
    const s = await createStation(api, { leadMemberId: lead.id });

    const refused = await api.delete(`/stations/${s.id}/members/${lead.id}`);
    const error = expectApiError(refused, 409, "lead_member");
    expect(error.message).toBe("牵头委员不能直接移出，请先更换牵头委员");
    expect(error.details).toEqual([
      { field: "memberId", code: "lead_member", message: "该委员是本站牵头委员" },
    ]);
    expect((await membersOf(s.id)).map((a) => a.memberId)).toEqual([lead.id]);
    expect((await station(s.id)).memberCount).toBe(1);

    const english = await api.delete(`/stations/${s.id}/members/${lead.id}`, {
      headers: { "accept-language": "en" },
    });
    expect(english.error.message).toBe("The lead member cannot leave; choose another lead member first");

    // A new lead is chosen among those serving (no longer assigned by the PATCH); the old lead may then leave.
    const notServing = await api.patch(`/stations/${s.id}`, { leadMemberId: next.id });
    expectApiError(notServing, 400, "validation_failed");
    expect(notServing.error.details).toEqual([
      { field: "leadMemberId", code: "lead_not_serving", message: "牵头委员须是已在本站的委员" },
    ]);
    expect((await station(s.id)).leadMemberId).toBe(lead.id);
    await assign(api, s.id, next.id);
    const changed = await api.patch(`/stations/${s.id}`, { leadMemberId: next.id });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json<Station>()).toMatchObject({ leadMemberId: next.id, memberCount: 2 });
    expect((await membersOf(s.id)).map((a) => a.memberId).sort()).toEqual([lead.id, next.id].sort());
    expect((await member(next.id)).stationCount).toBe(1);

    expect((await api.delete(`/stations/${s.id}/members/${lead.id}`)).status).toBe(204);
    expect((await station(s.id)).memberCount).toBe(1);
    expectApiError(await api.delete(`/stations/${s.id}/members/${next.id}`), 409, "lead_member");
  });

  it("choosing an already-assigned member as lead does not count them twice", async () => {
    const s = await createStation(api);
    const m = await createMember(api);
    await assign(api, s.id, m.id);
    const changed = await api.patch(`/stations/${s.id}`, { leadMemberId: m.id });
    expect(changed.json<Station>()).toMatchObject({ leadMemberId: m.id, memberCount: 1 });
    expect((await member(m.id)).stationCount).toBe(1);
  });

  it("an unknown or not serving lead member is refused (400 naming leadMemberId), changing nothing", async () => {
    const s = await createStation(api);
    const reply = await api.patch(`/stations/${s.id}`, { leadMemberId: absentId });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["leadMemberId"]);
    const elsewhere = await createMember(api);
    const other = await createStation(api);
    await assign(api, other.id, elsewhere.id);
    const notHere = await api.patch(`/stations/${s.id}`, { leadMemberId: elsewhere.id });
    expectApiError(notHere, 400, "validation_failed");
    expect(notHere.error.details?.map((d) => [d.field, d.code])).toEqual([
      ["leadMemberId", "lead_not_serving"],
    ]);
    expect(await station(s.id)).toEqual(s);
    expect((await member(elsewhere.id)).stationCount).toBe(1);
  });

  it("after clearing the lead (null), the former lead may leave", async () => {
    const lead = await createMember(api);
    const s = await createStation(api, { leadMemberId: lead.id });
    const cleared = await api.patch(`/stations/${s.id}`, { leadMemberId: null });
    expect(cleared.json<Station>()).not.toHaveProperty("leadMemberId");
    expect((await api.delete(`/stations/${s.id}/members/${lead.id}`)).status).toBe(204);
  });
});

describe("GET /stations/{stationId}/member-suggestions", () => {
  const topic = "老旧小区加装电梯";
  const zone = "城东";
  let here: Station;
  let names: Record<string, Member>;

  interface Suggestion {
    memberId: string;
    name: string;
    sector: string;
    rank: number;
    score: { match: number; nearness: number; load: number };
    reasons: { code: string; value: string | number; text: string }[];
  }

  beforeAll(async () => {
    here = await createStation(api, { zone });
    const sameZone = await createStation(api, { zone });
    const elsewhere = [
      await createStation(api, { zone: "城西" }),
      await createStation(api, { zone: "城北" }),
    ];
    names = {
      serves: await createMember(api, { name: "甲（本站）", expertise: ["电梯安全"] }),
      zone: await createMember(api, { name: "乙（同片区）", expertise: ["电梯安全"] }),
      free: await createMember(api, { name: "丙（未下沉）", expertise: ["加装电梯"] }),
      busy: await createMember(api, { name: "丁（已联系两站）", expertise: ["电梯安全"] }),
      profession: await createMember(api, {
        name: "戊（职业相关）",
        profession: "电梯维修工程师",
        expertise: [],
      }),
      sector: await createMember(api, { name: "己（界别）", sector: "医药卫生界", expertise: [] }),
      none: await createMember(api, { name: "庚（无关）", expertise: ["非遗保护"] }),
    };
    const id = (key: string) => names[key]?.id ?? "";
    await assign(api, here.id, id("serves"));
    await assign(api, sameZone.id, id("zone"));
    for (const s of elsewhere) await assign(api, s.id, id("busy"));
  });

  const suggest = async (query: string, headers: Record<string, string> = {}) => {
    const reply = await api.get(`/stations/${here.id}/member-suggestions?${query}`, { headers });
    expect(reply.status, reply.text).toBe(200);
    return reply.json<{ topic: string; items: Suggestion[] }>();
  };

  it("ranks by topic match, then nearness (this station, then its zone), then load", async () => {
    const result = await suggest(
      `topic=${encodeURIComponent(topic)}&sector=${encodeURIComponent("医药卫生界")}`,
    );
    expect(result.topic).toBe(topic);
    expect(v.safeParse(responseSchemas.SuggestionList, result).success).toBe(true);
    const key = (id: string) => Object.entries(names).find(([, m]) => m.id === id)?.[0];
    expect(result.items.slice(0, 6).map((s) => key(s.memberId))).toEqual([
      "serves", // expertise, serves here
      "zone", // expertise, same zone
      "free", // expertise, serves nowhere yet
      "busy", // expertise, already at two stations elsewhere
      "profession", // profession only
      "sector", // the sector asked for
    ]);
    expect(result.items.map((s) => s.rank)).toEqual(result.items.map((_, i) => i + 1));
    expect(result.items.find((s) => s.memberId === names.none?.id)?.score.match ?? 0).toBe(0);
  });

  it("says why each member is suggested, in Chinese by default", async () => {
    const { items } = await suggest(`topic=${encodeURIComponent(topic)}`);
    const byId = new Map(items.map((s) => [s.memberId, s]));
    expect(byId.get(names.serves?.id ?? "")?.reasons).toEqual([
      { code: "expertise", value: "电梯安全", text: "专长“电梯安全”与议题相关" },
      { code: "serves_here", value: zone, text: "已下沉本站（城东片区）" },
      { code: "load", value: 1, text: "已联系 1 个工作站（室）" },
    ]);
    expect(byId.get(names.zone?.id ?? "")?.reasons.map((r) => r.text)).toEqual([
      "专长“电梯安全”与议题相关",
      "同在城东片区",
      "已联系 1 个工作站（室）",
    ]);
    expect(byId.get(names.busy?.id ?? "")?.score).toEqual({ match: 3, nearness: 0, load: 2 });
    expect(byId.get(names.profession?.id ?? "")?.reasons[0]).toEqual({
      code: "profession",
      value: "电梯维修工程师",
      text: "职业“电梯维修工程师”与议题相关",
    });
  });

  it("says why in English with Accept-Language: en", async () => {
    const { items } = await suggest(`topic=${encodeURIComponent(topic)}`, { "accept-language": "en" });
    const first = items[0];
    expect(first?.memberId).toBe(names.serves?.id);
    expect(first?.reasons.map((r) => r.text)).toEqual([
      "Expertise \u201c电梯安全\u201d fits the topic",
      "Already serves at this station (城东 zone)",
      "Serves at 1 station(s) already",
    ]);
  });

  it("honours limit", async () => {
    const { items } = await suggest(`topic=${encodeURIComponent(topic)}&limit=2`);
    expect(items.map((s) => s.memberId)).toEqual([names.serves?.id, names.zone?.id]);
  });

  it("needs a topic and refuses a bad limit", async () => {
    const missing = await api.get(`/stations/${here.id}/member-suggestions`);
    expectApiError(missing, 400, "validation_failed");
    expect(missing.fields).toEqual(["topic"]);
    const tooMany = await api.get(`/stations/${here.id}/member-suggestions?topic=x&limit=51`);
    expect(tooMany.fields).toEqual(["limit"]);
  });

  it("answers 404 for an unknown station", async () => {
    expectApiError(await api.get(`/stations/${absentId}/member-suggestions?topic=x`), 404, "not_found");
  });
});
