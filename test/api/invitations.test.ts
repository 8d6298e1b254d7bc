/**
 * 委员下沉 by invitation: a station's staff invite a member, the member accepts or declines, the
 * staff withdraw, invitations expire; every change lands in the member's history.
 */
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clock, setClock, simulatedClock } from "../../functions/kernel/clock";
import { dynamodb, tableName } from "../../functions/kernel/table/client";
import { toItem } from "../../functions/kernel/table/items";
import { topicParticipantKey } from "../../functions/kernel/table/keys";
import { responseSchemas } from "../../functions/meta/response-schemas";
import { watchDynamoDbRequests } from "../bench/dynamodb-requests";
import { createTopic } from "../workflow/harness";
import {
  type Api,
  type Assignment,
  absentId,
  assign,
  createMember,
  createStation,
  expectApiError,
  type Member,
  parseCsv,
  type Station,
  startApi,
} from "./harness";

interface Invitation {
  id: string;
  stationId: string;
  stationName: string;
  memberId: string;
  topicId?: string;
  topicTitle?: string;
  note?: string;
  status: string;
  invitedBy: { subject: string; name?: string; role: string };
  createdAt: string;
  expiresAt: string;
  answeredAt?: string;
  answeredBy?: { subject: string; name?: string; role: string };
}

interface HistoryEntry {
  at: string;
  event: string;
  stationId: string;
  topicId?: string;
  basis?: string;
  invitationId?: string;
  by: { subject: string; name?: string; role: string };
}

let api: Api;
let station: Station;
let other: Station;
let staff: string;
let otherStaff: string;

