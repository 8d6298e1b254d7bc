/**
 * Personal data on a need-to-know basis: every read route, walked with every role, in JSON and CSV,
 * shows a member's phone and e-mail only to the county office, the member, and the staff of a
 * station where the member serves; residents' and responsible people's contacts in a topic only to
 * the county office and the topic's station (others see them masked, 138****8000). The contacts
 * directory's phones and e-mails are for the county office and station staff (members see them
 * masked); a station's chat-robot webhook and secret are credentials no one reads back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../functions/kernel/http/routes";
import { createTopic, eventually, notificationsOf } from "../workflow/harness";
import { type Api, assign, createMember, createStation, startApi } from "./harness";

let api: Api;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

const contacts = {
  servingAtA: { phone: "13911110001", email: "serving.a@example.org" },
  servingAtB: { phone: "13922220002", email: "serving.b@example.org" },
  servingNowhere: { phone: "13933330003", email: "nowhere@example.org" },
  resident: "13844448000",
  responsible: "13655556666",
  directory: { phone: "13977770007", email: "directory.leader@example.org" },
  station: { phone: "13988880008", email: "station.a@example.org" },
};

const robot = {
  platform: "dingtalk",
  webhook: "https://oapi.dingtalk.com/robot/send?access_token=ROBOTKEY-0001-SECRET",
  secret: "SECROBOTSIGNING0001",
};

beforeAll(async () => {
  api = await startApi();
  const leader = await api.post("/contacts", {
    name: "联系领导己",
    role: "liaisonLeader",
    ...contacts.directory,
  });
  expect(leader.status, leader.text).toBe(201);
  const stationA = await createStation(api, {
    liaison: { leaderContactId: leader.json<{ id: string }>().id, committee: "提案委员会" },
    contact: { name: "站联系人庚", ...contacts.station },
    chatRobot: robot,
  });
  const stationB = await createStation(api);
  const m1 = await createMember(api, { name: "委员甲", ...contacts.servingAtA });
  const m2 = await createMember(api, { name: "委员乙", ...contacts.servingAtB });
  const m3 = await createMember(api, { name: "委员丙", ...contacts.servingNowhere });
  await assign(api, stationA.id, m1.id);
  await assign(api, stationB.id, m2.id);
  const topic = await createTopic(api, stationA.id, {
    responsible: { name: "经办人丁", phone: contacts.responsible },
  });
  await eventually(async () => {
    const reply = await api.post(`/topics/${topic.id}/steps/collect/complete`, {
      summary: "居民反映",
      raisedBy: [{ name: "居民戊", contact: contacts.resident }],
    });
    return reply.status === 200 ? true : undefined;
  }, "collect completed");
  const opinion = await api.post(`/stations/${stationA.id}/opinions`, {
    title: "路灯不亮",
    content: "三号楼前路灯损坏。",
    source: "resident",
    submitter: { name: "居民戊", phone: contacts.resident },
  });
  expect(opinion.status, opinion.text).toBe(201);
  Object.assign(ids, {
    opinion: opinion.json<{ id: string }>().id,
    contact: leader.json<{ id: string }>().id,
    A: stationA.id,
    B: stationB.id,
    m1: m1.id,
    m2: m2.id,
    m3: m3.id,
    topic: topic.id,
  });
  await eventually(
    async () => ((await notificationsOf(api, topic.id)).length > 0 ? true : undefined),
    "a notice",
  );
  // activities and the duty roster (issue #12): one of each at station A, with member 甲 present
  const activity = await api.post(`/stations/${stationA.id}/activities`, {
    type: "visit",
    date: "2026-01-05",
    place: "社区",
    memberIds: [m1.id],
  });
  expect(activity.status, activity.text).toBe(201);
  ids.activity = activity.json<{ id: string }>().id;
  const shift = await api.post(`/stations/${stationA.id}/duty-shifts`, {
    date: "2099-01-05",
    memberId: m1.id,
  });
  expect(shift.status, shift.text).toBe(201);
  tokens.admin = api.admin;
  tokens.staffOfA = await api.token({ role: "staff", stationIds: [stationA.id] });
  tokens.memberAtA = await api.token({ role: "member", memberId: m1.id });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

/** Every GET route of the API, with its parameters filled in. */
function readPaths(): string[] {
  const filled: Record<string, string[]> = {
    "/health": [],
    "/openapi.json": [],
    "/stations": ["/stations"],
    "/stations/{stationId}": [`/stations/${ids.A}`, `/stations/${ids.B}`],
    "/stations/{stationId}/members": [`/stations/${ids.A}/members`, `/stations/${ids.B}/members`],
    "/stations/{stationId}/member-suggestions": [`/stations/${ids.A}/member-suggestions?topic=法律`],
    "/stations/{stationId}/invitations": [`/stations/${ids.A}/invitations`, `/stations/${ids.B}/invitations`],
    "/members": ["/members"],
    "/members/{memberId}": [ids.m1, ids.m2, ids.m3].map((id) => `/members/${id}`),
    "/members/{memberId}/history": [ids.m1, ids.m2, ids.m3].map((id) => `/members/${id}/history`),
    "/members/{memberId}/invitations": [ids.m1, ids.m2, ids.m3].map((id) => `/members/${id}/invitations`),
    "/topics": ["/topics"],
    "/topics/{topicId}": [`/topics/${ids.topic}`],
    "/notifications": [`/notifications?topicId=${ids.topic}`],
    "/holiday-calendars": ["/holiday-calendars"],
    "/contacts": ["/contacts"],
    "/contacts/{contactId}": [`/contacts/${ids.contact}`],
    // Sign-in users (decision 0024): admin only.
    "/me": ["/me"],
    "/users": ["/users"],
    "/users/{subject}": ["/users/local-admin"],
    // activities and the duty roster (issue #12)
    "/stations/{stationId}/activities": [`/stations/${ids.A}/activities`, `/stations/${ids.B}/activities`],
    "/activities/{activityId}": [`/activities/${ids.activity}`],
    "/activities/{activityId}/history": [`/activities/${ids.activity}/history`],
    "/members/{memberId}/attendance": [ids.m1, ids.m2, ids.m3].map((id) => `/members/${id}/attendance`),
    "/stations/{stationId}/duty-shifts": [`/stations/${ids.A}/duty-shifts`, `/stations/${ids.B}/duty-shifts`],
    "/topic-categories": ["/topic-categories"],
    "/stations/{stationId}/opinions": [`/stations/${ids.A}/opinions`, `/stations/${ids.B}/opinions`],
    "/opinions/{opinionId}": [`/opinions/${ids.opinion}`],
    // The quota (decision 0022): member names only, in its coverage.
    "/stations/{stationId}/plans/{year}": [`/stations/${ids.A}/plans/2026`],
    "/stations/{stationId}/quota": [`/stations/${ids.A}/quota`, `/stations/${ids.B}/quota`],
    "/quota": ["/quota"],
    "/quota-checks": ["/quota-checks"],
    "/quota-checks/{checkId}": [],
    // 量化考评 (decision 0027): names and figures, no contact.
    "/evaluations": ["/evaluations?year=2026&kind=station", "/evaluations?year=2026&kind=member"],
  };
  const gets = routes.filter((route) => route.method === "GET").map((route) => route.path);
  // A new read route must be added here, so that it is walked too.
  expect(gets.filter((path) => !(path in filled))).toEqual([]);
  return gets.flatMap((path) => filled[path] ?? []);
}

