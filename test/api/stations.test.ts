/**
 * Stations and rooms through the local HTTP gateway with the real handlers: register, read, list
 * (filters, cursor paging), change with optimistic concurrency, the 六有 checklist, CSV export.
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
  listAll,
  type Page,
  parseCsv,
  type Station,
  startApi,
  stationInput,
  ulidPattern,
  unique,
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

const allMet = {
  venue: { met: true, note: "镇新时代文明实践所二楼" },
  signage: { met: true },
  rules: { met: true },
  process: { met: true },
  activities: { met: true },
  results: { met: true },
};

describe("POST /stations", () => {
  it("registers a station: 201, Location and ETag, server-generated id, defaults filled in", async () => {
    const input = stationInput({ name: "东山片区委员工作站", zone: "东山" });
    const reply = await api.post("/stations", input);
    expect(reply.status, reply.text).toBe(201);
    const station = reply.json<Station>();
    expect(station.id).toMatch(ulidPattern);
    expect(reply.headers.get("location")).toBe(`/stations/${station.id}`);
    expect(reply.headers.get("etag")).toBe('"1"');
    expect(reply.headers.get("x-request-id")).toBeTruthy();
    expect(station).toMatchObject({
      kind: "station",
      name: "东山片区委员工作站",
      zone: "东山",
      township: "测试镇",
      hostVenue: input.hostVenue,
      liaison: input.liaison,
      status: "preparing",
      memberCount: 0,
      version: 1,
      meetsStandard: false,
      standardsMet: 0,
    });
    // Every item of the 六有 checklist is present, not met until assessed.
    expect(Object.keys(station.standards).sort()).toEqual(
      ["activities", "process", "results", "rules", "signage", "venue"].sort(),
    );
    for (const check of Object.values(station.standards)) expect(check.met).toBe(false);
    expect(Date.parse(station.createdAt)).not.toBeNaN();
    expect(station.updatedAt).toBe(station.createdAt);
    expect(v.safeParse(responseSchemas.Station, station).success).toBe(true);
  });

  it("registers a room with a complete 六有 checklist and computes meetsStandard", async () => {
    const room = await createStation(api, { kind: "room", status: "active", standards: allMet });
    expect(room.kind).toBe("room");
    expect(room.status).toBe("active");
    expect(room.meetsStandard).toBe(true);
    expect(room.standardsMet).toBe(6);
    expect(room.standards.venue).toEqual({ met: true, note: "镇新时代文明实践所二楼" });
  });

  it("does not count a station that misses one of the six as meeting the standard", async () => {
    const station = await createStation(api, {
      standards: { ...allMet, results: { met: false, note: "成果汇编编写中" } },
    });
    expect(station.meetsStandard).toBe(false);
    expect(station.standardsMet).toBe(5);
    expect(station.standards.results).toEqual({ met: false, note: "成果汇编编写中" });
  });

  it("treats items left out of the checklist as not met", async () => {
    const station = await createStation(api, { standards: { venue: { met: true }, signage: { met: true } } });
    expect(station.standardsMet).toBe(2);
    expect(station.meetsStandard).toBe(false);
    expect(station.standards.rules).toEqual({ met: false });
  });

  it("keeps a contact's mobile number in its 11-digit form", async () => {
    const station = await createStation(api, { contact: { name: "陈联络员", phone: "+86 138-0013-8000" } });
    expect(station.contact).toEqual({ name: "陈联络员", phone: "13800138000" });
  });

  it("refuses a second station with the same name (409, naming the field)", async () => {
    const first = await createStation(api);
    const reply = await api.post("/stations", stationInput({ name: first.name }));
    const error = expectApiError(reply, 409, "already_exists");
    expect(reply.fields).toEqual(["name"]);
    expect(error.details?.[0]?.message).toBe("已有同名的工作站（室）");
  });

  it("names every missing required field", async () => {
    const reply = await api.post("/stations", {});
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields.sort()).toEqual(["hostVenue", "kind", "liaison", "name", "zone"]);
    for (const detail of reply.error.details ?? []) expect(detail.code).toBe("required");
  });

  it("refuses an unknown kind, listing the allowed ones", async () => {
    const reply = await api.post("/stations", stationInput({ kind: "office" }));
    expectApiError(reply, 400, "validation_failed");
    expect(reply.error.details).toEqual([
      { field: "kind", code: "invalid_value", message: "取值无效，可选：station | room" },
    ]);
  });

  it("refuses a lead member who does not exist (400 naming leadMemberId), creating nothing", async () => {
    const input = stationInput({ leadMemberId: "01ARZ3NDEKTSV4RRFFQ69G5FAV" });
    const reply = await api.post("/stations", input);
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["leadMemberId"]);
    // The name is still free: nothing was written.
    expect((await api.post("/stations", { ...input, leadMemberId: undefined })).status).toBe(201);
  });
});

describe("GET /stations/{stationId}", () => {
  it("answers the station with its version as ETag", async () => {
    const created = await createStation(api);
    const reply = await api.get(`/stations/${created.id}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("etag")).toBe('"1"');
    expect(reply.headers.get("cache-control")).toBe("no-store");
    expect(reply.json<Station>()).toEqual(created);
  });
});

describe("the liaison leader's contacts", () => {
  const liaison = {
    leader: "联系县领导乙",
    committee: "社会和法制委员会",
    phone: "13700000009",
    email: "liaison@example.gov.cn",
  };

  it("are kept for the county office and the station's staff, and masked for a member serving there", async () => {
    const station = await createStation(api, { liaison });
    expect(station.liaison).toEqual(liaison);
    const staff = await api.token({ role: "staff", stationIds: [station.id] });
    expect((await api.get(`/stations/${station.id}`, { token: staff })).json<Station>().liaison).toEqual(
      liaison,
    );

    const member = await createMember(api);
    await assign(api, station.id, member.id);
    const token = await api.token({ role: "member", memberId: member.id });
    for (const shown of [
      (await api.get(`/stations/${station.id}`, { token })).json<Station>(),
      (await api.get("/stations", { token }))
        .json<{ items: Station[] }>()
        .items.find((s) => s.id === station.id),
    ]) {
      expect(shown?.liaison).toEqual({ ...liaison, phone: "137****0009", email: "l***@example.gov.cn" });
    }
  });

  it("refuses a phone that is not a mainland mobile, naming liaison.phone", async () => {
    const reply = await api.post("/stations", stationInput({ liaison: { ...liaison, phone: "12345" } }));
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["liaison.phone"]);
  });
});

describe("GET /stations", () => {
  const zoneA = "列表甲";
  const zoneB = "列表乙";
  let inA: Station[];
  let inB: Station[];

  beforeAll(async () => {
    inA = [];
    inB = [];
    for (let i = 0; i < 5; i++) {
      inA.push(
        await createStation(api, {
          zone: zoneA,
          kind: i === 2 ? "room" : "station",
          status: i < 2 ? "active" : "preparing",
        }),
      );
    }
    for (let i = 0; i < 3; i++) inB.push(await createStation(api, { zone: zoneB, kind: "room" }));
  });

  it("lists every station, oldest first (ids sort by time)", async () => {
    const all = await listAll<Station>(api, "/stations?limit=100");
    const ids = all.map((s) => s.id);
    for (const station of [...inA, ...inB]) expect(ids).toContain(station.id);
    expect([...ids].sort()).toEqual(ids);
    for (const station of all) expect(v.safeParse(responseSchemas.Station, station).success).toBe(true);
  });

  it("filters by zone", async () => {
    const reply = await api.get(`/stations?zone=${encodeURIComponent(zoneA)}`);
    expect(reply.status).toBe(200);
    const page = reply.json<Page<Station>>();
    expect(page.items.map((s) => s.id)).toEqual(inA.map((s) => s.id));
    expect(page.cursor).toBeNull();
  });

  it("filters by kind and status, alone and together with zone", async () => {
    const rooms = await listAll<Station>(api, "/stations?kind=room");
    expect(rooms.length).toBeGreaterThanOrEqual(4);
    for (const room of rooms) expect(room.kind).toBe("room");
    expect(rooms.map((s) => s.id)).toEqual(expect.arrayContaining([inA[2]?.id, ...inB.map((s) => s.id)]));

    const roomsInA = await listAll<Station>(api, `/stations?zone=${encodeURIComponent(zoneA)}&kind=room`);
    expect(roomsInA.map((s) => s.id)).toEqual([inA[2]?.id]);

    const activeInA = await listAll<Station>(
      api,
      `/stations?zone=${encodeURIComponent(zoneA)}&status=active`,
    );
    expect(activeInA.map((s) => s.id)).toEqual([inA[0]?.id, inA[1]?.id]);

    const nothing = await api.get(`/stations?zone=${encodeURIComponent("没有这个片区")}`);
    expect(nothing.json<Page<Station>>()).toEqual({ items: [], cursor: null });
  });

  it("pages with limit and an opaque cursor, without gaps or repeats", async () => {
    const first = await api.get(`/stations?zone=${encodeURIComponent(zoneA)}&limit=2`);
    expect(first.status).toBe(200);
    const page1 = first.json<Page<Station>>();
    expect(page1.items).toHaveLength(2);
    expect(page1.cursor).toEqual(expect.any(String));

    const paged = await listAll<Station>(api, `/stations?zone=${encodeURIComponent(zoneA)}&limit=2`);
    expect(paged.map((s) => s.id)).toEqual(inA.map((s) => s.id));

    const pagedAll = await listAll<Station>(api, "/stations?limit=3");
    const everything = await listAll<Station>(api, "/stations?limit=100");
    expect(pagedAll.map((s) => s.id)).toEqual(everything.map((s) => s.id));
  });

  it("pages a filtered list (filter applied across pages)", async () => {
    const rooms = await listAll<Station>(api, "/stations?kind=room&limit=1");
    const roomsAtOnce = await listAll<Station>(api, "/stations?kind=room&limit=100");
    expect(rooms.map((s) => s.id)).toEqual(roomsAtOnce.map((s) => s.id));
    for (const room of rooms) expect(room.kind).toBe("room");
  });

  it.each(["0", "101", "2.5", "many"])("refuses limit=%s", async (limit) => {
    const reply = await api.get(`/stations?limit=${limit}`);
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["limit"]);
  });

  it("refuses an unknown status filter", async () => {
    const reply = await api.get("/stations?status=closed");
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["status"]);
  });
});

describe("PATCH /stations/{stationId}", () => {
  it("changes a station with If-Match, bumping version and ETag", async () => {
    const station = await createStation(api);
    const reply = await api.patch(
      `/stations/${station.id}`,
      { status: "active", hostVenue: { type: "party-service-center", name: "党群服务中心" } },
      { headers: { "if-match": '"1"' } },
    );
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("etag")).toBe('"2"');
    const changed = reply.json<Station>();
    expect(changed).toMatchObject({
      id: station.id,
      status: "active",
      hostVenue: { type: "party-service-center", name: "党群服务中心" },
      name: station.name,
      version: 2,
      createdAt: station.createdAt,
    });
    expect(changed.updatedAt >= station.updatedAt).toBe(true);
    expect((await api.get(`/stations/${station.id}`)).json<Station>()).toEqual(changed);
  });

  it("accepts the version in the body instead of If-Match", async () => {
    const station = await createStation(api);
    const reply = await api.patch(`/stations/${station.id}`, { version: 1, township: "新镇" });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<Station>()).toMatchObject({ township: "新镇", version: 2 });
  });

  it("answers 409 for a stale If-Match, saying the current version, and changes nothing", async () => {
    const station = await createStation(api);
    expect(
      (await api.patch(`/stations/${station.id}`, { status: "active" }, { headers: { "if-match": '"1"' } }))
        .status,
    ).toBe(200);

    const stale = await api.patch(
      `/stations/${station.id}`,
      { status: "suspended" },
      { headers: { "if-match": '"1"' } },
    );
    const error = expectApiError(stale, 409, "version_mismatch");
    expect(error.message).toBe("数据已被他人修改，请刷新后重试");
    expect(stale.headers.get("etag")).toBe('"2"');
    expect(error.currentVersion).toBe(2);

    const now = (await api.get(`/stations/${station.id}`)).json<Station>();
    expect(now).toMatchObject({ status: "active", version: 2 });
  });

  it("answers 409 for a stale body version too", async () => {
    const station = await createStation(api);
    await api.patch(`/stations/${station.id}`, { status: "active" });
    const stale = await api.patch(`/stations/${station.id}`, { version: 1, status: "suspended" });
    expectApiError(stale, 409, "version_mismatch");
    expect(stale.headers.get("etag")).toBe('"2"');
  });

  it("takes If-Match over a body version", async () => {
    const station = await createStation(api);
    const reply = await api.patch(
      `/stations/${station.id}`,
      { version: 7, status: "active" },
      { headers: { "if-match": '"1"' } },
    );
    expect(reply.status, reply.text).toBe(200);
  });

  it("without a version, the last write wins", async () => {
    const station = await createStation(api);
    expect((await api.patch(`/stations/${station.id}`, { status: "active" })).status).toBe(200);
    const reply = await api.patch(`/stations/${station.id}`, { status: "suspended" });
    expect(reply.status).toBe(200);
    expect(reply.json<Station>()).toMatchObject({ status: "suspended", version: 3 });
  });

  it("updates the 六有 checklist item by item and recomputes meetsStandard", async () => {
    const station = await createStation(api, {
      standards: { ...allMet, results: { met: false, note: "成果汇编编写中" } },
    });
    expect(station.meetsStandard).toBe(false);

    const met = await api.patch(`/stations/${station.id}`, {
      standards: { results: { met: true, note: "已汇编" } },
    });
    expect(met.status, met.text).toBe(200);
    const afterMet = met.json<Station>();
    expect(afterMet.meetsStandard).toBe(true);
    expect(afterMet.standardsMet).toBe(6);
    expect(afterMet.standards.venue).toEqual(allMet.venue); // untouched items are kept

    const lost = await api.patch(`/stations/${station.id}`, {
      standards: { signage: { met: false, note: "标识牌损坏" } },
    });
    const afterLost = lost.json<Station>();
    expect(afterLost.meetsStandard).toBe(false);
    expect(afterLost.standardsMet).toBe(5);
    expect(afterLost.standards.signage).toEqual({ met: false, note: "标识牌损坏" });
    expect(afterLost.standards.results).toEqual({ met: true, note: "已汇编" });
  });

  it("clears an optional field with null", async () => {
    const station = await createStation(api, { contact: { name: "林联络员", phone: "13800138001" } });
    const reply = await api.patch(`/stations/${station.id}`, { township: null, contact: null });
    expect(reply.status, reply.text).toBe(200);
    const changed = reply.json<Station>();
    expect(changed).not.toHaveProperty("township");
    expect(changed).not.toHaveProperty("contact");
  });

  it("moves a station to another zone (the zone filter follows)", async () => {
    const zone = unique("迁出片区");
    const target = unique("迁入片区");
    const station = await createStation(api, { zone });
    expect((await api.patch(`/stations/${station.id}`, { zone: target })).status).toBe(200);
    expect(await listAll<Station>(api, `/stations?zone=${encodeURIComponent(zone)}`)).toEqual([]);
    const moved = await listAll<Station>(api, `/stations?zone=${encodeURIComponent(target)}`);
    expect(moved.map((s) => s.id)).toEqual([station.id]);
  });

  it("renames: a taken name is refused (409), the old name becomes free", async () => {
    const a = await createStation(api);
    const b = await createStation(api);
    const clash = await api.patch(`/stations/${b.id}`, { name: a.name });
    expectApiError(clash, 409, "already_exists");
    expect(clash.fields).toEqual(["name"]);
    expect((await api.get(`/stations/${b.id}`)).json<Station>()).toMatchObject({ name: b.name, version: 1 });

    const newName = unique("新名称工作站");
    expect((await api.patch(`/stations/${a.id}`, { name: newName })).status).toBe(200);
    expect((await api.post("/stations", stationInput({ name: a.name }))).status).toBe(201);
  });

  it("refuses fields that cannot be patched (kind is fixed), changing nothing", async () => {
    const station = await createStation(api);
    const reply = await api.patch(`/stations/${station.id}`, { kind: "room", status: "active" });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["kind"]);
    expect((await api.get(`/stations/${station.id}`)).json<Station>()).toEqual(station);
  });

  it("10 concurrent changes with the same version: exactly one wins, the rest get 409", async () => {
    const station = await createStation(api);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.patch(
          `/stations/${station.id}`,
          { name: `${station.name}-并发${i}` },
          { headers: { "if-match": '"1"' } },
        ),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    for (const reply of replies.filter((r) => r.status === 409))
      expectApiError(reply, 409, "version_mismatch");

    const winner = replies.find((r) => r.status === 200)?.json<Station>();
    const now = (await api.get(`/stations/${station.id}`)).json<Station>();
    expect(now.version).toBe(2);
    expect(now.name).toBe(winner?.name);
    // Only the winner's name is taken; the losers' names are still free.
    const loserName = [...Array(10).keys()]
      .map((i) => `${station.name}-并发${i}`)
      .find((n) => n !== now.name);
    expect((await api.post("/stations", stationInput({ name: loserName }))).status).toBe(201);
  });
});

describe("CSV export of GET /stations", () => {
  const zone = "导出片区";
  let full: Station;
  let partial: Station;

  beforeAll(async () => {
    full = await createStation(api, { zone, status: "active", standards: allMet, name: "导出甲站" });
    partial = await createStation(api, {
      zone,
      kind: "room",
      name: '导出乙室, "二楼"',
      standards: { venue: { met: true } },
    });
  });

  const chineseHeader = [
    "编号",
    "类型",
    "名称",
    "片区",
    "乡镇（社区）",
    "依托阵地",
    "联系县政协领导",
    "联系专委会",
    "状态",
    "委员人数",
    "有阵地",
    "有标识",
    "有制度",
    "有流程",
    "有活动",
    "有实效",
    "六有达标",
  ];

  it("answers ?format=csv with UTF-8 + BOM text/csv, Chinese headers by default", async () => {
    const reply = await api.get(`/stations?zone=${encodeURIComponent(zone)}&format=csv`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(reply.headers.get("content-disposition")).toBe('attachment; filename="stations.csv"');
    expect(reply.headers.get("content-language")).toBe("zh-CN");
    const rows = parseCsv(reply.text);
    expect(rows[0]).toEqual(chineseHeader);
    expect(rows).toHaveLength(3);
    const [, first, second] = rows;
    expect(first).toEqual([
      full.id,
      "委员工作站",
      "导出甲站",
      zone,
      "测试镇",
      "测试镇新时代文明实践所",
      "县政协副主席（测试）",
      "提案委员会",
      "运行中",
      "0",
      "是",
      "是",
      "是",
      "是",
      "是",
      "是",
      "是",
    ]);
    expect(second?.[0]).toBe(partial.id);
    expect(second?.[1]).toBe("委员工作室");
    expect(second?.[2]).toBe('导出乙室, "二楼"'); // quoted cell with a comma and quotes survives
    expect(second?.slice(10)).toEqual(["是", "否", "否", "否", "否", "否", "否"]);
  });

  it("answers Accept: text/csv the same way", async () => {
    const reply = await api.get(`/stations?zone=${encodeURIComponent(zone)}`, {
      headers: { accept: "text/csv" },
    });
    expect(reply.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(parseCsv(reply.text)[0]).toEqual(chineseHeader);
  });

  it("uses English headers with Accept-Language: en", async () => {
    const reply = await api.get(`/stations?zone=${encodeURIComponent(zone)}&format=csv`, {
      headers: { "accept-language": "en" },
    });
    expect(reply.headers.get("content-language")).toBe("en");
    expect(parseCsv(reply.text)[0]).toEqual([
      "ID",
      "Kind",
      "Name",
      "Zone",
      "Township",
      "Host venue",
      "Liaison leader",
      "Special committee",
      "Status",
      "Members",
      "Standard: venue",
      "Standard: signage",
      "Standard: rules",
      "Standard: process",
      "Standard: activities",
      "Standard: results",
      "Meets standard",
    ]);
    const rows = parseCsv(reply.text);
    // Enumerations are spelled out in the export's language too, not left in Chinese.
    expect(rows[1]?.[1]).toBe("station");
    expect(rows[1]?.[8]).toBe("active");
    expect(rows[1]?.slice(10)).toEqual(["yes", "yes", "yes", "yes", "yes", "yes", "yes"]);
  });

  it("keeps a cell that looks like a spreadsheet formula as text", async () => {
    const station = await createStation(api, { zone: "公式片区", name: '=HYPERLINK("http://x")' });
    const rows = parseCsv(
      (await api.get(`/stations?zone=${encodeURIComponent("公式片区")}&format=csv`)).text,
    );
    expect(rows[1]?.[0]).toBe(station.id);
    expect(rows[1]?.[2]).toBe('\'=HYPERLINK("http://x")');
  });

  it("pages a CSV export: the next cursor comes in X-Next-Cursor", async () => {
    const first = await api.get(`/stations?zone=${encodeURIComponent(zone)}&limit=1&format=csv`);
    expect(parseCsv(first.text)).toHaveLength(2);
    const cursor = first.headers.get("x-next-cursor");
    expect(cursor).toEqual(expect.any(String));
    const second = await api.get(
      `/stations?zone=${encodeURIComponent(zone)}&limit=1&format=csv&cursor=${encodeURIComponent(cursor ?? "")}`,
    );
    expect(parseCsv(second.text)[1]?.[0]).toBe(partial.id);
  });

  it("answers JSON for ?format=json and refuses other formats", async () => {
    const json = await api.get(`/stations?zone=${encodeURIComponent(zone)}&format=json`, {
      headers: { accept: "text/csv" },
    });
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(json.json<Page<Station>>().items).toHaveLength(2);

    const xml = await api.get("/stations?format=xml");
    expectApiError(xml, 400, "validation_failed");
    expect(xml.error.details).toEqual([
      { field: "format", code: "invalid_value", message: "format 只能是 json 或 csv" },
    ]);
  });
});