beforeAll(async () => {
  api = await startApi();
  station = await createStation(api);
  other = await createStation(api);
  staff = await api.token({ role: "staff", stationIds: [station.id], subject: "staff-1", name: "王干事" });
  otherStaff = await api.token({ role: "staff", stationIds: [other.id] });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const memberToken = (member: Member) => api.token({ role: "member", memberId: member.id, name: member.name });

async function invite(
  member: Member,
  body: Record<string, unknown> = {},
  token = staff,
): Promise<Invitation> {
  const reply = await api.post(
    `/stations/${station.id}/invitations`,
    { memberId: member.id, ...body },
    { token },
  );
  expect(reply.status, reply.text).toBe(201);
  const invitation = reply.json<Invitation>();
  expect(v.safeParse(responseSchemas.Invitation, invitation).success).toBe(true);
  return invitation;
}

const servesAt = async (stationId: string, memberId: string) =>
  (await api.get(`/stations/${stationId}/members?limit=100`))
    .json<{ items: Assignment[] }>()
    .items.some((a) => a.memberId === memberId);

const historyOf = async (memberId: string, token = api.admin) => {
  const reply = await api.get(`/members/${memberId}/history`, { token });
  expect(reply.status, reply.text).toBe(200);
  return reply.json<{ items: HistoryEntry[] }>().items;
};

describe("inviting and accepting", () => {
  it("lets the member see the invitation, accept it and serve at the station, with the history", async () => {
    const member = await createMember(api);
    const token = await memberToken(member);
    const invitation = await invite(member, { note: "欢迎来工作站" });
    expect(invitation).toMatchObject({ status: "pending", memberId: member.id, stationId: station.id });
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(14 * 86_400_000);

    const mine = await api.get(`/members/${member.id}/invitations`, { token });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.json<{ items: Invitation[] }>().items.map((i) => i.id)).toEqual([invitation.id]);
    const pending = await api.get(`/stations/${station.id}/invitations?status=pending`, { token: staff });
    expect(pending.json<{ items: Invitation[] }>().items.map((i) => i.id)).toContain(invitation.id);

    const accepted = await api.post(`/invitations/${invitation.id}/accept`, {}, { token });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json<Invitation>()).toMatchObject({ status: "accepted", answeredBy: { role: "member" } });
    expect(await servesAt(station.id, member.id)).toBe(true);
    const assignment = (await api.get(`/stations/${station.id}/members`))
      .json<{ items: Assignment[] }>()
      .items.find((a) => a.memberId === member.id);
    expect(assignment?.basis).toBe("choice");

    const history = await historyOf(member.id, token);
    expect(history.map((h) => h.event)).toEqual(["invited", "accepted"]);
    expect(history[0]).toMatchObject({
      stationId: station.id,
      by: { subject: "staff-1", name: "王干事", role: "staff" },
    });
    expect(history[1]).toMatchObject({
      basis: "choice",
      invitationId: invitation.id,
      by: { role: "member" },
    });
    expect(Number.isNaN(Date.parse(history[1]?.at ?? ""))).toBe(false);

    const detail = (await api.get(`/members/${member.id}`, { token: staff })).json<{ stations: unknown[] }>();
    expect(detail.stations).toEqual([
      { stationId: station.id, name: station.name, basis: "choice", since: expect.any(String) },
    ]);
    // Accepted once: the invitation is closed, and the member is not invited again.
    expectApiError(
      await api.post(`/invitations/${invitation.id}/accept`, {}, { token }),
      409,
      "invitation_closed",
    );
    expectApiError(
      await api.post(`/stations/${station.id}/invitations`, { memberId: member.id }, { token: staff }),
      409,
      "already_serving",
    );
  });

  it("notifies the member, with the note", async () => {
    const member = await createMember(api);
    await invite(member, { note: "请来参加活动" });
    const reply = await api.get(`/notifications?recipient=${encodeURIComponent(`member:${member.id}`)}`);
    expect(reply.status, reply.text).toBe(200);
    const notes = reply.json<{ items: { templateId: string; text: string }[] }>().items;
    expect(notes).toHaveLength(1);
    expect(notes[0]?.templateId).toBe("invitation");
    expect(notes[0]?.text).toContain(station.name);
    expect(notes[0]?.text).toContain("请来参加活动");
  });

  it("refuses a second pending invitation for the same member and station", async () => {
    const member = await createMember(api);
    await invite(member);
    expectApiError(
      await api.post(`/stations/${station.id}/invitations`, { memberId: member.id }, { token: staff }),
      409,
      "invitation_pending",
    );
  });

  it("answers 404 for an unknown member and for another station's staff", async () => {
    const member = await createMember(api);
    expectApiError(
      await api.post(`/stations/${station.id}/invitations`, { memberId: absentId }, { token: staff }),
      404,
      "not_found",
    );
    expectApiError(
      await api.post(`/stations/${station.id}/invitations`, { memberId: member.id }, { token: otherStaff }),
      404,
      "not_found",
    );
    expectApiError(
      await api.get(`/stations/${station.id}/invitations`, { token: otherStaff }),
      404,
      "not_found",
    );
    const memberTokenReply = await api.post(
      `/stations/${station.id}/invitations`,
      { memberId: member.id },
      { token: await memberToken(member) },
    );
    expectApiError(memberTokenReply, 403, "forbidden");
  });

  it("lets only the invited member answer (404 for anyone else's)", async () => {
    const member = await createMember(api);
    const stranger = await createMember(api);
    const invitation = await invite(member);
    const token = await memberToken(stranger);
    expectApiError(await api.post(`/invitations/${invitation.id}/accept`, {}, { token }), 404, "not_found");
    expectApiError(await api.post(`/invitations/${invitation.id}/decline`, {}, { token }), 404, "not_found");
    expectApiError(await api.get(`/members/${member.id}/invitations`, { token }), 404, "not_found");
    expectApiError(
      await api.post(`/invitations/${invitation.id}/accept`, {}, { token: staff }),
      403,
      "forbidden",
    );
  });
});

