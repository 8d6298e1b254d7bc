/**
 * The contacts directory (通讯录) through the local gateway with the real handlers: the county office
 * adds and changes contacts (versions, field errors, nothing changed on a refusal), lists them by role
 * and whether active (paged, CSV); staff read it all; members see who is who, phones and e-mails masked.
 */
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { responseSchemas } from "../../functions/meta/response-schemas";
import {
  type Api,
  absentId,
  expectApiError,
  listAll,
  parseCsv,
  startApi,
  ulidPattern,
  unique,
} from "./harness";

interface Contact {
  id: string;
  name: string;
  role: string;
  organisation?: string;
  phone?: string;
  email?: string;
  language?: string;
  channel?: string;
  digest?: boolean;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

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

async function addContact(body: Record<string, unknown>): Promise<Contact> {
  const reply = await api.post("/contacts", { name: unique("联系人"), role: "other", ...body });
  expect(reply.status, reply.text).toBe(201);
  return reply.json<Contact>();
}

describe("POST /contacts", () => {
  it("adds a contact: 201, Location and ETag, defaults filled in, the mobile number normalized", async () => {
    const reply = await api.post("/contacts", {
      name: "县政协副主席甲",
      role: "liaisonLeader",
      organisation: "县政协",
      phone: "+86 137-0000-0011",
      email: "leader@example.gov.cn",
    });
    expect(reply.status, reply.text).toBe(201);
    const contact = reply.json<Contact>();
    expect(contact.id).toMatch(ulidPattern);
    expect(reply.headers.get("location")).toBe(`/contacts/${contact.id}`);
    expect(reply.headers.get("etag")).toBe('"1"');
    expect(contact).toMatchObject({
      name: "县政协副主席甲",
      role: "liaisonLeader",
      organisation: "县政协",
      phone: "13700000011",
      email: "leader@example.gov.cn",
      language: "zh-CN",
      digest: false,
      active: true,
      version: 1,
    });
    expect(contact).not.toHaveProperty("channel");
    expect(v.safeParse(responseSchemas.Contact, contact).success).toBe(true);
    expect((await api.get(`/contacts/${contact.id}`)).json<Contact>()).toEqual(contact);
  });

  it("keeps a contact with no phone or e-mail (the directory may know a name first)", async () => {
    const contact = await addContact({ name: "联系领导无号", role: "liaisonLeader" });
    expect(contact).not.toHaveProperty("phone");
    expect(contact).not.toHaveProperty("email");
  });

  it("names every bad field, in the caller's language, and adds nothing", async () => {
    const before = await listAll<Contact>(api, "/contacts?limit=100");
    const reply = await api.post("/contacts", {
      role: "mayor",
      phone: "12345",
      email: "not-an-address",
      language: "fr",
      channel: "fax",
      digest: "yes",
      nickname: "x",
    });
    const error = expectApiError(reply, 400, "validation_failed");
    expect(reply.fields.sort()).toEqual(
      ["channel", "digest", "email", "language", "name", "nickname", "phone", "role"].sort(),
    );
    expect(error.details?.find((d) => d.field === "phone")?.message).toContain("手机号码");
    const english = await api.post(
      "/contacts",
      { name: "x", role: "mayor" },
      { headers: { "accept-language": "en" } },
    );
    expect(english.error.details?.[0]?.message).toMatch(/allowed: liaisonLeader \| specialCommittee/);
    expect(await listAll<Contact>(api, "/contacts?limit=100")).toEqual(before);
  });

  it("refuses a preference it could not honour: SMS first without a phone, e-mail or a digest without an address", async () => {
    const reply = await api.post("/contacts", { name: "甲", role: "other", channel: "sms", digest: true });
    const error = expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["channel", "digest"]);
    expect(error.details?.map((d) => d.code)).toEqual(["channel_without_contact", "digest_without_email"]);
    expect(error.details?.[1]?.message).toContain("电子邮箱");
  });

  it("is the county office's: staff and members may not add contacts", async () => {
    for (const token of [
      await api.token({ role: "staff", stationIds: [absentId] }),
      await api.token({ role: "member", memberId: absentId }),
    ]) {
      expectApiError(await api.post("/contacts", { name: "甲", role: "other" }, { token }), 403, "forbidden");
    }
  });

  it("honours Idempotency-Key: a retried create answers the first answer", async () => {
    const headers = { "idempotency-key": unique("contact-key-") };
    const body = { name: unique("重试"), role: "other" };
    const first = await api.post("/contacts", body, { headers });
    const second = await api.post("/contacts", body, { headers });
    expect(first.status).toBe(201);
    expect(second.json<Contact>().id).toBe(first.json<Contact>().id);
  });
});