/** Everything a role can read: every route's JSON and, for lists, its CSV. */
async function everythingReadBy(token: string): Promise<string> {
  const texts: string[] = [];
  for (const path of readPaths()) {
    for (const format of ["json", "csv"]) {
      const separator = path.includes("?") ? "&" : "?";
      const reply = await api.get(format === "csv" ? `${path}${separator}format=csv` : path, { token });
      if (reply.status === 200) texts.push(reply.text);
    }
  }
  return texts.join("\n");
}

const allOf = (contact: { phone: string; email: string }) => [contact.phone, contact.email];

describe("who sees whose contacts, on every read route", () => {
  it("the county office sees every contact", async () => {
    const seen = await everythingReadBy(tokens.admin ?? "");
    for (const value of [
      ...allOf(contacts.servingAtA),
      ...allOf(contacts.servingAtB),
      contacts.resident,
      ...allOf(contacts.directory),
      ...allOf(contacts.station),
    ])
      expect(seen).toContain(value);
    for (const credential of ["ROBOTKEY", robot.secret, robot.webhook])
      expect(seen).not.toContain(credential);
  });

  it("a station's staff: its members' and its topics' contacts, no one else's", async () => {
    const seen = await everythingReadBy(tokens.staffOfA ?? "");
    for (const value of [
      ...allOf(contacts.servingAtA),
      contacts.resident,
      contacts.responsible,
      ...allOf(contacts.directory),
      ...allOf(contacts.station),
    ])
      expect(seen).toContain(value);
    for (const value of [...allOf(contacts.servingAtB), ...allOf(contacts.servingNowhere)])
      expect(seen).not.toContain(value);
    for (const credential of ["ROBOTKEY", robot.secret]) expect(seen).not.toContain(credential);
  });

  it("a member: their own contacts; fellow members' names only; residents masked", async () => {
    const seen = await everythingReadBy(tokens.memberAtA ?? "");
    for (const value of allOf(contacts.servingAtA)) expect(seen).toContain(value);
    for (const value of [
      ...allOf(contacts.servingAtB),
      ...allOf(contacts.servingNowhere),
      contacts.resident,
      contacts.responsible,
      ...allOf(contacts.directory),
      ...allOf(contacts.station),
      "ROBOTKEY",
      robot.secret,
    ])
      expect(seen).not.toContain(value);
    expect(seen).toContain("138****8000");
    // The directory's contacts: who they are, their phone and e-mail masked.
    expect(seen).toContain("联系领导己");
    expect(seen).toContain("139****0007");
    // The station's own contact person: who it is, the phone and e-mail masked like the liaison's.
    expect(seen).toContain("站联系人庚");
    expect(seen).toContain("139****0008");
    expect(seen).toContain("s***@example.org");
  });

  it("staff see who other members are (name, sector, expertise) without their contacts", async () => {
    const reply = await api.get(`/members/${ids.m3}`, { token: tokens.staffOfA });
    expect(reply.status).toBe(200);
    const member = reply.json<Record<string, unknown>>();
    expect(member).toMatchObject({ name: "委员丙", sector: expect.any(String) });
    expect(member).not.toHaveProperty("phone");
    expect(member).not.toHaveProperty("email");
  });
});