describe("declining, withdrawing, expiry", () => {
  it("records a decline, and the member does not serve", async () => {
    const member = await createMember(api);
    const invitation = await invite(member);
    const token = await memberToken(member);
    const note = "近期外出，无法参加";
    const reply = await api.post(`/invitations/${invitation.id}/decline`, { note }, { token });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<Invitation>()).toMatchObject({ status: "declined", answerNote: note });
    expect(await servesAt(station.id, member.id)).toBe(false);
    expect((await historyOf(member.id)).map((h) => h.event)).toEqual(["invited", "declined"]);
    // Declined: a new invitation may follow.
    await invite(member);
  });

  it("lets the station withdraw a pending invitation, after which it cannot be accepted", async () => {
    const member = await createMember(api);
    const invitation = await invite(member);
    expectApiError(
      await api.post(`/invitations/${invitation.id}/withdraw`, {}, { token: otherStaff }),
      404,
      "not_found",
    );
    const reply = await api.post(`/invitations/${invitation.id}/withdraw`, {}, { token: staff });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<Invitation>().status).toBe("withdrawn");
    expectApiError(
      await api.post(`/invitations/${invitation.id}/accept`, {}, { token: await memberToken(member) }),
      409,
      "invitation_closed",
    );
    expect((await historyOf(member.id)).map((h) => h.event)).toEqual(["invited", "withdrawn"]);
  });

  it("expires an unanswered invitation after 14 days: read as expired, not acceptable", async () => {
    const member = await createMember(api);
    const invitation = await invite(member);
    const real = clock();
    setClock(simulatedClock(new Date(real.now().getTime() + 15 * 86_400_000), 1));
    try {
      const token = await memberToken(member);
      const mine = (await api.get(`/members/${member.id}/invitations`, { token })).json<{
        items: Invitation[];
      }>();
      expect(mine.items.map((i) => i.status)).toEqual(["expired"]);
      const expired = await api.get(`/stations/${station.id}/invitations?status=expired`, { token: staff });
      expect(expired.json<{ items: Invitation[] }>().items.map((i) => i.id)).toContain(invitation.id);
      expectApiError(
        await api.post(`/invitations/${invitation.id}/accept`, {}, { token }),
        409,
        "invitation_closed",
      );
      expect(await servesAt(station.id, member.id)).toBe(false);
      // An expired invitation no longer blocks a new one.
      await invite(member);
    } finally {
      setClock(real);
    }
  });

  it("lets one of a concurrent accept and decline win", async () => {
    const member = await createMember(api);
    const invitation = await invite(member);
    const token = await memberToken(member);
    const replies = await Promise.all([
      api.post(`/invitations/${invitation.id}/accept`, {}, { token }),
      api.post(`/invitations/${invitation.id}/decline`, {}, { token }),
    ]);
    const winners = replies.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of replies.filter((r) => r.status !== 200)) expect([409, 429]).toContain(loser.status);
    const status = winners[0]?.json<Invitation>().status;
    expect(await servesAt(station.id, member.id)).toBe(status === "accepted");
    const events = (await historyOf(member.id)).map((h) => h.event);
    expect(events).toEqual(["invited", status]);
  });
});

describe("inviting to one topic", () => {
  it("makes the member a participant of the topic, not a member of the station", async () => {
    const member = await createMember(api);
    const topic = await createTopic(api, station.id);
    const elsewhere = await createTopic(api, other.id);
    expectApiError(
      await api.post(
        `/stations/${station.id}/invitations`,
        { memberId: member.id, topicId: elsewhere.id },
        { token: staff },
      ),
      404,
      "not_found",
    );
    const invitation = await invite(member, { topicId: topic.id });
    expect(invitation.topicId).toBe(topic.id);
    // A topic invitation and a station invitation are separate.
    await invite(member);
    const token = await memberToken(member);
    const accepted = await api.post(`/invitations/${invitation.id}/accept`, {}, { token });
    expect(accepted.status, accepted.text).toBe(200);
    expect(await servesAt(station.id, member.id)).toBe(false);
    expectApiError(
      await api.post(
        `/stations/${station.id}/invitations`,
        { memberId: member.id, topicId: topic.id },
        { token: staff },
      ),
      409,
      "already_serving",
    );
    const events = (await historyOf(member.id)).map((h) => [h.event, h.topicId]);
    expect(events).toEqual([
      ["invited", topic.id],
      ["invited", undefined],
      ["accepted", topic.id],
    ]);
  });
});