describe("GET /contacts", () => {
  let office: Contact[];
  let committee: Contact;
  let retired: Contact;

  beforeAll(async () => {
    office = [
      await addContact({ role: "countyOffice", email: "office1@example.org", digest: true }),
      await addContact({ role: "countyOffice", phone: "13700000021" }),
    ];
    committee = await addContact({ role: "specialCommittee", email: "tiwei@example.org", channel: "email" });
    retired = await addContact({ role: "countyOffice", phone: "13700000022", active: false });
  });

  it("filters by role and by active, oldest first", async () => {
    const all = await listAll<Contact>(api, "/contacts?role=countyOffice");
    expect(all.map((c) => c.id)).toEqual([...office, retired].map((c) => c.id));
    const active = await listAll<Contact>(api, "/contacts?role=countyOffice&active=true");
    expect(active.map((c) => c.id)).toEqual(office.map((c) => c.id));
    const inactive = await listAll<Contact>(api, "/contacts?active=false");
    expect(inactive.map((c) => c.id)).toContain(retired.id);
    for (const c of inactive) expect(c.active).toBe(false);
    expect((await listAll<Contact>(api, "/contacts?role=specialCommittee")).map((c) => c.id)).toContain(
      committee.id,
    );
  });

  it("pages with limit and a cursor without gaps or repeats", async () => {
    const paged = await listAll<Contact>(api, "/contacts?limit=2");
    const atOnce = await listAll<Contact>(api, "/contacts?limit=100");
    expect(paged.map((c) => c.id)).toEqual(atOnce.map((c) => c.id));
    expect(atOnce.length).toBeGreaterThan(2);
  });

  it("refuses an unknown role or active value", async () => {
    const reply = await api.get("/contacts?role=mayor&active=maybe");
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields.sort()).toEqual(["active", "role"]);
  });

  it("exports CSV with the roles spelled out", async () => {
    const reply = await api.get("/contacts?role=countyOffice&format=csv");
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(reply.text);
    expect(header).toEqual([
      "编号",
      "姓名",
      "类别",
      "单位",
      "手机",
      "电子邮箱",
      "通知方式",
      "语言",
      "每日摘要",
      "状态",
    ]);
    expect(rows.map((row) => row[0])).toEqual([...office, retired].map((c) => c.id));
    expect(rows[0]?.slice(2)).toEqual([
      "县政协办公室",
      "",
      "",
      "office1@example.org",
      "",
      "中文",
      "是",
      "在用",
    ]);
    expect(rows[2]?.[9]).toBe("停用");
  });

  it("shows staff everything (they reach these people), members who is who with contacts masked", async () => {
    const staff = await api.token({ role: "staff", stationIds: [absentId] });
    const member = await api.token({ role: "member", memberId: absentId });
    const seenByStaff = (await api.get(`/contacts/${office[0]?.id}`, { token: staff })).json<Contact>();
    expect(seenByStaff).toEqual(office[0]);
    const seenByMember = (await api.get(`/contacts/${office[1]?.id}`, { token: member })).json<Contact>();
    expect(seenByMember).toMatchObject({ name: office[1]?.name, role: "countyOffice", phone: "137****0021" });
    for (const field of ["language", "channel", "digest"]) expect(seenByMember).not.toHaveProperty(field);
    const listed = await listAll<Contact>(api, "/contacts?role=specialCommittee", { token: member });
    expect(listed.find((c) => c.id === committee.id)?.email).toBe("t***@example.org");
    const csv = await api.get("/contacts?format=csv", { token: member });
    expect(csv.text).not.toContain("13700000021");
    expect(csv.text).not.toContain("office1@example.org");
  });

  it("answers 404 for an unknown or malformed id", async () => {
    expectApiError(await api.get(`/contacts/${absentId}`), 404, "not_found");
    const malformed = expectApiError(await api.get("/contacts/nope"), 404, "not_found");
    expect(malformed.message).toBe("通讯录中没有该联系人");
  });
});

describe("PATCH /contacts/{contactId}", () => {
  it("changes a contact with If-Match, clears fields with null, and retires one", async () => {
    const contact = await addContact({
      role: "specialCommittee",
      organisation: "经济委员会",
      phone: "13700000031",
      email: "jingji@example.org",
      channel: "email",
    });
    const reply = await api.patch(
      `/contacts/${contact.id}`,
      { organisation: null, email: null, channel: "sms", language: "en", active: false },
      { headers: { "if-match": '"1"' } },
    );
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("etag")).toBe('"2"');
    const changed = reply.json<Contact>();
    expect(changed).toMatchObject({ channel: "sms", language: "en", active: false, version: 2 });
    expect(changed).not.toHaveProperty("organisation");
    expect(changed).not.toHaveProperty("email");
    expect((await api.get(`/contacts/${contact.id}`)).json<Contact>()).toEqual(changed);
  });

  it("moves a contact to another role's list", async () => {
    const contact = await addContact({ role: "other" });
    await api.patch(`/contacts/${contact.id}`, { role: "countyOffice", version: 1 });
    const offices = await listAll<Contact>(api, "/contacts?role=countyOffice");
    expect(offices.map((c) => c.id)).toContain(contact.id);
    expect((await listAll<Contact>(api, "/contacts?role=other")).map((c) => c.id)).not.toContain(contact.id);
  });

  it("answers 409 for a stale version and changes nothing", async () => {
    const contact = await addContact({ role: "other" });
    expect((await api.patch(`/contacts/${contact.id}`, { name: "新名", version: 1 })).status).toBe(200);
    const stale = await api.patch(
      `/contacts/${contact.id}`,
      { name: "更新的名" },
      { headers: { "if-match": '"1"' } },
    );
    const error = expectApiError(stale, 409, "version_mismatch");
    expect(error.currentVersion).toBe(2);
    expect((await api.get(`/contacts/${contact.id}`)).json<Contact>()).toMatchObject({
      name: "新名",
      version: 2,
    });
  });

  it("refuses a change that leaves a preference it cannot honour, and changes nothing", async () => {
    const contact = await addContact({ role: "other", email: "digest@example.org", digest: true });
    const reply = await api.patch(`/contacts/${contact.id}`, { email: null });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["digest"]);
    expect((await api.get(`/contacts/${contact.id}`)).json<Contact>()).toEqual(contact);
  });

  it("is the county office's: staff may not change a contact", async () => {
    const contact = await addContact({ role: "other" });
    const staff = await api.token({ role: "staff", stationIds: [absentId] });
    expectApiError(
      await api.patch(`/contacts/${contact.id}`, { name: "x" }, { token: staff }),
      403,
      "forbidden",
    );
    expectApiError(await api.patch(`/contacts/${absentId}`, { name: "x" }), 404, "not_found");
  });
});
