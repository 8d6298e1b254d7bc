/**
 * Stations and the contacts directory: a station's liaison leader and committee referenced by id
 * (checked: they exist, have the role, are active; nothing changed otherwise), shown on the station's
 * detail as the caller may see contacts; and the station's group-chat robot, set by the county
 * office and never shown again beyond its platform.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { stationChatRobot } from "../../functions/registry/store/chat-robot";
import {
  type Api,
  absentId,
  assign,
  createMember,
  createStation,
  expectApiError,
  type Station,
  startApi,
  stationInput,
} from "./harness";

interface Contact {
  id: string;
  name: string;
  role: string;
  phone?: string;
  email?: string;
  active: boolean;
  version: number;
}

type Liaison = Station["liaison"] & { leaderContactId?: string; committeeContactId?: string };
type Detail = Station & {
  liaison: Liaison;
  liaisonContacts?: { leader?: Contact; committee?: Contact };
  chatRobot?: Record<string, unknown>;
};

let api: Api;
let leader: Contact;
let committee: Contact;
let office: Contact;

const wecom = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0b1c2d3e-SECRET-KEY";
const dingtalk = "https://oapi.dingtalk.com/robot/send?access_token=DINGTOKEN-SECRET";

async function addContact(body: Record<string, unknown>): Promise<Contact> {
  const reply = await api.post("/contacts", body);
  expect(reply.status, reply.text).toBe(201);
  return reply.json<Contact>();
}

beforeAll(async () => {
  process.env.CHAT_WEBHOOK_HOSTS = "127.0.0.1:8025";
  api = await startApi();
  leader = await addContact({ name: "县政协副主席甲", role: "liaisonLeader", phone: "13700000041" });
  committee = await addContact({
    name: "社会和法制委员会",
    role: "specialCommittee",
    email: "shefa@example.org",
  });
  office = await addContact({ name: "办公室乙", role: "countyOffice", email: "office@example.org" });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const referencing = () => ({ leaderContactId: leader.id, committeeContactId: committee.id });

describe("a station's liaison referenced in the contacts directory", () => {
  it("takes the contacts' names, and its detail shows the contacts", async () => {
    const station = await createStation(api, { liaison: referencing() });
    expect(station.liaison).toEqual({ ...referencing(), leader: leader.name, committee: committee.name });
    const detail = (await api.get(`/stations/${station.id}`)).json<Detail>();
    expect(detail.liaisonContacts).toEqual({
      leader: expect.objectContaining({ id: leader.id, name: leader.name, phone: "13700000041" }),
      committee: expect.objectContaining({ id: committee.id, email: "shefa@example.org" }),
    });
    // The list shows names and references; the detail adds the directory's records.
    const listed = (await api.get("/stations?limit=100")).json<{ items: Detail[] }>();
    const inList = listed.items.find((s) => s.id === station.id);
    expect(inList?.liaison).toEqual(station.liaison);
    expect(inList).not.toHaveProperty("liaisonContacts");
  });

  it("may reference one and name the other, with the station's own phone for whoever is only named", async () => {
    const station = await createStation(api, {
      liaison: { leaderContactId: leader.id, committee: "提案委员会", email: "tian@example.org" },
    });
    expect(station.liaison).toEqual({
      leader: leader.name,
      leaderContactId: leader.id,
      committee: "提案委员会",
      email: "tian@example.org",
    });
    const detail = (await api.get(`/stations/${station.id}`)).json<Detail>();
    expect(Object.keys(detail.liaisonContacts ?? {})).toEqual(["leader"]);
  });

  it("shows the contacts to a member serving there with phone and e-mail masked", async () => {
    const station = await createStation(api, { liaison: referencing() });
    const member = await createMember(api);
    await assign(api, station.id, member.id);
    const token = await api.token({ role: "member", memberId: member.id });
    const detail = (await api.get(`/stations/${station.id}`, { token })).json<Detail>();
    expect(detail.liaisonContacts?.leader).toMatchObject({ name: leader.name, phone: "137****0041" });
    expect(detail.liaisonContacts?.committee).toMatchObject({ email: "s***@example.org" });
    expect(detail.liaisonContacts?.leader).not.toHaveProperty("language");
  });

  it("requires a name or a reference for each, naming the field", async () => {
    const reply = await api.post("/stations", stationInput({ liaison: { phone: "13700000009" } }));
    const error = expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["liaison.leader", "liaison.committee"]);
    expect(error.details?.[0]?.message).toBe("请填写姓名，或选择通讯录中的联系人");
  });

  it("refuses an unknown contact, one of the wrong role, an inactive one — naming each field — and creates nothing", async () => {
    const retired = await addContact({ name: "已退休的专委会", role: "specialCommittee", active: false });
    const input = stationInput({ liaison: { leaderContactId: office.id, committeeContactId: retired.id } });
    const reply = await api.post("/stations", input);
    const error = expectApiError(reply, 400, "validation_failed");
    expect(error.details?.map((d) => [d.field, d.code])).toEqual([
      ["liaison.leaderContactId", "contact_wrong_role"],
      ["liaison.committeeContactId", "contact_inactive"],
    ]);
    expect(error.details?.[0]?.message).toBe("联系人“办公室乙”是县政协办公室，此处须为联系领导");
    const unknown = await api.post(
      "/stations",
      stationInput({ liaison: { leaderContactId: absentId, committee: "提案委员会" } }),
      { headers: { "accept-language": "en" } },
    );
    expect(expectApiError(unknown, 400, "validation_failed").details?.[0]).toMatchObject({
      field: "liaison.leaderContactId",
      code: "contact_not_found",
      message: `Contact ${absentId} is not in the directory`,
    });
    // Nothing was created: the name is still free.
    expect((await api.post("/stations", { ...input, liaison: referencing() })).status).toBe(201);
  });

  it("checks references on PATCH too, and leaves the station as it was when refused", async () => {
    const station = await createStation(api);
    const refused = await api.patch(`/stations/${station.id}`, {
      liaison: { leaderContactId: committee.id, committee: "x" },
    });
    expectApiError(refused, 400, "validation_failed");
    expect((await api.get(`/stations/${station.id}`)).json<Station>()).toEqual(station);
    const changed = await api.patch(`/stations/${station.id}`, { liaison: referencing(), version: 1 });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json<Detail>().liaison).toMatchObject({ ...referencing(), leader: leader.name });
  });

  it("lets staff of the station choose from the directory", async () => {
    const station = await createStation(api);
    const staff = await api.token({ role: "staff", stationIds: [station.id] });
    const reply = await api.patch(`/stations/${station.id}`, { liaison: referencing() }, { token: staff });
    expect(reply.status, reply.text).toBe(200);
  });
});

describe("a station's group-chat robot", () => {
  it("is stored with its credentials and answered only as its platform, on every read", async () => {
    const station = await createStation(api, { chatRobot: { platform: "wecom", webhook: wecom } });
    expect(station).toMatchObject({ chatRobot: { platform: "wecom", configured: true } });
    const texts = [
      JSON.stringify(station),
      (await api.get(`/stations/${station.id}`)).text,
      (await api.get("/stations?limit=100")).text,
      (await api.get("/stations?format=csv")).text,
    ];
    for (const text of texts) {
      expect(text).not.toContain("SECRET");
      expect(text).not.toContain("qyapi");
    }
    expect(await stationChatRobot(station.id)).toEqual({ platform: "wecom", webhook: wecom });
  });

  it("is replaced, with its secret, and removed with null", async () => {
    const station = await createStation(api);
    expect(station).not.toHaveProperty("chatRobot");
    expect(await stationChatRobot(station.id)).toBeUndefined();
    const set = await api.patch(`/stations/${station.id}`, {
      chatRobot: { platform: "dingtalk", webhook: dingtalk, secret: "SECsigning0123456789" },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.json<Detail>().chatRobot).toEqual({ platform: "dingtalk", configured: true });
    expect(set.text).not.toContain("SECsigning0123456789");
    expect(await stationChatRobot(station.id)).toEqual({
      platform: "dingtalk",
      webhook: dingtalk,
      secret: "SECsigning0123456789",
    });
    // Another change keeps it.
    await api.patch(`/stations/${station.id}`, { township: "新镇" });
    expect((await stationChatRobot(station.id))?.webhook).toBe(dingtalk);
    const removed = await api.patch(`/stations/${station.id}`, { chatRobot: null });
    expect(removed.json<Detail>()).not.toHaveProperty("chatRobot");
    expect(await stationChatRobot(station.id)).toBeUndefined();
  });

  it("refuses a webhook that is not the platform's robot endpoint, saying what it should be", async () => {
    for (const [platform, webhook] of [
      ["wecom", dingtalk],
      ["dingtalk", wecom],
      ["wecom", wecom.replace("https:", "http:")],
      ["wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"],
      ["wecom", "https://example.org/cgi-bin/webhook/send?key=1"],
    ]) {
      const reply = await api.post("/stations", stationInput({ chatRobot: { platform, webhook } }));
      const error = expectApiError(reply, 400, "validation_failed");
      expect(reply.fields, webhook).toEqual(["chatRobot.webhook"]);
      expect(error.details?.[0]?.message).toContain(platform === "wecom" ? "企业微信" : "钉钉");
    }
    const platform = await api.post(
      "/stations",
      stationInput({ chatRobot: { platform: "slack", webhook: wecom } }),
    );
    expect(platform.fields).toEqual(["chatRobot.platform"]);
  });

  it("refuses a DingTalk secret that is not one, and any secret for WeCom: 400 naming chatRobot.secret", async () => {
    for (const chatRobot of [
      { platform: "dingtalk", webhook: dingtalk, secret: "not-a-secret" },
      { platform: "wecom", webhook: wecom, secret: "SECsigning0123456789" },
    ]) {
      const reply = await api.post("/stations", stationInput({ chatRobot }));
      expectApiError(reply, 400, "validation_failed");
      expect(reply.fields).toEqual(["chatRobot.secret"]);
    }
  });

  it("accepts a local receiver listed in CHAT_WEBHOOK_HOSTS, over http", async () => {
    const local = "http://127.0.0.1:8025/cgi-bin/webhook/send?key=local-receiver-key";
    const station = await createStation(api, { chatRobot: { platform: "wecom", webhook: local } });
    expect(await stationChatRobot(station.id)).toEqual({ platform: "wecom", webhook: local });
  });

  it("is the county office's to set: staff may change their station but not its robot", async () => {
    const station = await createStation(api);
    const staff = await api.token({ role: "staff", stationIds: [station.id] });
    const reply = await api.patch(
      `/stations/${station.id}`,
      { chatRobot: { platform: "wecom", webhook: wecom } },
      { token: staff },
    );
    const error = expectApiError(reply, 403, "forbidden");
    expect(error.message).toBe("工作站群机器人由县政协办公室设置");
    expect(await stationChatRobot(station.id)).toBeUndefined();
    expectApiError(
      await api.patch(`/stations/${station.id}`, { chatRobot: null }, { token: staff }),
      403,
      "forbidden",
    );
  });
});