describe("what taking part in a topic lets the member read", () => {
  interface TopicView {
    id: string;
    stationId: string;
    title: string;
    responsible: { name: string; phone?: string };
  }
  const listed = async (token: string, query = "") =>
    (await api.get(`/topics?limit=100${query}`, { token }))
      .json<{ items: TopicView[] }>()
      .items.map((t) => t.id);
  const readsTopic = async (topicId: string, token: string) =>
    (await api.get(`/topics/${topicId}`, { token })).status;

  it("reads and lists the topic once accepted, with contacts masked as for a member of the station", async () => {
    const member = await createMember(api);
    const token = await memberToken(member);
    const topic = await createTopic(api, station.id, { title: "村口道路拓宽" });
    const sibling = await createTopic(api, station.id, { title: "不相关的议题" });
    const own = await createTopic(api, other.id, { title: "本站议题" });
    await assign(api, other.id, member.id);

    const invitation = await invite(member, { topicId: topic.id });
    expect(invitation.topicTitle).toBe("村口道路拓宽");
    const mine = (await api.get(`/members/${member.id}/invitations`, { token })).json<{
      items: Invitation[];
    }>();
    expect(mine.items.map((i) => i.topicTitle)).toEqual(["村口道路拓宽"]);
    // Pending: nothing of the station yet.
    expect(await readsTopic(topic.id, token)).toBe(404);
    expect(await listed(token)).not.toContain(topic.id);

    const accepted = await api.post(`/invitations/${invitation.id}/accept`, {}, { token });
    expect(accepted.status, accepted.text).toBe(200);
    const detail = await api.get(`/topics/${topic.id}`, { token });
    expect(detail.status, detail.text).toBe(200);
    expect(detail.json<TopicView>().responsible).toEqual({ name: "经办人丙", phone: "136****0001" });
    const all = await listed(token);
    expect(all).toEqual(expect.arrayContaining([topic.id, own.id]));
    expect(all).not.toContain(sibling.id);
    expect(await listed(token, "&status=open")).toContain(topic.id);
    // The station's list shows the member the one topic they take part in, nothing else of it.
    expect(await listed(token, `&stationId=${station.id}`)).toEqual([topic.id]);
    expect(await readsTopic(sibling.id, token)).toBe(404);
    expectApiError(await api.get(`/stations/${station.id}`, { token }), 404, "not_found");
    // The delivery log of the topic, as anyone who may read it.
    expect((await api.get(`/notifications?topicId=${topic.id}`, { token })).status).toBe(200);
    // Someone else's acceptance grants nothing to another member.
    const stranger = await memberToken(await createMember(api));
    expect(await readsTopic(topic.id, stranger)).toBe(404);
    expect(await listed(stranger)).not.toContain(topic.id);
    expectApiError(await api.get(`/topics?stationId=${station.id}`, { token: stranger }), 404, "not_found");
  });

  it("keeps a participant's GET /topics at 2 table requests, and a topic read at 3", async () => {
    const member = await createMember(api);
    const token = await memberToken(member);
    const topic = await createTopic(api, station.id, { title: "请求预算" });
    await assign(api, other.id, member.id);
    const invitation = await invite(member, { topicId: topic.id });
    expect((await api.post(`/invitations/${invitation.id}/accept`, {}, { token })).status).toBe(200);
    const byRequest = new Map<string, number>();
    watchDynamoDbRequests("participantBudget", ({ scope }) => {
      const id = scope.requestId;
      if (typeof id === "string") byRequest.set(id, (byRequest.get(id) ?? 0) + 1);
    });
    const requestsOf = async (path: string) => {
      const reply = await api.get(path, { token });
      expect(reply.status, reply.text).toBe(200);
      return byRequest.get(reply.headers.get("apigw-requestid") ?? "");
    };
    try {
      await requestsOf("/topics?limit=20"); // the caller's user record, cached after this
      expect(await requestsOf("/topics?limit=20")).toBe(2);
      // The topic, the member's reach, the timeline: the participant record is not read.
      expect(await requestsOf(`/topics/${topic.id}`)).toBe(3);
    } finally {
      dynamodb().middlewareStack.remove("participantBudget");
    }
  });

  it("reads the topic from the participant record alone (one written before it was indexed)", async () => {
    const member = await createMember(api);
    const topic = await createTopic(api, station.id, { title: "早先的参与" });
    const token = await memberToken(member);
    expect(await readsTopic(topic.id, token)).toBe(404);
    await dynamodb().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: toItem(
          { topicId: topic.id, stationId: station.id, memberId: member.id, since: new Date().toISOString() },
          topicParticipantKey(topic.id, member.id),
          "participant",
        ),
      }),
    );
    expect(await readsTopic(topic.id, token)).toBe(200);
  });

  it("grants nothing for a declined or a withdrawn invitation", async () => {
    const topic = await createTopic(api, station.id, { title: "谢绝与撤回" });
    const declining = await createMember(api);
    const declinerToken = await memberToken(declining);
    const declined = await invite(declining, { topicId: topic.id });
    expect((await api.post(`/invitations/${declined.id}/decline`, {}, { token: declinerToken })).status).toBe(
      200,
    );
    const withdrawnFrom = await createMember(api);
    const withdrawnToken = await memberToken(withdrawnFrom);
    const withdrawn = await invite(withdrawnFrom, { topicId: topic.id });
    expect((await api.post(`/invitations/${withdrawn.id}/withdraw`, {}, { token: staff })).status).toBe(200);
    for (const token of [declinerToken, withdrawnToken]) {
      expect(await readsTopic(topic.id, token)).toBe(404);
      expect(await listed(token)).not.toContain(topic.id);
      expectApiError(await api.get(`/topics?stationId=${station.id}`, { token }), 404, "not_found");
      expectApiError(await api.get(`/notifications?topicId=${topic.id}`, { token }), 404, "not_found");
    }
  });
});

