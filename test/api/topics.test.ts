/**
 * The topic endpoints through the local gateway with the real handlers and the local topic loop:
 * register (POST /topics), list with filters and paging, read with the timeline, and the decisions
 * (complete, return, reject, extend) with the refusals a client relies on — 400 naming the field,
 * 401, 403 for members, 404 for what the caller may not see, 409 with the current version. The
 * loop's own behaviour (full loop, return, reject, reminders, duplicates) is in test/workflow.
 *
 * Every decision here waits until the topic's execution has parked its token at the step
 * (`parkedAt`): only then is the topic quiet, so that "nothing changed" can be checked exactly.
 */
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultTopicPolicy } from "../../functions/domain/topics/policy";
import { clock, setClock, simulatedClock } from "../../functions/kernel/clock";
import { responseSchemas } from "../../functions/meta/response-schemas";
import {
  completeStep,
  createTopic,
  evidenceFor,
  parkedAt,
  readTopic,
  type StationWithLead,
  stationWithLead,
  type TimelineEvent,
  type Topic,
  topicInput,
} from "../workflow/harness";
import {
  type Api,
  absentId,
  assign,
  createMember,
  createStation,
  expectApiError,
  listAll,
  nextPhone,
  type Page,
  type Reply,
  type Station,
  startApi,
  ulidPattern,
  unique,
} from "./harness";

let api: Api;
/** The home station: its staff user, and its lead member, who serves there (a member user). */
let home: StationWithLead;
let memberToken: string;
/** Another station and its staff user. */
let other: Station;
let otherStaff: string;

beforeAll(async () => {
  api = await startApi();
  home = await stationWithLead(api);
  memberToken = await api.token({ role: "member", memberId: home.lead.id });
  other = await createStation(api);
  otherStaff = await api.token({ role: "staff", stationIds: [other.id], subject: "staff-2" });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

interface TopicDetail extends Topic {
  stepStartedAt?: string;
  responsible: Record<string, unknown>;
  timeline: TimelineEvent[];
}

const ids = (reply: Reply) => reply.json<Page<Topic>>().items.map((item) => item.id);
const sorted = (values: readonly string[]) => [...values].sort();

/** A topic of `stationId` whose collect step is under way (its token parked): quiet until decided on. */
async function quietTopic(stationId: string, overrides: Record<string, unknown> = {}): Promise<TopicDetail> {
  const topic = await createTopic(api, stationId, { title: unique("议题"), ...overrides });
  await parkedAt(api, topic.id, "collect");
  return (await readTopic(api, topic.id)) as TopicDetail;
}

/** Completes the topic's current step once its execution waits on it, and waits for the next one. */
async function advance(topicId: string, from: Topic["step"], to: Topic["step"]): Promise<void> {
  await parkedAt(api, topicId, from);
  const reply = await completeStep(api, topicId, from, [home.lead.id]);
  expect(reply.status, reply.text).toBe(200);
  await parkedAt(api, topicId, to);
}

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, entry]) => [key, ...keysOf(entry)]);
  return [];
}

