/**
 * Personal data on a need-to-know basis: every read route, walked with every role, in JSON and CSV,
 * shows a member's phone and e-mail only to the county office, the member, and the staff of a
 * station where the member serves; residents' and responsible people's contacts in a topic only to
 * the county office and the topic's station (others see them masked, 138****8000).
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
};

beforeAll(async () => {
  api = await startApi();
  const stationA = await createStation(api);
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
  Object.assign(ids, { A: stationA.id, B: stationB.id, m1: m1.id, m2: m2.id, m3: m3.id, topic: topic.id });
  await eventually(
    async () => ((await notificationsOf(api, topic.id)).length > 0 ? true : undefined),
    "a notice",
  );
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
    for (const value of [...allOf(contacts.servingAtA), ...allOf(contacts.servingAtB), contacts.resident])
      expect(seen).toContain(value);
  });

  it("a station's staff: its members' and its topics' contacts, no one else's", async () => {
    const seen = await everythingReadBy(tokens.staffOfA ?? "");
    for (const value of [...allOf(contacts.servingAtA), contacts.resident, contacts.responsible])
      expect(seen).toContain(value);
    for (const value of [...allOf(contacts.servingAtB), ...allOf(contacts.servingNowhere)])
      expect(seen).not.toContain(value);
  });

  it("a member: their own contacts; fellow members' names only; residents masked", async () => {
    const seen = await everythingReadBy(tokens.memberAtA ?? "");
    for (const value of allOf(contacts.servingAtA)) expect(seen).toContain(value);
    for (const value of [
      ...allOf(contacts.servingAtB),
      ...allOf(contacts.servingNowhere),
      contacts.resident,
      contacts.responsible,
    ])
      expect(seen).not.toContain(value);
    expect(seen).toContain("138****8000");
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
