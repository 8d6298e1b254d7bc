/**
 * How the API fails: validation naming the fields (and changing nothing), malformed bodies, media
 * types, size limits, unknown ids, the error shape without internals, and the caller's language.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type Api,
  absentId,
  createMember,
  createStation,
  expectApiError,
  listAll,
  type Member,
  memberInput,
  type Page,
  type Station,
  startApi,
  stationInput,
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

const json = { "content-type": "application/json" };

describe("unknown fields", () => {
  it("POST /stations with an unknown field: 400 naming it, nothing created", async () => {
    const zone = unique("未知字段片区");
    const reply = await api.post("/stations", { ...stationInput({ zone }), colour: "red" });
    const error = expectApiError(reply, 400, "validation_failed");
    expect(error.message).toBe("请求内容有误，请检查：colour");
    expect(error.details).toEqual([{ field: "colour", code: "unknown_field", message: "不支持的字段" }]);
    expect(await listAll<Station>(api, `/stations?zone=${encodeURIComponent(zone)}`)).toEqual([]);
  });

  it("names a nested unknown field by its path", async () => {
    const reply = await api.post(
      "/stations",
      stationInput({
        hostVenue: { type: "other", name: "会客厅", floor: 2 },
        standards: { venue: { met: true, size: 80 } },
      }),
    );
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields.sort()).toEqual(["hostVenue.floor", "standards.venue.size"]);
  });

  it("POST /members with an unknown field: 400, nothing created (the phone stays free)", async () => {
    const input = memberInput();
    const reply = await api.post("/members", { ...input, wechat: "abc" });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["wechat"]);
    expect((await api.post("/members", input)).status).toBe(201);
  });

  it("PATCH with an unknown field next to a valid one changes nothing", async () => {
    const station = await createStation(api);
    const reply = await api.patch(`/stations/${station.id}`, { status: "active", colour: "red" });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["colour"]);
    expect((await api.get(`/stations/${station.id}`)).json<Station>()).toEqual(station);

    const member = await createMember(api);
    const memberReply = await api.patch(`/members/${member.id}`, { name: "新名字", nickname: "老张" });
    expect(memberReply.fields).toEqual(["nickname"]);
    expect((await api.get(`/members/${member.id}`)).json<Member>()).toEqual({ ...member, stations: [] });
  });

  it("an unknown query parameter is refused, naming it", async () => {
    const reply = await api.get("/stations?colour=red");
    expectApiError(reply, 400, "validation_failed");
    expect(reply.error.details).toEqual([
      { field: "colour", code: "unknown_field", message: "不支持的字段" },
    ]);
  });

  it("a wrong type names the field and the expected type", async () => {
    const reply = await api.post("/members", memberInput({ name: 123, expertise: "养老" }));
    expectApiError(reply, 400, "validation_failed");
    expect(reply.error.details).toEqual([
      { field: "name", code: "invalid_type", message: "类型不正确，应为文本" },
      { field: "expertise", code: "invalid_type", message: "类型不正确，应为列表" },
    ]);
  });
});

describe("bodies", () => {
  it("malformed JSON: 400 invalid_json, nothing created", async () => {
    const zone = unique("坏JSON片区");
    const text = JSON.stringify(stationInput({ zone })).slice(0, -1);
    const reply = await api.request("POST", "/stations", { body: text, headers: json });
    expect(expectApiError(reply, 400, "invalid_json").message).toBe("请求体不是有效的 JSON");
    expect(await listAll<Station>(api, `/stations?zone=${encodeURIComponent(zone)}`)).toEqual([]);

    const station = await createStation(api);
    const patch = await api.request("PATCH", `/stations/${station.id}`, {
      body: "{status: active}",
      headers: json,
    });
    expectApiError(patch, 400, "invalid_json");
    expect((await api.get(`/stations/${station.id}`)).json<Station>()).toEqual(station);
  });

  it.each([
    ["text/plain", "text/plain; charset=utf-8"],
    ["a form", "application/x-www-form-urlencoded"],
    ["XML", "application/xml"],
    ["bytes", "application/octet-stream"],
  ])("a body sent as %s: 415, nothing created", async (_name, contentType) => {
    const input = memberInput();
    const reply = await api.request("POST", "/members", {
      body: JSON.stringify(input),
      headers: { "content-type": contentType },
    });
    expect(expectApiError(reply, 415, "unsupported_media_type").message).toBe("请求体须为 application/json");
    expect((await api.post("/members", input)).status).toBe(201);
  });

  it("accepts JSON media types with a charset or a +json suffix", async () => {
    const station = await createStation(api);
    const merge = await api.request("PATCH", `/stations/${station.id}`, {
      body: JSON.stringify({ status: "active" }),
      headers: { "content-type": "application/merge-patch+json" },
    });
    expect(merge.status, merge.text).toBe(200);
    const charset = await api.request("POST", "/members", {
      body: JSON.stringify(memberInput()),
      headers: { "content-type": "application/json; charset=UTF-8" },
    });
    expect(charset.status, charset.text).toBe(201);
  });

  it("a body over the API's 256 KiB limit: 413 with the limit, nothing created", async () => {
    const input = memberInput({ expertise: Array.from({ length: 20 }, () => "长".repeat(30)) });
    const padded = `${JSON.stringify(input)}${" ".repeat(300 * 1024)}`;
    const reply = await api.request("POST", "/members", { body: padded, headers: json });
    const error = expectApiError(reply, 413, "payload_too_large");
    expect(error.message).toBe("请求体过大（上限 262144 字节）");
    const english = await api.request("POST", "/members", {
      body: padded,
      headers: { ...json, "accept-language": "en" },
    });
    expect(english.error.message).toBe("The request body is too large (limit 262144 bytes)");
    expect((await api.post("/members", input)).status).toBe(201);
  });

  it("a body over the gateway's 1 MiB limit: 413 from the gateway", async () => {
    const reply = await api.request("POST", "/members", { body: "x".repeat(1100 * 1024), headers: json });
    expectApiError(reply, 413, "payload_too_large");
  });

  it("a missing, null or non-object body names the body", async () => {
    for (const body of ["", "null", "[]", '"text"']) {
      const reply = await api.request("POST", "/members", { body, headers: json });
      expectApiError(reply, 400, "validation_failed");
      expect(reply.error.message).toBe("请求内容有误，请检查：body");
    }
  });
});

describe("unknown ids and routes", () => {
  it.each([
    ["GET", `/stations/${absentId}`, "未找到该工作站（室）"],
    ["PATCH", `/stations/${absentId}`, "未找到该工作站（室）"],
    ["GET", `/stations/${absentId}/members`, "未找到该工作站（室）"],
    ["GET", `/stations/${absentId}/member-suggestions?topic=x`, "未找到该工作站（室）"],
    ["GET", `/members/${absentId}`, "未找到该委员"],
    ["PATCH", `/members/${absentId}`, "未找到该委员"],
    ["GET", "/stations/not-even-an-id", "未找到该工作站（室）"],
  ])("%s %s: 404", async (method, path, message) => {
    const reply = await api.request(method, path, { body: method === "PATCH" ? { name: "x" } : undefined });
    expect(expectApiError(reply, 404, "not_found").message).toBe(message);
  });

  it("assignment routes with an unknown station or member: 404", async () => {
    const station = await createStation(api);
    const member = await createMember(api);
    expectApiError(await api.put(`/stations/${absentId}/members/${member.id}`), 404, "not_found");
    expectApiError(await api.put(`/stations/${station.id}/members/${absentId}`), 404, "not_found");
    expectApiError(await api.delete(`/stations/${absentId}/members/${member.id}`), 404, "not_found");
    expectApiError(await api.delete(`/stations/${station.id}/members/${absentId}`), 404, "not_found");
  });

  it("a PATCH of an unknown id with a stale version is still 404, not 409", async () => {
    const reply = await api.patch(
      `/stations/${absentId}`,
      { status: "active" },
      { headers: { "if-match": '"3"' } },
    );
    expectApiError(reply, 404, "not_found");
  });

  it("an unknown path or method: 404 in the error shape", async () => {
    expectApiError(await api.get("/nowhere"), 404, "not_found");
    const wrongMethod = await api.delete("/stations");
    expectApiError(wrongMethod, 404, "not_found");
    expect(wrongMethod.headers.get("allow")).toBe("GET, POST");
  });

  // BUG (functions/store/*.ts via any GetItem): an id longer than DynamoDB's 2048-byte key limit
  // reaches DynamoDB, which throws ValidationException → 500 internal_error. Expected: 404.
  // Flip to `it` once ids are checked (e.g. length/format) before they reach the store.
  it("an overlong unknown id: 404, not 500", async () => {
    const long = "X".repeat(2045);
    const serverLog = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expectApiError(await api.get(`/stations/${long}`), 404, "not_found");
      expectApiError(await api.get(`/members/${long}`), 404, "not_found");
    } finally {
      serverLog.mockRestore();
      api.takeServerErrors();
    }
  });
});

describe("other refusals", () => {
  it("a cursor that was not issued by the API: 400 naming cursor", async () => {
    for (const cursor of ["abc", "eyJub3QiOiJhIGtleSJ9", Buffer.from("[1,2]").toString("base64url")]) {
      const reply = await api.get(`/stations?cursor=${cursor}`);
      expectApiError(reply, 400, "validation_failed");
      expect(reply.error.details).toEqual([
        { field: "cursor", code: "invalid_cursor", message: "翻页游标无效，请从第一页重新查询" },
      ]);
    }
  });

  it("a cursor from one list does not open another", async () => {
    const zone = unique("游标片区");
    for (let i = 0; i < 3; i++) await createStation(api, { zone });
    const page = (await api.get(`/stations?zone=${encodeURIComponent(zone)}&limit=1`)).json<Page<Station>>();
    expect(page.cursor).toEqual(expect.any(String));
    const misused = await api.get(`/stations?cursor=${encodeURIComponent(page.cursor ?? "")}`);
    expect(misused.fields).toEqual(["cursor"]);
    const asMembers = await api.get(`/members?cursor=${encodeURIComponent(page.cursor ?? "")}`);
    expect(asMembers.fields).toEqual(["cursor"]);
    const elsewhere = await api.get(`/stations?zone=other&cursor=${encodeURIComponent(page.cursor ?? "")}`);
    expect(elsewhere.fields).toEqual(["cursor"]);
  });

  it.each(["abc", "0", "-1", '"1.5"'])(
    "If-Match %s: 400 naming If-Match, nothing changed",
    async (ifMatch) => {
      const station = await createStation(api);
      const reply = await api.patch(
        `/stations/${station.id}`,
        { status: "active" },
        { headers: { "if-match": ifMatch } },
      );
      expectApiError(reply, 400, "validation_failed");
      expect(reply.error.details).toEqual([
        { field: "If-Match", code: "invalid_version", message: "If-Match 须为版本号（正整数）" },
      ]);
      expect((await api.get(`/stations/${station.id}`)).json<Station>()).toEqual(station);
    },
  );

  it("a version that is not a positive integer: 400 naming version", async () => {
    const station = await createStation(api);
    for (const version of [0, 1.5, "1"]) {
      const reply = await api.patch(`/stations/${station.id}`, { version, status: "active" });
      expectApiError(reply, 400, "validation_failed");
      expect(reply.fields).toEqual(["version"]);
    }
  });

  it("?format=csv on a route without a CSV form: 400 naming format and saying so; ?format=json is fine", async () => {
    const station = await createStation(api);
    const reply = await api.get(`/stations/${station.id}?format=csv`);
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["format"]);
    expect(reply.error.details?.[0]?.message).toBe("该接口不提供 CSV 导出，请去掉 format=csv");
    expect((await api.get(`/stations/${station.id}?format=json`)).status).toBe(200);
  });
});

describe("languages", () => {
  it("answers in Simplified Chinese by default, and says so", async () => {
    const reply = await api.get(`/members/${absentId}`);
    expect(reply.headers.get("content-language")).toBe("zh-CN");
    expect(reply.error.message).toBe("未找到该委员");
  });

  it.each([
    ["en", "No such member"],
    ["en-US,en;q=0.9", "No such member"],
    ["fr-FR, en;q=0.5", "No such member"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "未找到该委员"],
    ["zh-TW", "未找到该委员"],
    ["en;q=0, zh;q=0.1", "未找到该委员"],
    ["de", "未找到该委员"],
  ])("Accept-Language: %s → %s", async (acceptLanguage, message) => {
    const reply = await api.get(`/members/${absentId}`, { headers: { "accept-language": acceptLanguage } });
    expect(reply.error.message).toBe(message);
    expect(reply.headers.get("content-language")).toBe(message === "No such member" ? "en" : "zh-CN");
  });

  it("translates validation messages and details", async () => {
    const body = { ...memberInput({ phone: "123", email: "x" }), colour: "red" };
    const zh = await api.post("/members", body);
    const en = await api.post("/members", body, { headers: { "accept-language": "en" } });
    expect(zh.error.message).toBe("请求内容有误，请检查：phone, email, colour");
    expect(en.error.message).toBe("The request is invalid; check: phone, email, colour");
    expect(en.error.details?.map((d) => d.message)).toEqual([
      "Not a mainland China mobile number (11 digits)",
      "Not a valid email address",
      "Unknown field",
    ]);
    expect(zh.error.details?.map((d) => d.message)).toEqual([
      "手机号码格式不正确（应为 11 位大陆手机号）",
      "电子邮箱格式不正确",
      "不支持的字段",
    ]);
  });

  it("translates conflicts, media-type and JSON errors", async () => {
    const en = { "accept-language": "en" };
    const station = await createStation(api);
    await api.patch(`/stations/${station.id}`, { status: "active" });
    const stale = await api.patch(`/stations/${station.id}`, { version: 1 }, { headers: en });
    expect(stale.error.message).toBe("Someone else changed this record; reload and try again");
    const media = await api.request("POST", "/members", {
      body: "{}",
      headers: { ...en, "content-type": "text/plain" },
    });
    expect(media.error.message).toBe("The request body must be application/json");
    const broken = await api.request("POST", "/members", { body: "{", headers: { ...en, ...json } });
    expect(broken.error.message).toBe("The request body is not valid JSON");
    const member = await api.token({ role: "member", memberId: absentId });
    const readOnly = await api.post("/members", memberInput(), { token: member, headers: en });
    expect(readOnly.error.message).toBe("Member accounts can read but not change");
    const staff = await api.token({ role: "staff", stationIds: [station.id] });
    const notAdmin = await api.post("/stations", stationInput(), { token: staff, headers: en });
    expect(notAdmin.error.message).toBe("Your role may not do this");
  });
});

describe("every answer", () => {
  it("carries a request id, unique per request, also inside error bodies", async () => {
    const ok = await api.get("/stations");
    const notFound = await api.get(`/stations/${absentId}`);
    const invalid = await api.post("/stations", {});
    const ids = [ok, notFound, invalid].map((r) => r.headers.get("x-request-id"));
    for (const id of ids) expect(id).toBeTruthy();
    expect(new Set(ids).size).toBe(3);
    expect(notFound.error.requestId).toBe(ids[1]);
    expect(invalid.error.requestId).toBe(ids[2]);
    expect(ok.headers.get("apigw-requestid")).toBe(ids[0]);
  });
});
