/**
 * Members through the local HTTP gateway with the real handlers: register (mainland mobile numbers,
 * one member per number), read, list (sector filter, cursor paging), change, CSV export.
 */
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { responseSchemas } from "../../functions/meta/response-schemas";
import {
  type Api,
  createMember,
  expectApiError,
  listAll,
  type Member,
  memberInput,
  nextPhone,
  type Page,
  parseCsv,
  startApi,
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

describe("POST /members", () => {
  it("registers a member: 201, Location, ETag, defaults, normalized phone and expertise", async () => {
    const reply = await api.post("/members", {
      name: "张委员",
      sector: "医药卫生界",
      profession: "社区医生",
      expertise: [" 健康养老 ", "家庭医生", "健康养老"],
      phone: "+86 138-0013-8000",
      email: "zhang@example.org",
    });
    expect(reply.status, reply.text).toBe(201);
    const member = reply.json<Member>();
    expect(member.id).toMatch(ulidPattern);
    expect(reply.headers.get("location")).toBe(`/members/${member.id}`);
    expect(reply.headers.get("etag")).toBe('"1"');
    expect(member).toMatchObject({
      name: "张委员",
      sector: "医药卫生界",
      profession: "社区医生",
      phone: "13800138000",
      email: "zhang@example.org",
      preferences: { language: "zh-CN", channel: "sms" },
      stationCount: 0,
      version: 1,
    });
    expect(member.expertise).toEqual(["健康养老", "家庭医生"]);
    expect(v.safeParse(responseSchemas.Member, member).success).toBe(true);
  });

  it("refuses an empty expertise tag, naming its position", async () => {
    const reply = await api.post("/members", memberInput({ expertise: ["养老", " "] }));
    expectApiError(reply, 400, "validation_failed");
    expect(reply.error.details).toEqual([
      { field: "expertise.1", code: "too_small", message: "至少 1 个字符" },
    ]);
  });

  it("keeps stated preferences", async () => {
    const member = await createMember(api, {
      preferences: { language: "en", channel: "email" },
      email: "a@example.org",
    });
    expect(member.preferences).toEqual({ language: "en", channel: "email" });
  });

  it.each([
    ["too short", "1380013800"],
    ["too long", "138001380001"],
    ["not a mobile prefix", "12012345678"],
    ["a landline", "0755-12345678"],
    ["a foreign number", "+1 415 555 0100"],
    ["letters", "1380013800x"],
  ])("refuses a phone that is %s, naming the field phone", async (_case, phone) => {
    const reply = await api.post("/members", memberInput({ phone }));
    expectApiError(reply, 400, "validation_failed");
    expect(reply.error.details).toEqual([
      { field: "phone", code: "invalid_mobile", message: "手机号码格式不正确（应为 11 位大陆手机号）" },
    ]);
    expect(reply.error.message).toContain("phone");
  });

  it("explains a bad phone in English when asked", async () => {
    const reply = await api.post("/members", memberInput({ phone: "12345" }), {
      headers: { "accept-language": "en-GB,en;q=0.9" },
    });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.error.message).toBe("The request is invalid; check: phone");
    expect(reply.error.details?.[0]).toEqual({
      field: "phone",
      code: "invalid_mobile",
      message: "Not a mainland China mobile number (11 digits)",
    });
  });

  it("requires a phone", async () => {
    const { phone: _phone, ...withoutPhone } = memberInput();
    const reply = await api.post("/members", withoutPhone);
    expectApiError(reply, 400, "validation_failed");
    expect(reply.error.details).toEqual([{ field: "phone", code: "required", message: "必填" }]);
  });

  it("refuses a malformed email and names every bad field at once", async () => {
    const reply = await api.post("/members", memberInput({ email: "not-an-email", phone: "123", name: "" }));
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields.sort()).toEqual(["email", "name", "phone"]);
    expect(reply.error.details?.find((d) => d.field === "email")?.code).toBe("invalid_email");
  });

  it("refuses a second member with the same mobile number, however it is written (409)", async () => {
    const phone = nextPhone();
    await createMember(api, { phone });
    const spaced = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    for (const variant of [phone, spaced, `0086${phone}`]) {
      const reply = await api.post("/members", memberInput({ phone: variant }));
      const error = expectApiError(reply, 409, "already_exists");
      expect(error.details).toEqual([
        { field: "phone", code: "phone_taken", message: "该手机号已登记给其他委员" },
      ]);
    }
    const withPhone = (await listAll<Member>(api, "/members?limit=100")).filter((m) => m.phone === phone);
    expect(withPhone).toHaveLength(1);
  });

  it("10 concurrent registrations with the same phone: exactly one 201, the rest 409", async () => {
    const input = memberInput();
    const replies = await Promise.all(Array.from({ length: 10 }, () => api.post("/members", input)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    for (const reply of replies.filter((r) => r.status === 409)) expectApiError(reply, 409, "already_exists");
    const same = (await listAll<Member>(api, "/members?limit=100")).filter((m) => m.phone === input.phone);
    expect(same.map((m) => m.id)).toEqual([replies.find((r) => r.status === 201)?.json<Member>().id]);
  });
});

describe("GET /members/{memberId}", () => {
  it("answers the member with its version as ETag, and where they serve", async () => {
    const member = await createMember(api);
    const reply = await api.get(`/members/${member.id}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("etag")).toBe('"1"');
    expect(reply.json<Member>()).toEqual({ ...member, stations: [] });
  });
});

describe("GET /members", () => {
  const sector = "经济界（列表）";
  let inSector: Member[];

  beforeAll(async () => {
    inSector = [];
    for (let i = 0; i < 5; i++) inSector.push(await createMember(api, { sector }));
  });

  it("lists members, oldest first", async () => {
    const all = await listAll<Member>(api, "/members?limit=100");
    const ids = all.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(inSector.map((m) => m.id)));
    expect([...ids].sort()).toEqual(ids);
    for (const member of all) expect(v.safeParse(responseSchemas.Member, member).success).toBe(true);
  });

  it("filters by sector", async () => {
    const reply = await api.get(`/members?sector=${encodeURIComponent(sector)}`);
    expect(reply.status).toBe(200);
    expect(reply.json<Page<Member>>()).toEqual({ items: inSector, cursor: null });
  });

  it("pages with limit and cursor, with and without the filter", async () => {
    const first = (await api.get(`/members?sector=${encodeURIComponent(sector)}&limit=2`)).json<
      Page<Member>
    >();
    expect(first.items).toEqual(inSector.slice(0, 2));
    expect(first.cursor).toEqual(expect.any(String));
    const paged = await listAll<Member>(api, `/members?sector=${encodeURIComponent(sector)}&limit=2`);
    expect(paged.map((m) => m.id)).toEqual(inSector.map((m) => m.id));

    const everything = await listAll<Member>(api, "/members?limit=100");
    const byTwo = await listAll<Member>(api, "/members?limit=2");
    expect(byTwo.map((m) => m.id)).toEqual(everything.map((m) => m.id));
  });

  it("follows a sector change in the sector filter", async () => {
    const from = unique("迁出界别");
    const to = unique("迁入界别");
    const member = await createMember(api, { sector: from });
    expect((await api.patch(`/members/${member.id}`, { sector: to })).status).toBe(200);
    expect(await listAll<Member>(api, `/members?sector=${encodeURIComponent(from)}`)).toEqual([]);
    const moved = await listAll<Member>(api, `/members?sector=${encodeURIComponent(to)}`);
    expect(moved.map((m) => m.id)).toEqual([member.id]);
  });

  it("exports CSV with Chinese headers, expertise joined with 、", async () => {
    const csvSector = "文化艺术界（导出）";
    const member = await createMember(api, {
      sector: csvSector,
      expertise: ["非遗保护", "乡村文化"],
      email: "wen@example.org",
    });
    const reply = await api.get(`/members?sector=${encodeURIComponent(csvSector)}&format=csv`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(reply.headers.get("content-disposition")).toBe('attachment; filename="members.csv"');
    const rows = parseCsv(reply.text);
    expect(rows).toEqual([
      ["编号", "姓名", "界别", "职业", "专长", "手机", "电子邮箱", "联系工作站（室）数"],
      [
        member.id,
        member.name,
        csvSector,
        "工程师",
        "非遗保护、乡村文化",
        member.phone,
        "wen@example.org",
        "0",
      ],
    ]);

    const english = await api.get(`/members?sector=${encodeURIComponent(csvSector)}`, {
      headers: { accept: "text/csv", "accept-language": "en" },
    });
    expect(parseCsv(english.text)[0]).toEqual([
      "ID",
      "Name",
      "Sector",
      "Profession",
      "Expertise",
      "Mobile",
      "Email",
      "Stations",
    ]);
  });

  it("refuses an unknown filter", async () => {
    const reply = await api.get("/members?zone=x");
    expectApiError(reply, 400, "validation_failed");
    expect(reply.error.details).toEqual([{ field: "zone", code: "unknown_field", message: "不支持的字段" }]);
  });
});

describe("PATCH /members/{memberId}", () => {
  it("changes a member with If-Match", async () => {
    const member = await createMember(api);
    const reply = await api.patch(
      `/members/${member.id}`,
      { profession: "律师", expertise: ["基层治理", "调解"], preferences: { channel: "email" } },
      { headers: { "if-match": '"1"' } },
    );
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("etag")).toBe('"2"');
    const changed = reply.json<Member>();
    expect(changed).toMatchObject({
      profession: "律师",
      expertise: ["基层治理", "调解"],
      preferences: { language: "zh-CN", channel: "email" }, // merged, not replaced
      version: 2,
      name: member.name,
      phone: member.phone,
    });
    expect((await api.get(`/members/${member.id}`)).json<Member>()).toEqual({ ...changed, stations: [] });
  });

  it("answers 409 for a stale version with the current one as ETag, changing nothing", async () => {
    const member = await createMember(api);
    expect((await api.patch(`/members/${member.id}`, { version: 1, profession: "教师" })).status).toBe(200);
    const stale = await api.patch(`/members/${member.id}`, { version: 1, profession: "农艺师" });
    expectApiError(stale, 409, "version_mismatch");
    expect(stale.headers.get("etag")).toBe('"2"');
    const staleHeader = await api.patch(
      `/members/${member.id}`,
      { profession: "农艺师" },
      { headers: { "if-match": "1" } },
    );
    expectApiError(staleHeader, 409, "version_mismatch");
    expect((await api.get(`/members/${member.id}`)).json<Member>()).toMatchObject({
      profession: "教师",
      version: 2,
    });
  });

  it("changes the phone: the new number is normalized, the old one becomes free", async () => {
    const member = await createMember(api);
    const newPhone = nextPhone();
    const reply = await api.patch(`/members/${member.id}`, { phone: `+86${newPhone}` });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<Member>().phone).toBe(newPhone);
    expect((await api.post("/members", memberInput({ phone: member.phone }))).status).toBe(201);
    expect((await api.post("/members", memberInput({ phone: newPhone }))).status).toBe(409);
  });

  it("refuses another member's phone (409 naming phone), changing nothing", async () => {
    const a = await createMember(api);
    const b = await createMember(api);
    const reply = await api.patch(`/members/${b.id}`, { phone: a.phone, profession: "会计师" });
    expectApiError(reply, 409, "already_exists");
    expect(reply.fields).toEqual(["phone"]);
    expect((await api.get(`/members/${b.id}`)).json<Member>()).toEqual({ ...b, stations: [] });
  });

  it("keeps its own phone when it is sent again", async () => {
    const member = await createMember(api);
    const reply = await api.patch(`/members/${member.id}`, { phone: member.phone, name: "改名委员" });
    expect(reply.status, reply.text).toBe(200);
  });

  it("refuses a bad phone in a change", async () => {
    const member = await createMember(api);
    const reply = await api.patch(`/members/${member.id}`, { phone: "110" });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["phone"]);
  });

  it("clears the email with null", async () => {
    const member = await createMember(api, { email: "clear@example.org" });
    const reply = await api.patch(`/members/${member.id}`, { email: null });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<Member>()).not.toHaveProperty("email");
    expect((await api.get(`/members/${member.id}`)).json<Member>()).not.toHaveProperty("email");
  });

  it("refuses stationCount, which only assignments change", async () => {
    const member = await createMember(api);
    const reply = await api.patch(`/members/${member.id}`, { stationCount: 5 });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["stationCount"]);
  });
});