describe("POST /topics", () => {
  it("registers a topic at 收集议题: 201 with Location and ETag, readable there", async () => {
    const reply = await api.post("/topics", topicInput(home.station.id, { title: "农贸市场周边拥堵" }));
    expect(reply.status, reply.text).toBe(201);
    const topic = reply.json<TopicDetail>();
    expect(topic.id).toMatch(ulidPattern);
    expect(reply.headers.get("location")).toBe(`/topics/${topic.id}`);
    expect(reply.headers.get("etag")).toBe(`"${topic.version}"`);
    expect(topic).toMatchObject({
      stationId: home.station.id,
      title: "农贸市场周边拥堵",
      source: "resident",
      status: "open",
      step: "collect",
      stepName: "收集议题",
      overdue: false,
      extensions: 0,
      returns: 0,
      evidence: {},
      version: 1,
      responsible: { name: "经办人丙", phone: "13600000001" },
    });
    expect(v.safeParse(responseSchemas.Topic, topic).success).toBe(true);

    const read = await api.get(reply.headers.get("location") ?? "");
    expect(read.status, read.text).toBe(200);
    expect(read.json<TopicDetail>()).toMatchObject({ id: topic.id, title: "农贸市场周边拥堵" });
    await parkedAt(api, topic.id, "collect");
  });

  it("lets staff register a topic at their own station", async () => {
    const reply = await api.post("/topics", topicInput(home.station.id), { token: home.staffToken });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.json<Topic>().stationId).toBe(home.station.id);
    await parkedAt(api, reply.json<Topic>().id, "collect");
  });

  describe("refusals, each creating nothing", () => {
    let empty: Station;
    beforeAll(async () => {
      empty = await createStation(api);
    });

    const nothingCreated = async () => {
      expect(await listAll<Topic>(api, `/topics?stationId=${empty.id}`)).toEqual([]);
      expect(await listAll<Topic>(api, `/topics?stationId=${home.station.id}&limit=100`)).not.toContainEqual(
        expect.objectContaining({ title: "不应登记" }),
      );
    };

    const input = (overrides: Record<string, unknown> = {}) =>
      topicInput(empty.id, { title: "不应登记", ...overrides });
    const without = (field: string) => {
      const { [field]: _gone, ...rest } = input();
      return rest;
    };

    it.each([
      ["a missing title", () => without("title"), [["title", "required"]]],
      ["an empty title", () => input({ title: "   " }), [["title", "too_small"]]],
      ["an unknown source", () => input({ source: "rumour" }), [["source", "invalid_value"]]],
      [
        "fields the server owns (mass assignment)",
        () => input({ status: "closed", step: "feedback", version: 9, id: absentId }),
        [
          ["status", "unknown_field"],
          ["step", "unknown_field"],
          ["version", "unknown_field"],
          ["id", "unknown_field"],
        ],
      ],
      [
        "a responsible person with a bad phone",
        () => input({ responsible: { name: "经办人", phone: "12345" } }),
        [["responsible.phone", "invalid_mobile"]],
      ],
      [
        "a responsible person nobody can reach",
        () => input({ responsible: { name: "经办人" } }),
        [["responsible", "responsible_unreachable"]],
      ],
      [
        "a responsible member who does not exist",
        () => input({ responsible: { name: "经办人", memberId: absentId } }),
        [["responsible.memberId", "member_not_found"]],
      ],
      [
        "a deadline for a step that does not exist",
        () => input({ deadlines: { vote: { amount: 3, unit: "days" } } }),
        [["deadlines.vote", "unknown_field"]],
      ],
      [
        "a deadline of 0 days",
        () => input({ deadlines: { collect: { amount: 0, unit: "days" } } }),
        [["deadlines.collect.amount", "too_small"]],
      ],
      [
        "a deadline in weeks",
        () => input({ deadlines: { research: { amount: 2, unit: "weeks" } } }),
        [["deadlines.research.unit", "invalid_value"]],
      ],
      ["a malformed station id", () => input({ stationId: "station-1" }), [["stationId", "invalid_id"]]],
    ])("%s: 400 naming the field", async (_name, body, expected) => {
      const reply = await api.post("/topics", body());
      const error = expectApiError(reply, 400, "validation_failed");
      expect(error.details?.map((detail) => [detail.field, detail.code])).toEqual(expected);
      await nothingCreated();
    });

    it("a station that does not exist: 404", async () => {
      const reply = await api.post("/topics", input({ stationId: absentId }));
      expect(expectApiError(reply, 404, "not_found").message).toBe("未找到该工作站（室）");
    });

    it("another station's staff: 404 as if the station did not exist", async () => {
      const reply = await api.post("/topics", input(), { token: otherStaff });
      const absent = await api.post("/topics", input({ stationId: absentId }), { token: otherStaff });
      expect(expectApiError(reply, 404, "not_found").message).toBe(
        expectApiError(absent, 404, "not_found").message,
      );
      expect(reply.text).not.toContain(empty.id);
      await nothingCreated();
    });

    it("a member: 403, even at a station they serve", async () => {
      const reply = await api.post("/topics", topicInput(home.station.id, { title: "不应登记" }), {
        token: memberToken,
      });
      expectApiError(reply, 403, "forbidden");
      await nothingCreated();
    });

    it("no token: 401", async () => {
      const reply = await api.post("/topics", input(), { token: null });
      expect(reply.status).toBe(401);
      await nothingCreated();
    });
  });
});

