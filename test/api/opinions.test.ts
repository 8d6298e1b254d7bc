/**
 * 社情民意 items through the local gateway with the real handlers: collect (resident or member),
 * list (and CSV), read with the history, report / adopt / decline with their 409s, who may do what,
 * residents' contacts masked for members — and the station's tally, exact under concurrency and
 * retries. Promotion to a topic (once only, however close two promotions come) is in
 * opinion-promotion.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { yearCounters } from "../support/tally";
import { type StationWithLead, stationWithLead } from "../workflow/harness";
import {
  type Api,
  absentId,
  createMember,
  createStation,
  expectApiError,
  type Page,
  parseCsv,
  type Reply,
  startApi,
  ulidPattern,
  unique,
} from "./harness";

interface Opinion {
  id: string;
  stationId: string;
  title: string;
  source: string;
  submitter?: { name: string; phone?: string; email?: string; memberId?: string };
  receivedOn: string;
  status: string;
  statusName: string;
  reportedTo?: string;
  adoptedBy?: string;
  declineReason?: string;
  topicId?: string;
  history: { kind: string; text: string }[];
  version: number;
}

let api: Api;
let home: StationWithLead;
let memberToken: string;
let otherStaff: string;
const year = 2026;

beforeAll(async () => {
  api = await startApi();
  home = await stationWithLead(api);
  memberToken = await api.token({ role: "member", memberId: home.lead.id, subject: "member-1" });
  const other = await createStation(api);
  otherStaff = await api.token({ role: "staff", stationIds: [other.id], subject: "staff-2" });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const residentItem = (overrides: Record<string, unknown> = {}) => ({
  title: unique("小区路灯不亮"),
  content: "城东小区三号楼前路灯损坏已一个月，夜间出行不便。",
  source: "resident",
  submitter: { name: "居民甲", phone: "13700000009" },
  receivedOn: `${year}-03-02`,
  ...overrides,
});

async function collect(body: Record<string, unknown> = residentItem(), token?: string): Promise<Opinion> {
  const reply = await api.post(`/stations/${home.station.id}/opinions`, body, token ? { token } : {});
  expect(reply.status, reply.text).toBe(201);
  return reply.json<Opinion>();
}

const counters = (stationId: string, y = year) => yearCounters(stationId, y);

describe("collecting an item", () => {
  it("records a resident's item at received, with its history and a Location", async () => {
    const reply = await api.post(`/stations/${home.station.id}/opinions`, residentItem(), {
      token: home.staffToken,
    });
    expect(reply.status, reply.text).toBe(201);
    const item = reply.json<Opinion>();
    expect(item.id).toMatch(ulidPattern);
    expect(reply.headers.get("location")).toBe(`/opinions/${item.id}`);
    expect(reply.headers.get("etag")).toBe('"1"');
    expect(item).toMatchObject({ status: "received", statusName: "已收集", source: "resident", version: 1 });
    expect(item.submitter).toEqual({ name: "居民甲", phone: "13700000009" });
    expect(item.history.map((event) => event.kind)).toEqual(["received"]);
    expect(item.history[0]?.text).toContain("收集");
    // Its time is the entry's `at`, shown beside it: the sentence does not say it again.
    expect(item.history[0]?.text).not.toMatch(/\d\d:\d\d/);
  });

  it("takes a resident's item without contacts, and defaults receivedOn to the county's today", async () => {
    const { receivedOn: _r, ...body } = residentItem({ submitter: { name: "匿名群众" } });
    const item = await collect(body);
    expect(item.submitter).toEqual({ name: "匿名群众" });
    expect(item.receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("fills a member's own item from the token; the member must serve at the station", async () => {
    const body = { title: unique("委员建议"), content: "建议增设公交站点。", source: "member" };
    const item = await collect(body, memberToken);
    expect(item.submitter).toEqual({ name: home.lead.name, memberId: home.lead.id });
    const stranger = await createMember(api);
    const strangerToken = await api.token({ role: "member", memberId: stranger.id, subject: "m-2" });
    const refused = await api.post(`/stations/${home.station.id}/opinions`, body, { token: strangerToken });
    expectApiError(refused, 404, "not_found");
  });

  it("refuses bad input naming each field, and changes nothing", async () => {
    const before = await counters(home.station.id);
    const cases: [Record<string, unknown>, string[]][] = [
      [residentItem({ submitter: undefined }), ["submitter"]],
      [residentItem({ memberId: home.lead.id }), ["memberId"]],
      [{ ...residentItem({ source: "member" }) }, ["submitter", "memberId"]],
      [residentItem({ submitter: { name: "甲", phone: "12345" } }), ["submitter.phone"]],
      [residentItem({ receivedOn: "2999-01-01" }), ["receivedOn"]],
      [residentItem({ category: "nonsense" }), ["category"]],
      [residentItem({ title: "" }), ["title"]],
      [residentItem({ source: "letter" }), ["source"]],
    ];
    for (const [body, fields] of cases) {
      const reply = await api.post(`/stations/${home.station.id}/opinions`, body);
      expectApiError(reply, 400, "validation_failed");
      expect(reply.fields.sort(), JSON.stringify(body)).toEqual([...fields].sort());
    }
    const other = await api.post(`/stations/${home.station.id}/opinions`, residentItem(), {
      token: otherStaff,
    });
    expectApiError(other, 404, "not_found");
    expectApiError(await api.post(`/stations/${absentId}/opinions`, residentItem()), 404, "not_found");
    expect(await counters(home.station.id)).toEqual(before);
  });
});

describe("the way upward", () => {
  it("reports, then adopts: each counted once, in the item's history", async () => {
    const item = await collect();
    const before = await counters(home.station.id);
    const reported = await api.post(
      `/opinions/${item.id}/report`,
      { to: "县政协", reportedOn: `${year}-03-05` },
      { token: home.staffToken },
    );
    expect(reported.status, reported.text).toBe(200);
    expect(reported.json<Opinion>()).toMatchObject({ status: "reported", reportedTo: "县政协", version: 2 });
    const adopted = await api.post(`/opinions/${item.id}/adopt`, { adoptedBy: "县委办公室", note: "已批示" });
    expect(adopted.status, adopted.text).toBe(200);
    const final = adopted.json<Opinion>();
    expect(final).toMatchObject({ status: "adopted", statusName: "已采用", adoptedBy: "县委办公室" });
    expect(final.history.map((event) => event.kind)).toEqual(["received", "reported", "adopted"]);
    const after = await counters(home.station.id);
    expect((after.opinions_reported ?? 0) - (before.opinions_reported ?? 0)).toBe(1);
    expect((after.opinions_adopted ?? 0) - (before.opinions_adopted ?? 0)).toBe(1);
    expect(after.opinions).toBe(before.opinions);
  });

  it("answers 409 opinion_wrong_status for a step out of turn, and counts nothing", async () => {
    const item = await collect();
    const early = await api.post(`/opinions/${item.id}/adopt`, { adoptedBy: "县委办公室" });
    const error = expectApiError(early, 409, "opinion_wrong_status");
    expect(error.details?.[0]?.message).toContain("已收集");
    expectApiError(
      await api.post(`/opinions/${item.id}/decline`, { reason: "重复" }),
      409,
      "opinion_wrong_status",
    );
    expect((await api.post(`/opinions/${item.id}/report`, { to: "县政协" })).status).toBe(200);
    const before = await counters(home.station.id);
    expectApiError(
      await api.post(`/opinions/${item.id}/report`, { to: "县政协" }),
      409,
      "opinion_wrong_status",
    );
    const declined = await api.post(`/opinions/${item.id}/decline`, { reason: "已有同类信息" });
    expect(declined.json<Opinion>()).toMatchObject({ status: "not_adopted", declineReason: "已有同类信息" });
    expectApiError(
      await api.post(`/opinions/${item.id}/adopt`, { adoptedBy: "县委" }),
      409,
      "opinion_wrong_status",
    );
    expect(await counters(home.station.id)).toEqual(before);
  });

  it("takes the date each step happened, never after today nor before the step it follows", async () => {
    const item = await collect(); // received on ${year}-03-02
    const before = await counters(home.station.id);
    const dated = async (action: string, body: Record<string, unknown>, field: string, text: string) => {
      const error = expectApiError(
        await api.post(`/opinions/${item.id}/${action}`, body),
        400,
        "validation_failed",
      );
      expect(error.details).toEqual([
        expect.objectContaining({ field, message: expect.stringContaining(text) }),
      ]);
    };
    await dated("report", { to: "县政协", reportedOn: "2999-01-01" }, "reportedOn", "不能晚于今天");
    await dated(
      "report",
      { to: "县政协", reportedOn: `${year}-03-01` },
      "reportedOn",
      `收集日期（${year}-03-02）`,
    );
    expect((await api.get(`/opinions/${item.id}`)).json<Opinion>()).toMatchObject({
      status: "received",
      version: 1,
    });
    expect(await counters(home.station.id)).toEqual(before);

    const reported = await api.post(`/opinions/${item.id}/report`, {
      to: "县政协",
      reportedOn: `${year}-03-04`,
    });
    expect(reported.json<Opinion>()).toMatchObject({ status: "reported", reportedOn: `${year}-03-04` });
    await dated(
      "adopt",
      { adoptedBy: "县委", adoptedOn: `${year}-03-03` },
      "adoptedOn",
      `报送日期（${year}-03-04）`,
    );
    await dated("decline", { reason: "重复", declinedOn: "2999-01-01" }, "declinedOn", "不能晚于今天");
    const adopted = await api.post(`/opinions/${item.id}/adopt`, {
      adoptedBy: "县委",
      adoptedOn: `${year}-03-04`,
    });
    expect(adopted.json<Opinion>()).toMatchObject({ status: "adopted", adoptedOn: `${year}-03-04` });
  });

  it("honours If-Match, and lets one of two racing reports land", async () => {
    const item = await collect();
    const stale = await api.post(
      `/opinions/${item.id}/report`,
      { to: "县政协" },
      { headers: { "if-match": '"7"' } },
    );
    expectApiError(stale, 409, "version_mismatch");
    const before = await counters(home.station.id);
    const replies = await Promise.all(
      [1, 2, 3].map(() => api.post(`/opinions/${item.id}/report`, { to: "县政协" })),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    for (const status of statuses) expect([200, 409, 429]).toContain(status);
    const after = await counters(home.station.id);
    expect((after.opinions_reported ?? 0) - (before.opinions_reported ?? 0)).toBe(1);
  });

  it("lets members and other stations' staff change nothing", async () => {
    const item = await collect();
    expectApiError(
      await api.post(`/opinions/${item.id}/report`, { to: "县政协" }, { token: memberToken }),
      403,
      "forbidden",
    );
    expectApiError(
      await api.post(`/opinions/${item.id}/report`, { to: "县政协" }, { token: otherStaff }),
      404,
      "not_found",
    );
    expectApiError(await api.get(`/opinions/${item.id}`, { token: otherStaff }), 404, "not_found");
    expectApiError(await api.get(`/opinions/${absentId}`), 404, "not_found");
  });
});

describe("reading items", () => {
  it("lists a station's items by year and status, newest first, and as CSV with Chinese headers", async () => {
    const station = await createStation(api);
    const path = `/stations/${station.id}/opinions`;
    const make = async (receivedOn: string) => {
      const reply = await api.post(path, residentItem({ receivedOn }));
      expect(reply.status, reply.text).toBe(201);
      return reply.json<Opinion>();
    };
    const old = await make("2025-11-30");
    const first = await make(`${year}-01-10`);
    const second = await make(`${year}-02-10`);
    await api.post(`/opinions/${second.id}/report`, { to: "县政协" });
    const ofYear = (await api.get(`${path}?year=${year}`)).json<Page<Opinion>>();
    expect(ofYear.items.map((item) => item.id)).toEqual([second.id, first.id]);
    const reported = (await api.get(`${path}?status=reported`)).json<Page<Opinion>>();
    expect(reported.items.map((item) => item.id)).toEqual([second.id]);
    const all = (await api.get(`${path}?limit=2`)).json<Page<Opinion>>();
    expect(all.items).toHaveLength(2);
    const rest = (await api.get(`${path}?limit=2&cursor=${encodeURIComponent(all.cursor ?? "")}`)).json<
      Page<Opinion>
    >();
    expect(rest.items.map((item) => item.id)).toEqual([old.id]);
    const csv: Reply = await api.get(`${path}?year=${year}&format=csv`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(
      expect.arrayContaining(["编号", "标题", "来源", "反映人", "状态", "收集日期", "报送单位"]),
    );
    expect(rows.slice(1).map((row) => row[rows[0]?.indexOf("状态") ?? 0])).toEqual(["已报送", "已收集"]);
    expectApiError(await api.get(`${path}?year=20x6`), 400, "validation_failed");
    expectApiError(await api.get(`${path}?status=lost`), 400, "validation_failed");
  });

  it("shows members their stations' items with residents' contacts masked; staff see them whole", async () => {
    const item = await collect(
      residentItem({ submitter: { name: "居民乙", phone: "13812345678", email: "yi@example.org" } }),
    );
    const asMember = await api.get(`/opinions/${item.id}`, { token: memberToken });
    expect(asMember.status, asMember.text).toBe(200);
    expect(asMember.json<Opinion>().submitter).toEqual({
      name: "居民乙",
      phone: "138****5678",
      email: "y***@example.org",
    });
    const listed = (await api.get(`/stations/${home.station.id}/opinions`, { token: memberToken })).json<
      Page<Opinion>
    >();
    expect(listed.items.find((entry) => entry.id === item.id)?.submitter?.phone).toBe("138****5678");
    const csv = await api.get(`/stations/${home.station.id}/opinions?format=csv`, { token: memberToken });
    expect(csv.text).not.toContain("13812345678");
    const asStaff = await api.get(`/opinions/${item.id}`, { token: home.staffToken });
    expect(asStaff.json<Opinion>().submitter?.phone).toBe("13812345678");
    expectApiError(
      await api.get(`/stations/${home.station.id}/opinions`, { token: otherStaff }),
      404,
      "not_found",
    );
  });
});

describe("the tally", () => {
  it("counts N concurrent items exactly N times, each client retrying its own key on 429", async () => {
    const station = await createStation(api);
    const n = 12;
    await Promise.all(
      Array.from({ length: n }, async (_, index) => {
        const key = `concurrent-${station.id}-${index}`;
        for (let attempt = 0; attempt < 50; attempt++) {
          const reply = await api.post(
            `/stations/${station.id}/opinions`,
            residentItem({ title: `并发${index}` }),
            {
              headers: { "idempotency-key": key },
            },
          );
          if (reply.status === 201) return;
          expect([409, 429], reply.text).toContain(reply.status);
          await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 50));
        }
        throw new Error(`item ${index} never landed`);
      }),
    );
    expect((await counters(station.id)).opinions).toBe(n);
    const listed = (await api.get(`/stations/${station.id}/opinions?limit=100`)).json<Page<Opinion>>();
    expect(listed.items).toHaveLength(n);
  });

  it("counts a request sent twice with the same Idempotency-Key once, and answers the first answer", async () => {
    const station = await createStation(api);
    const body = residentItem();
    const headers = { "idempotency-key": `twice-${station.id}` };
    const first = await api.post(`/stations/${station.id}/opinions`, body, { headers });
    const again = await api.post(`/stations/${station.id}/opinions`, body, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json<Opinion>().id).toBe(first.json<Opinion>().id);
    expect((await counters(station.id)).opinions).toBe(1);
  });

  it("counts an item in the year it was received", async () => {
    const station = await createStation(api);
    await api.post(`/stations/${station.id}/opinions`, residentItem({ receivedOn: "2025-12-31" }));
    expect((await counters(station.id, 2025)).opinions).toBe(1);
    expect((await counters(station.id, year)).opinions).toBeUndefined();
  });
});
