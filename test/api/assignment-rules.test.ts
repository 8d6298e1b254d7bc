/**
 * Who may change where a member serves: the county office assigns and removes; a member may leave;
 * station staff invite instead (test/api/invitations.test.ts). Every change is in the member's
 * history, and the member's record says where they serve to those entitled to see it.
 */
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { responseSchemas } from "../../functions/meta/response-schemas";
import {
  type Api,
  assign,
  createMember,
  createStation,
  expectApiError,
  type Member,
  type Station,
  startApi,
} from "./harness";

interface HistoryEntry {
  at: string;
  event: string;
  stationId: string;
  basis?: string;
  by: { subject: string; name?: string; role: string };
}

let api: Api;
let station: Station;
let staff: string;
let otherStaff: string;

beforeAll(async () => {
  api = await startApi();
  station = await createStation(api, { township: "城关镇", zone: "城区" });
  staff = await api.token({ role: "staff", stationIds: [station.id] });
  otherStaff = await api.token({ role: "staff", stationIds: [(await createStation(api)).id] });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const history = async (memberId: string, token = api.admin) => {
  const reply = await api.get(`/members/${memberId}/history`, { token });
  expect(reply.status, reply.text).toBe(200);
  expect(v.safeParse(responseSchemas.MemberHistory, reply.json()).success).toBe(true);
  return reply.json<{ items: HistoryEntry[] }>().items;
};

const memberToken = (member: Member) => api.token({ role: "member", memberId: member.id });

describe("assigning directly", () => {
  it("is for the county office only: staff get 403, the admin assigns, recorded as assigned", async () => {
    const m = await createMember(api);
    expectApiError(
      await api.put(`/stations/${station.id}/members/${m.id}`, undefined, { token: staff }),
      403,
      "forbidden",
    );
    const admin = await api.token({ role: "admin", subject: "office-1", name: "县政协办公室" });
    const reply = await api.put(
      `/stations/${station.id}/members/${m.id}`,
      { basis: "nearby" },
      { token: admin },
    );
    expect(reply.status, reply.text).toBe(201);
    const entries = await history(m.id);
    expect(entries).toEqual([
      {
        at: expect.any(String),
        event: "assigned",
        stationId: station.id,
        basis: "nearby",
        by: { subject: "office-1", name: "县政协办公室", role: "admin" },
      },
    ]);
    // A repeated PUT changes nothing where the member serves: no new entry.
    await assign(api, station.id, m.id, "nearby");
    expect(await history(m.id)).toHaveLength(1);
  });

  it("removing is for the county office; staff get 403; recorded as removed", async () => {
    const m = await createMember(api);
    await assign(api, station.id, m.id);
    expectApiError(
      await api.delete(`/stations/${station.id}/members/${m.id}`, { token: staff }),
      403,
      "forbidden",
    );
    expect((await api.delete(`/stations/${station.id}/members/${m.id}`)).status).toBe(204);
    expect((await history(m.id)).map((h) => h.event)).toEqual(["assigned", "removed"]);
  });
});

describe("a member leaving", () => {
  it("may leave a station they serve at, recorded as left", async () => {
    const m = await createMember(api);
    await assign(api, station.id, m.id);
    const token = await memberToken(m);
    expect((await api.delete(`/stations/${station.id}/members/${m.id}`, { token })).status).toBe(204);
    const entries = await history(m.id, token);
    expect(entries.map((h) => [h.event, h.by.role])).toEqual([
      ["assigned", "admin"],
      ["left", "member"],
    ]);
    expect((await api.get(`/members/${m.id}`)).json<Member>().stationCount).toBe(0);
  });

  it("may not remove anyone else (404)", async () => {
    const m = await createMember(api);
    const other = await createMember(api);
    await assign(api, station.id, other.id);
    const token = await memberToken(m);
    expectApiError(
      await api.delete(`/stations/${station.id}/members/${other.id}`, { token }),
      404,
      "not_found",
    );
    expect((await api.get(`/members/${other.id}`)).json<Member>().stationCount).toBe(1);
  });
});

describe("where a member serves, and their history", () => {
  it("is shown to the admin, the member and the station's staff; not to other staff", async () => {
    const m = await createMember(api);
    await assign(api, station.id, m.id, "nearby");
    const expected = [
      { stationId: station.id, name: station.name, basis: "nearby", since: expect.any(String) },
    ];
    for (const token of [api.admin, staff, await memberToken(m)]) {
      const reply = await api.get(`/members/${m.id}`, { token });
      expect(reply.status, reply.text).toBe(200);
      expect(v.safeParse(responseSchemas.MemberDetail, reply.json()).success).toBe(true);
      expect(reply.json<{ stations: unknown }>().stations).toEqual(expected);
    }
    const elsewhere = await api.get(`/members/${m.id}`, { token: otherStaff });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.json()).not.toHaveProperty("stations");
    expectApiError(await api.get(`/members/${m.id}/history`, { token: otherStaff }), 404, "not_found");
    const stranger = await memberToken(await createMember(api));
    expectApiError(await api.get(`/members/${m.id}/history`, { token: stranger }), 404, "not_found");
  });
});

describe("就近: suggestions rank members of the station's township as near", () => {
  it("puts a member living in the township above one in the same zone, with the reason", async () => {
    const topic = "农产品冷链物流";
    const local = await createMember(api, { expertise: ["冷链物流"], township: "城关镇" });
    const zoneMember = await createMember(api, { expertise: ["冷链物流"] });
    const zoneStation = await createStation(api, { zone: "城区", township: "另一镇" });
    await assign(api, zoneStation.id, zoneMember.id);
    const reply = await api.get(
      `/stations/${station.id}/member-suggestions?topic=${encodeURIComponent(topic)}`,
      { token: staff },
    );
    expect(reply.status, reply.text).toBe(200);
    const items = reply.json<{ items: { memberId: string; reasons: { code: string; text: string }[] }[] }>()
      .items;
    const ids = items.map((s) => s.memberId);
    expect(ids.indexOf(local.id)).toBeLessThan(ids.indexOf(zoneMember.id));
    expect(ids.indexOf(local.id)).toBeGreaterThanOrEqual(0);
    const reasons = items.find((s) => s.memberId === local.id)?.reasons ?? [];
    expect(reasons.map((r) => r.code)).toContain("same_township");
    expect(reasons.find((r) => r.code === "same_township")?.text).toContain("城关镇");
    const zoneReasons = items.find((s) => s.memberId === zoneMember.id)?.reasons ?? [];
    expect(zoneReasons.map((r) => r.code)).toContain("same_zone");
  });
});