describe("the lists of invitations", () => {
  let listed: Station;
  let listStaff: string;
  const invited: Invitation[] = [];

  beforeAll(async () => {
    listed = await createStation(api);
    listStaff = await api.token({ role: "staff", stationIds: [listed.id] });
    for (let index = 0; index < 5; index++) {
      const member = await createMember(api);
      const reply = await api.post(
        `/stations/${listed.id}/invitations`,
        { memberId: member.id, note: index === 0 ? '=HYPERLINK("x")，请支持' : "欢迎" },
        { token: listStaff },
      );
      expect(reply.status, reply.text).toBe(201);
      invited.push(reply.json<Invitation>());
    }
    const declined = invited[1];
    if (!declined) throw new Error("no second invitation");
    const memberToken = await api.token({ role: "member", memberId: declined.memberId });
    expect(
      (await api.post(`/invitations/${declined.id}/decline`, { note: "时间冲突" }, { token: memberToken }))
        .status,
    ).toBe(200);
  });

  async function walk(path: string, token: string): Promise<{ pages: number; items: Invitation[] }> {
    const items: Invitation[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = path.includes("?") ? "&" : "?";
      const reply = await api.get(
        `${path}${separator}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { token },
      );
      expect(reply.status, reply.text).toBe(200);
      const page = reply.json<{ items: Invitation[]; cursor: string | null }>();
      expect(v.safeParse(responseSchemas.InvitationPage, page).success).toBe(true);
      expect(page.items.length).toBeLessThanOrEqual(2);
      items.push(...page.items);
      cursor = page.cursor;
      pages++;
    } while (cursor);
    return { pages, items };
  }

  it("pages a station's invitations with ?limit=, newest first, each exactly once", async () => {
    const { pages, items } = await walk(`/stations/${listed.id}/invitations`, listStaff);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(items.map((i) => i.id)).toEqual(invited.map((i) => i.id).reverse());
  });

  it("filters by status across pages", async () => {
    const { items } = await walk(`/stations/${listed.id}/invitations?status=pending`, listStaff);
    expect(items.map((i) => i.id)).toEqual(
      invited
        .filter((_, index) => index !== 1)
        .map((i) => i.id)
        .reverse(),
    );
    const declined = await walk(`/stations/${listed.id}/invitations?status=declined`, listStaff);
    expect(declined.items.map((i) => i.id)).toEqual([invited[1]?.id]);
  });

  it("answers a spreadsheet: Chinese headers and statuses, formulas kept as text", async () => {
    const reply = await api.get(`/stations/${listed.id}/invitations?format=csv`, { token: listStaff });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(reply.text);
    expect(header).toEqual(expect.arrayContaining(["委员", "邀请事项", "状态", "有效期至", "答复说明"]));
    expect(rows).toHaveLength(5);
    const status = header?.indexOf("状态") ?? -1;
    expect(rows.map((row) => row[status]).sort()).toEqual(
      ["已谢绝", "待答复", "待答复", "待答复", "待答复"].sort(),
    );
    // Times as the county reads them, as every export shows them.
    for (const column of ["邀请时间", "有效期至"]) {
      const index = header?.indexOf(column) ?? -1;
      for (const row of rows) expect(row[index]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    }
    const note = header?.indexOf("邀请说明") ?? -1;
    expect(rows.map((row) => row[note])).toContain('\'=HYPERLINK("x")，请支持');
    const english = await api.get(`/stations/${listed.id}/invitations?format=csv`, {
      token: listStaff,
      headers: { "accept-language": "en" },
    });
    expect(parseCsv(english.text)[0]).toEqual(expect.arrayContaining(["Member", "Status", "Expires at"]));
  });

  it("pages a member's own invitations too, and refuses a bad limit naming it", async () => {
    const first = invited[0];
    if (!first) throw new Error("no invitation");
    const token = await api.token({ role: "member", memberId: first.memberId });
    const { items } = await walk(`/members/${first.memberId}/invitations`, token);
    expect(items.map((i) => i.id)).toEqual([first.id]);
    const bad = await api.get(`/members/${first.memberId}/invitations?limit=0`, { token });
    expect(expectApiError(bad, 400, "validation_failed").details?.map((d) => d.field)).toEqual(["limit"]);
  });
});