describe("GET /topics", () => {
  /** L1: two open topics (collect, determine). L2: one open at determine, one rejected there. */
  let l1: Station;
  let l2: Station;
  let l1Staff: string;
  let atCollect: Topic;
  let atDetermine: Topic;
  let l2Open: Topic;
  let l2Closed: Topic;

  beforeAll(async () => {
    l1 = await createStation(api);
    l2 = await createStation(api);
    l1Staff = await api.token({ role: "staff", stationIds: [l1.id] });
    atCollect = await createTopic(api, l1.id, { title: "路灯" });
    atDetermine = await createTopic(api, l1.id, { title: "停车" });
    l2Open = await createTopic(api, l2.id, { title: "垃圾分类" });
    l2Closed = await createTopic(api, l2.id, { title: "广场舞噪音" });
    await Promise.all([
      parkedAt(api, atCollect.id, "collect"),
      advance(atDetermine.id, "collect", "determine"),
      advance(l2Open.id, "collect", "determine"),
      advance(l2Closed.id, "collect", "determine"),
    ]);
    const rejected = await api.post(`/topics/${l2Closed.id}/reject`, {
      step: "determine",
      reason: "不属于协商范围",
    });
    expect(rejected.status, rejected.text).toBe(200);
  });

  it("filters by station, step and status", async () => {
    const get = (query: string) => api.get(`/topics?${query}`);
    expect(sorted(ids(await get(`stationId=${l1.id}`)))).toEqual(sorted([atCollect.id, atDetermine.id]));
    expect(ids(await get(`stationId=${l1.id}&step=determine`))).toEqual([atDetermine.id]);
    expect(ids(await get(`stationId=${l1.id}&step=collect`))).toEqual([atCollect.id]);
    expect(ids(await get(`stationId=${l1.id}&step=research`))).toEqual([]);
    expect(ids(await get(`stationId=${l2.id}&status=closed`))).toEqual([l2Closed.id]);
    expect(ids(await get(`stationId=${l2.id}&status=open`))).toEqual([l2Open.id]);
    expect(sorted(ids(await get(`stationId=${l2.id}&step=determine`)))).toEqual(
      sorted([l2Open.id, l2Closed.id]),
    );
    const all = await listAll<Topic>(api, "/topics?step=determine&status=open&limit=100");
    expect(all.map((topic) => topic.id)).toEqual(expect.arrayContaining([atDetermine.id, l2Open.id]));
    for (const topic of all) expect(topic).toMatchObject({ step: "determine", status: "open" });
    const page = (await get(`stationId=${l1.id}`)).json<Page<Topic>>();
    expect(v.safeParse(responseSchemas.TopicPage, page).success).toBe(true);
  });

  it("shows staff only the topics of their stations, with or without stationId", async () => {
    const mine = await listAll<Topic>(api, "/topics?limit=100", { token: l1Staff });
    expect(sorted(mine.map((topic) => topic.id))).toEqual(sorted([atCollect.id, atDetermine.id]));
    const determining = await api.get("/topics?step=determine", { token: l1Staff });
    expect(ids(determining)).toEqual([atDetermine.id]);
    const closed = await api.get("/topics?status=closed", { token: l1Staff });
    expect(ids(closed)).toEqual([]);
    const elsewhere = await api.get(`/topics?stationId=${l2.id}`, { token: l1Staff });
    expect(expectApiError(elsewhere, 404, "not_found").message).toBe("未找到该工作站（室）");
  });

  it("pages with limit and cursor, without repeats or gaps", async () => {
    const station = await createStation(api);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createTopic(api, station.id, { title: `分页${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const reply: Reply = await api.get(
        `/topics?stationId=${station.id}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(reply.status, reply.text).toBe(200);
      const page = reply.json<Page<Topic>>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((topic) => topic.id));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(sorted(seen)).toEqual(sorted(created));
    // A cursor of one station's list does not open another's.
    const first = (await api.get(`/topics?stationId=${station.id}&limit=2`)).json<Page<Topic>>();
    const misused = await api.get(
      `/topics?stationId=${l1.id}&cursor=${encodeURIComponent(first.cursor ?? "")}`,
    );
    expectApiError(misused, 400, "validation_failed");
    expect(misused.fields).toEqual(["cursor"]);
    await Promise.all(created.map((id) => parkedAt(api, id, "collect")));
  });

  it.each([
    ["step=nonsense", "step"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["status=pending", "status"],
    ["overdue=yes", "overdue"],
    ["stationId=station-1", "stationId"],
    ["colour=red", "colour"],
    ["cursor=abc", "cursor"],
  ])("?%s: 400 naming %s", async (query, field) => {
    const reply = await api.get(`/topics?${query}`);
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual([field]);
  });

  it("lists open topics past their deadline as overdue, judged at the time of the request", async () => {
    const now = await api.get(`/topics?stationId=${l1.id}&overdue=true`);
    expect(now.status, now.text).toBe(200);
    expect(ids(now)).toEqual([]);

    // Forty days on (no deadline of the default policy is that far): every open topic is overdue.
    const real = clock();
    expect(real).toBe(api.stack.clock); // the API's clock is this process's clock
    setClock(simulatedClock(new Date(real.now().getTime() + 40 * 86_400_000), 1));
    try {
      const later = await api.get(`/topics?stationId=${l1.id}&overdue=true`);
      expect(sorted(ids(later))).toEqual(sorted([atCollect.id, atDetermine.id]));
      for (const topic of later.json<Page<Topic>>().items) expect(topic.overdue).toBe(true);
      // Closed topics never are.
      expect(ids(await api.get(`/topics?stationId=${l2.id}&overdue=true`))).toEqual([l2Open.id]);
      const staffView = await api.get("/topics?overdue=true", { token: l1Staff });
      expect(sorted(ids(staffView))).toEqual(sorted([atCollect.id, atDetermine.id]));
    } finally {
      setClock(real);
    }
  });

  describe("members", () => {
    let serving: string;
    let nowhere: string;
    let memberId: string;

    beforeAll(async () => {
      const member = await createMember(api);
      memberId = member.id;
      await assign(api, l1.id, member.id);
      serving = await api.token({ role: "member", memberId: member.id });
      nowhere = await api.token({ role: "member", memberId: (await createMember(api)).id });
    });

    it("see the topics of the stations they serve, and no others", async () => {
      const seen = await listAll<Topic>(api, "/topics?limit=100", { token: serving });
      expect(sorted(seen.map((topic) => topic.id))).toEqual(sorted([atCollect.id, atDetermine.id]));
      expect((await api.get(`/topics/${atCollect.id}`, { token: serving })).status).toBe(200);
      expectApiError(await api.get(`/topics?stationId=${l2.id}`, { token: serving }), 404, "not_found");
      expectApiError(await api.get(`/topics/${l2Open.id}`, { token: serving }), 404, "not_found");
      expect(await listAll<Topic>(api, "/topics", { token: nowhere })).toEqual([]);
    });

    it("stop seeing a station's topics when they no longer serve there", async () => {
      const removed = await api.delete(`/stations/${l1.id}/members/${memberId}`);
      expect(removed.status, removed.text).toBe(204);
      expect(await listAll<Topic>(api, "/topics", { token: serving })).toEqual([]);
      expectApiError(await api.get(`/topics/${atCollect.id}`, { token: serving }), 404, "not_found");
      expectApiError(await api.get(`/topics?stationId=${l1.id}`, { token: serving }), 404, "not_found");
    });
  });
});

describe("GET /topics/{topicId}", () => {
  let topic: TopicDetail;
  let token: string;

  beforeAll(async () => {
    const created = await createTopic(api, home.station.id, { title: "小区充电桩不足" });
    token = (await parkedAt(api, created.id, "collect")).taskToken;
    topic = (await readTopic(api, created.id)) as TopicDetail;
  });

  it("includes the timeline, in Simplified Chinese by default", async () => {
    const reply = await api.get(`/topics/${topic.id}`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("content-language")).toBe("zh-CN");
    const detail = reply.json<TopicDetail>();
    expect(reply.headers.get("etag")).toBe(`"${detail.version}"`);
    expect(v.safeParse(responseSchemas.TopicDetail, detail).success).toBe(true);
    expect(detail.stepName).toBe("收集议题");
    expect(detail.timeline.map((event) => event.kind)).toEqual(["created", "step_started"]);
    const [created, started] = detail.timeline;
    // Who did it: the name the token carries (the admin token's, here).
    expect(created?.text).toBe("登记议题（本地管理员 (local admin)）");
    expect(created?.actor).toMatchObject({ name: "本地管理员 (local admin)" });
    // The deadline in county time: the end of its day (15:59:59.999Z is 23:59 in Asia/Shanghai).
    expect(detail.deadline).toMatch(/T15:59:59\.999Z$/);
    const due = `${detail.deadline?.slice(0, 10)} 23:59`;
    expect(started?.text).toBe(`进入「收集议题」环节，责任人 经办人丙，期限 ${due}`);
  });

  it("answers in English with Accept-Language: en", async () => {
    const reply = await api.get(`/topics/${topic.id}`, { headers: { "accept-language": "en" } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("content-language")).toBe("en");
    const detail = reply.json<TopicDetail>();
    expect(detail.stepName).toBe("Collect topics");
    expect(detail.timeline.map((event) => event.text)).toEqual([
      "Topic registered (本地管理员 (local admin))",
      `Entered “Collect topics”; responsible: 经办人丙; due ${detail.deadline?.slice(0, 10)} 23:59`,
    ]);
    const list = await api.get(`/topics?stationId=${home.station.id}&step=collect`, {
      headers: { "accept-language": "en" },
    });
    for (const item of list.json<Page<Topic>>().items) expect(item.stepName).toBe("Collect topics");
  });

  it("never shows the execution's task token", async () => {
    expect(token.length).toBeGreaterThan(8);
    const parked = api.stack.workflow.pendingTasks().filter((task) => task.executionArn.includes(topic.id));
    expect(parked.map((task) => task.taskToken)).toEqual([token]);
    const replies = [
      await api.get(`/topics/${topic.id}`),
      await api.get(`/topics/${topic.id}`, { token: home.staffToken }),
      await api.get(`/topics?stationId=${home.station.id}&limit=100`),
      await api.get(`/notifications?topicId=${topic.id}`),
    ];
    for (const reply of replies) {
      expect(reply.status, reply.text).toBe(200);
      expect(reply.text).not.toContain(token);
      expect(keysOf(reply.json()).filter((key) => /token/i.test(key))).toEqual([]);
    }
  });

  it("answers 404 for an absent id, a malformed one, and another station's topic, alike", async () => {
    const absent = expectApiError(await api.get(`/topics/${absentId}`), 404, "not_found");
    expect(absent.message).toBe("未找到该议题");
    const malformed = expectApiError(await api.get("/topics/not-a-topic"), 404, "not_found");
    expect(malformed.message).toBe(absent.message);
    const hidden = await api.get(`/topics/${topic.id}`, { token: otherStaff });
    expect(expectApiError(hidden, 404, "not_found").message).toBe(absent.message);
    expect(hidden.text).not.toContain(home.station.id);
    expect((await api.get(`/topics/${topic.id}`, { token: home.staffToken })).status).toBe(200);
    expect((await api.get(`/topics/${topic.id}`, { token: memberToken })).status).toBe(200);
    expect((await api.get(`/topics/${topic.id}`, { token: null })).status).toBe(401);
  });
});

/** The four decisions, each with a body that would succeed on a topic at collect (or fail on its merits). */
const decisions = (topicId: string) =>
  [
    ["complete", "POST", `/topics/${topicId}/steps/collect/complete`, evidenceFor("collect", [])],
    [
      "return",
      "POST",
      `/topics/${topicId}/return`,
      { step: "collect", toStep: "collect", reason: "重新收集" },
    ],
    ["reject", "POST", `/topics/${topicId}/reject`, { step: "collect", reason: "不属于协商范围" }],
    ["deadline", "PATCH", `/topics/${topicId}/deadline`, { deadline: "2099-01-01", reason: "延期" }],
  ] as const;

describe("decisions: complete, return, reject, deadline", () => {
  let topic: TopicDetail;

  beforeAll(async () => {
    topic = await quietTopic(home.station.id);
  });

  /** The topic is exactly as it was: same version, same timeline. */
  const unchanged = async () => expect(await readTopic(api, topic.id)).toEqual(topic);

  it("without a token: 401, nothing changed", async () => {
    for (const [, method, path, body] of decisions(topic.id)) {
      const reply = await api.request(method, path, { body, token: null });
      expect(reply.status, `${method} ${path}`).toBe(401);
    }
    await unchanged();
  });

  it("a member serving at the station: 403, nothing changed", async () => {
    for (const [, method, path, body] of decisions(topic.id)) {
      const reply = await api.request(method, path, { body, token: memberToken });
      expect(expectApiError(reply, 403, "forbidden").message).toBe("委员账号只能查看，不能修改");
    }
    await unchanged();
  });

  it("another station's staff: 404, nothing changed", async () => {
    for (const [, method, path, body] of decisions(topic.id)) {
      const reply = await api.request(method, path, { body, token: otherStaff });
      expect(expectApiError(reply, 404, "not_found").message).toBe("未找到该议题");
    }
    await unchanged();
  });

  it("an absent or malformed topic id: 404", async () => {
    for (const id of [absentId, "nothing-here"]) {
      for (const [, method, path, body] of decisions(id)) {
        expect(expectApiError(await api.request(method, path, { body }), 404, "not_found").message).toBe(
          "未找到该议题",
        );
      }
    }
  });

  it("a step that does not exist in the path: 404 as an unknown route, nothing changed", async () => {
    for (const step of ["nonsense", "Collect", "closed"]) {
      const reply = await api.post(`/topics/${topic.id}/steps/${step}/complete`, evidenceFor("collect", []));
      expect(expectApiError(reply, 404, "not_found").message).toBe("没有这个接口");
    }
    await unchanged();
  });

  it.each([
    ["complete without evidence", "POST", "/steps/collect/complete", {}, ["summary", "raisedBy"]],
    [
      "complete with another step's evidence",
      "POST",
      "/steps/collect/complete",
      evidenceFor("determine", []),
      ["summary", "raisedBy", "decision", "format", "reason"],
    ],
    [
      "return to a step that does not exist",
      "POST",
      "/return",
      { step: "determine", toStep: "start", reason: "x" },
      ["toStep"],
    ],
    ["return without a reason", "POST", "/return", { step: "determine", toStep: "collect" }, ["reason"]],
    ["return without naming its step", "POST", "/return", { toStep: "collect", reason: "x" }, ["step"]],
    ["reject with a blank reason", "POST", "/reject", { step: "determine", reason: "  " }, ["reason"]],
    [
      "reject with an unknown field",
      "POST",
      "/reject",
      { step: "determine", reason: "x", notify: false },
      ["notify"],
    ],
    ["extend without anything", "PATCH", "/deadline", {}, ["deadline", "reason"]],
    ["extend to a word", "PATCH", "/deadline", { deadline: "next week", reason: "x" }, ["deadline"]],
    ["extend to 30 February", "PATCH", "/deadline", { deadline: "2099-02-30", reason: "x" }, ["deadline"]],
    [
      "extend to a time without an offset",
      "PATCH",
      "/deadline",
      { deadline: "2099-01-01T12:00:00", reason: "x" },
      ["deadline"],
    ],
  ])("%s: 400 naming the fields, nothing changed", async (_name, method, suffix, body, fields) => {
    const reply = await api.request(method, `/topics/${topic.id}${suffix}`, { body });
    expectApiError(reply, 400, "validation_failed");
    expect(sorted(reply.fields)).toEqual(sorted(fields));
    await unchanged();
  });

  it("an If-Match that is not the current version: 409 with the current version, nothing changed", async () => {
    // The loop's own bookkeeping (entering the step) keeps the version a client saw: it is still 1.
    for (const [name, method, path, body] of decisions(topic.id)) {
      const reply = await api.request(method, path, {
        body,
        headers: { "if-match": `"${topic.version + 1}"` },
      });
      const error = expectApiError(reply, 409, "version_mismatch");
      expect(error.currentVersion, name).toBe(topic.version);
      expect(reply.headers.get("etag")).toBe(`"${topic.version}"`);
    }
    await unchanged();
  });

  it("an If-Match that is not a version: 400 naming If-Match, nothing changed", async () => {
    for (const [, method, path, body] of decisions(topic.id)) {
      const reply = await api.request(method, path, { body, headers: { "if-match": "yesterday" } });
      expectApiError(reply, 400, "validation_failed");
      expect(reply.fields).toEqual(["If-Match"]);
    }
    await unchanged();
  });

  it("with the current If-Match: the decision lands, with the new version as ETag", async () => {
    const reply = await api.post(`/topics/${topic.id}/steps/collect/complete`, evidenceFor("collect", []), {
      token: home.staffToken,
      headers: { "if-match": `"${topic.version}"` },
    });
    expect(reply.status, reply.text).toBe(200);
    const moved = reply.json<Topic>();
    expect(moved).toMatchObject({ step: "determine", status: "open" });
    expect(moved.version).toBeGreaterThan(topic.version);
    expect(reply.headers.get("etag")).toBe(`"${moved.version}"`);
    expect(v.safeParse(responseSchemas.Topic, moved).success).toBe(true);

    await parkedAt(api, topic.id, "determine");
    const atDetermine = await readTopic(api, topic.id);
    const returned = await api.post(
      `/topics/${topic.id}/return`,
      { step: "determine", toStep: "collect", reason: "需补充群众意见" },
      { token: home.staffToken, headers: { "if-match": `"${atDetermine.version}"` } },
    );
    expect(returned.status, returned.text).toBe(200);
    expect(returned.json<Topic>()).toMatchObject({ step: "collect", returns: 1 });
    expect(returned.headers.get("etag")).toBe(`"${returned.json<Topic>().version}"`);
    await parkedAt(api, topic.id, "collect");
  });
});

describe("PATCH /topics/{topicId}/deadline", () => {
  let topic: TopicDetail;
  const unchanged = async () => expect(await readTopic(api, topic.id)).toEqual(topic);

  beforeAll(async () => {
    topic = await quietTopic(home.station.id);
  });

  /** The county date `days` after the current deadline's date (Asia/Shanghai is UTC+8 all year). */
  const dateAfterDeadline = (days: number) => {
    const local = new Date(new Date(topic.deadline ?? "").getTime() + 8 * 3_600_000);
    return new Date(local.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  };

  it("refuses a deadline that is not later than the current one: 400 deadline_not_later", async () => {
    const current = topic.deadline ?? "";
    expect(current).toMatch(/T15:59:59\.999Z$/); // working-day deadlines end with the county's day
    const earlier = new Date(new Date(current).getTime() - 86_400_000).toISOString();
    for (const deadline of [earlier, current, dateAfterDeadline(-1)]) {
      const reply = await api.patch(`/topics/${topic.id}/deadline`, { deadline, reason: "提前" });
      const error = expectApiError(reply, 400, "validation_failed");
      expect(error.details?.map((detail) => [detail.field, detail.code])).toEqual([
        ["deadline", "deadline_not_later"],
      ]);
      // The current deadline as the county reads it (23:59 local), not as a UTC timestamp.
      expect(error.details?.[0]?.message).toBe(`新期限须晚于当前期限（${dateAfterDeadline(0)} 23:59）`);
    }
    await unchanged();
  });

  it("takes a date as the end of that day in the county, and a date-time with its offset as given", async () => {
    const date = dateAfterDeadline(20);
    const reply = await api.patch(
      `/topics/${topic.id}/deadline`,
      { deadline: date, reason: "等待街道反馈" },
      { token: home.staffToken },
    );
    expect(reply.status, reply.text).toBe(200);
    const extended = reply.json<TopicDetail>();
    // 23:59:59.999 in Asia/Shanghai (UTC+8) is 15:59:59.999 UTC the same day.
    expect(extended).toMatchObject({ deadline: `${date}T15:59:59.999Z`, extensions: 1, step: "collect" });
    expect(extended.version).toBe(topic.version + 1);
    expect(reply.headers.get("etag")).toBe(`"${extended.version}"`);

    const later = dateAfterDeadline(30);
    const second = await api.patch(
      `/topics/${topic.id}/deadline`,
      { deadline: `${later}T12:00:00+08:00`, reason: "再等一周" },
      { headers: { "if-match": `"${extended.version}"` } },
    );
    expect(second.status, second.text).toBe(200);
    expect(second.json<Topic>()).toMatchObject({ deadline: `${later}T04:00:00.000Z`, extensions: 2 });

    const detail = (await readTopic(api, topic.id)) as TopicDetail;
    const events = detail.timeline.filter((event) => event.kind === "deadline_extended");
    expect(events.map((event) => event.details)).toEqual([
      { from: topic.deadline, to: `${date}T15:59:59.999Z`, reason: "等待街道反馈" },
      { from: `${date}T15:59:59.999Z`, to: `${later}T04:00:00.000Z`, reason: "再等一周" },
    ]);
    expect(events.map((event) => event.text)).toEqual([
      `「收集议题」期限延至 ${date} 23:59：等待街道反馈（本地工作人员 (local staff)）`,
      `「收集议题」期限延至 ${later} 12:00：再等一周（本地管理员 (local admin)）`,
    ]);
    topic = detail;
  });

  it(`refuses more than ${defaultTopicPolicy.maxExtensionsPerStep} extensions of a step: 409 extension_limit_reached`, async () => {
    expect(topic.extensions).toBe(defaultTopicPolicy.maxExtensionsPerStep);
    const reply = await api.patch(`/topics/${topic.id}/deadline`, {
      deadline: dateAfterDeadline(60),
      reason: "还要再等",
    });
    const error = expectApiError(reply, 409, "wrong_step");
    expect(error.details?.map((detail) => detail.code)).toEqual(["extension_limit_reached"]);
    expect(error.details?.[0]?.message).toBe(
      `本环节延期次数已达上限（${defaultTopicPolicy.maxExtensionsPerStep} 次）`,
    );
    await unchanged();
  });

  it("allows extensions afresh in the next step", async () => {
    await advance(topic.id, "collect", "determine");
    const next = (await readTopic(api, topic.id)) as TopicDetail;
    expect(next.extensions).toBe(0);
    topic = next;
    const reply = await api.patch(`/topics/${topic.id}/deadline`, {
      deadline: dateAfterDeadline(5),
      reason: "会议改期",
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<Topic>()).toMatchObject({ step: "determine", extensions: 1 });
  });
});

describe("a responsible member on the topic", () => {
  it("is accepted when the member serves at the station, under their registered name, per step too", async () => {
    const member = await createMember(api);
    await assign(api, home.station.id, member.id);
    const reply = await api.post(
      "/topics",
      topicInput(home.station.id, {
        responsible: { name: member.name, memberId: member.id },
        responsibles: { research: { name: "调研组长", phone: nextPhone() } },
        deadlines: { collect: { amount: 3, unit: "days" } },
      }),
    );
    expect(reply.status, reply.text).toBe(201);
    const topic = reply.json<TopicDetail>();
    expect(topic.responsible).toEqual({ name: member.name, memberId: member.id });
    await parkedAt(api, topic.id, "collect");
    const detail = await readTopic(api, topic.id);
    // Three calendar days: the end of the third day after the start, in the county.
    const startDay = new Date(
      new Date((detail as TopicDetail).stepStartedAt ?? "").getTime() + 8 * 3_600_000,
    );
    const due = new Date(startDay.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(detail.deadline).toBe(`${due}T15:59:59.999Z`);
  });

  it("a per-step responsible member who does not exist: 400 naming that step's member", async () => {
    const reply = await api.post(
      "/topics",
      topicInput(home.station.id, { responsibles: { report: { name: "某委员", memberId: absentId } } }),
    );
    const error = expectApiError(reply, 400, "validation_failed");
    expect(error.details?.map((detail) => [detail.field, detail.code])).toEqual([
      ["responsibles.report.memberId", "member_not_found"],
    ]);
  });

  it("another name beside a member's id: 400 giving the registered name, and nothing is registered", async () => {
    const member = await createMember(api);
    await assign(api, home.station.id, member.id);
    const title = unique("负责人姓名不符");
    const reply = await api.post(
      "/topics",
      topicInput(home.station.id, { title, responsible: { name: "x", memberId: member.id } }),
    );
    const error = expectApiError(reply, 400, "validation_failed");
    expect(error.details?.map((detail) => [detail.field, detail.code])).toEqual([
      ["responsible.name", "responsible_name_mismatch"],
    ]);
    expect(error.details?.[0]?.message).toContain(member.name);
    const topics = await listAll<Topic>(api, `/topics?stationId=${home.station.id}`);
    expect(topics.map((topic) => topic.title)).not.toContain(title);
  });

  it("a member who does not serve at the station: 400, for the topic and for a step", async () => {
    const elsewhere = await createMember(api);
    await assign(api, other.id, elsewhere.id);
    const person = { name: elsewhere.name, memberId: elsewhere.id };
    for (const [body, field] of [
      [{ responsible: person }, "responsible.memberId"],
      [{ responsibles: { consult: person, report: person } }, "responsibles.consult.memberId"],
    ] as const) {
      const reply = await api.post("/topics", topicInput(home.station.id, body));
      const error = expectApiError(reply, 400, "validation_failed");
      expect(error.details?.[0]).toMatchObject({ field, code: "responsible_not_serving" });
      expect(error.details?.[0]?.message).toContain(elsewhere.name);
    }
  });
});
