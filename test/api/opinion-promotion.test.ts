/**
 * Promotion of a 社情民意 item to a topic, and topic categories, through the local gateway with the
 * real handlers and the local topic loop: the topic starts at 收集议题 with source publicOpinion,
 * linked both ways, its execution running; once only, however close two promotions come; the
 * station's tally counts topics by category, and a category change moves the count.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetTopicCategories } from "../../functions/kernel/config";
import { yearCounters } from "../support/tally";
import {
  completeWhenReady,
  eventually,
  notificationsOf,
  parkedAt,
  readTopic,
  type StationWithLead,
  stationWithLead,
  topicInput,
} from "../workflow/harness";
import {
  type Api,
  assign,
  createMember,
  createStation,
  expectApiError,
  type Page,
  startApi,
  unique,
} from "./harness";

interface Opinion {
  id: string;
  topicId?: string;
  version: number;
  history: { kind: string; text?: string }[];
}
interface Topic {
  id: string;
  step: string;
  source: string;
  title: string;
  description: string;
  opinionId?: string;
  category?: string;
  categoryName?: string;
  sourcePeople?: { name: string; phone?: string }[];
  responsible: { name: string; memberId?: string };
  version: number;
  timeline?: { kind: string; text: string }[];
}

let api: Api;
let home: StationWithLead;

beforeAll(async () => {
  api = await startApi();
  home = await stationWithLead(api);
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const currentYear = () =>
  Number(new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Shanghai" }).slice(0, 4));
const counters = (stationId: string) => yearCounters(stationId, currentYear());

async function collect(
  stationId = home.station.id,
  overrides: Record<string, unknown> = {},
): Promise<Opinion> {
  const reply = await api.post(`/stations/${stationId}/opinions`, {
    title: unique("河道垃圾清理"),
    content: "村口河道垃圾堆积，夏季异味明显，希望定期清理。",
    source: "resident",
    submitter: { name: "村民丙", phone: "13700000077" },
    ...overrides,
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.json<Opinion>();
}

describe("promoting an item", () => {
  it("registers a topic at collect with source publicOpinion, linked both ways, its loop started", async () => {
    const item = await collect(home.station.id, { category: "livelihood" });
    const before = await counters(home.station.id);
    const reply = await api.post(`/opinions/${item.id}/promote`, {}, { token: home.staffToken });
    expect(reply.status, reply.text).toBe(201);
    const { opinion, topic } = reply.json<{ opinion: Opinion; topic: Topic }>();
    expect(reply.headers.get("location")).toBe(`/topics/${topic.id}`);
    expect(topic).toMatchObject({
      step: "collect",
      source: "publicOpinion",
      opinionId: item.id,
      category: "livelihood",
      categoryName: "民生实事",
      description: "村口河道垃圾堆积，夏季异味明显，希望定期清理。",
      responsible: { memberId: home.lead.id },
      sourcePeople: [{ name: "村民丙", phone: "13700000077" }],
    });
    expect(opinion.topicId).toBe(topic.id);
    expect(opinion.history.map((event) => event.kind)).toEqual(["received", "promoted"]);
    const read = await api.get(`/opinions/${item.id}`);
    expect(read.json<Opinion>().topicId).toBe(topic.id);
    // The history names the topic by its title, not by its id.
    const promotedText = read.json<Opinion>().history.at(-1)?.text ?? "";
    expect(promotedText.startsWith(`转为议题「${topic.title}」`), promotedText).toBe(true);
    expect(promotedText).not.toContain(topic.id);
    expect(((await readTopic(api, topic.id)) as unknown as Topic).opinionId).toBe(item.id);
    await parkedAt(api, topic.id, "collect");
    const after = await counters(home.station.id);
    expect((after.topics ?? 0) - (before.topics ?? 0)).toBe(1);
    expect((after.topics_livelihood ?? 0) - (before.topics_livelihood ?? 0)).toBe(1);
  });

  it("tells the resident who raised the item when the topic is declined, besides those the collect step names", async () => {
    const item = await collect();
    const promoted = await api.post(`/opinions/${item.id}/promote`, {});
    expect(promoted.status, promoted.text).toBe(201);
    const topicId = promoted.json<{ topic: Topic }>().topic.id;
    await completeWhenReady(api, topicId, "collect", [home.lead.id]);
    await parkedAt(api, topicId, "determine");
    const rejected = await api.post(`/topics/${topicId}/reject`, {
      step: "determine",
      reason: "已纳入年度计划",
    });
    expect(rejected.status, rejected.text).toBe(200);
    const told = await eventually(async () => {
      const notices = (await notificationsOf(api, topicId)).filter((n) => n.templateId === "topic_rejected");
      return notices.length >= 2 ? notices : undefined;
    }, "both sources told");
    expect(told.map((notice) => notice.recipient.name).sort()).toEqual(["居民丁", "村民丙"]);
    const resident = told.find((notice) => notice.recipient.name === "村民丙");
    expect(resident?.channel).toBe("sms");
  });

  it("promotes once: again is 409 opinion_already_promoted naming the topic", async () => {
    const item = await collect();
    const first = await api.post(`/opinions/${item.id}/promote`, {});
    expect(first.status, first.text).toBe(201);
    const topicId = first.json<{ topic: Topic }>().topic.id;
    const again = await api.post(`/opinions/${item.id}/promote`, {});
    const error = expectApiError(again, 409, "opinion_already_promoted");
    expect(error.details?.[0]).toMatchObject({ field: "topicId", code: "opinion_already_promoted" });
    expect(error.details?.[0]?.message).toContain(topicId);
  });

  it("registers exactly one topic when promotions race", async () => {
    const station = await createStation(api);
    const item = await collect(station.id);
    const body = { responsible: { name: "经办人丁", phone: "13600000002" } };
    const replies = await Promise.all([1, 2, 3, 4].map(() => api.post(`/opinions/${item.id}/promote`, body)));
    const statuses = replies.map((reply) => reply.status);
    expect(
      statuses.filter((status) => status === 201),
      JSON.stringify(statuses),
    ).toHaveLength(1);
    for (const status of statuses) expect([201, 409, 429]).toContain(status);
    const topics = (await api.get(`/topics?stationId=${station.id}`)).json<Page<Topic>>();
    expect(topics.items).toHaveLength(1);
    expect((await api.get(`/opinions/${item.id}`)).json<Opinion>().topicId).toBe(topics.items[0]?.id);
    expect((await counters(station.id)).topics).toBe(1);
  });

  it("needs a responsible person when the station has no lead member; members may not promote", async () => {
    const station = await createStation(api);
    const item = await collect(station.id);
    const reply = await api.post(`/opinions/${item.id}/promote`, {});
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual(["responsible"]);
    const member = await api.token({ role: "member", memberId: home.lead.id, subject: "m-1" });
    expectApiError(await api.post(`/opinions/${item.id}/promote`, {}, { token: member }), 403, "forbidden");
    expect((await api.get(`/opinions/${item.id}`)).json<Opinion>().topicId).toBeUndefined();
    expect((await counters(station.id)).topics).toBeUndefined();
  });

  it("takes a responsible member only under their own name and only from the station, as POST /topics does", async () => {
    const elsewhere = await createStation(api);
    const member = await createMember(api, { name: "委员外站丁" });
    await assign(api, elsewhere.id, member.id);
    const item = await collect();
    const promote = (responsible: Record<string, string>) =>
      api.post(`/opinions/${item.id}/promote`, { responsible }, { token: home.staffToken });
    const renamed = await promote({ name: "x", memberId: member.id });
    expectApiError(renamed, 400, "validation_failed");
    expect(renamed.fields).toEqual(["responsible.name"]);
    expect(renamed.text).toContain("委员外站丁");
    const notServing = await promote({ name: "委员外站丁", memberId: member.id });
    expectApiError(notServing, 400, "validation_failed");
    expect(notServing.fields).toEqual(["responsible.memberId"]);
    expect(notServing.text).toContain("responsible_not_serving");
    expect((await api.get(`/opinions/${item.id}`)).json<Opinion>().topicId).toBeUndefined();
    // Once they serve here (invited, or assigned by the county office), they may answer for it.
    await assign(api, home.station.id, member.id);
    const promoted = await promote({ name: "委员外站丁", memberId: member.id });
    expect(promoted.status, promoted.text).toBe(201);
    expect(promoted.json<{ topic: Topic }>().topic.responsible).toEqual({
      name: "委员外站丁",
      memberId: member.id,
    });
  });
});

describe("topic categories", () => {
  it("lists the configured categories with their names", async () => {
    const reply = await api.get("/topic-categories", { token: home.staffToken });
    expect(reply.status, reply.text).toBe(200);
    const { items } = reply.json<{ items: { id: string; name: string }[] }>();
    expect(items.map((item) => [item.id, item.name])).toEqual([
      ["partyGovernment", "党政要事"],
      ["livelihood", "民生实事"],
      ["governance", "社会治理难事"],
    ]);
  });

  it("counts a registered topic by category; refuses an unknown one with 400 naming category", async () => {
    const station = await createStation(api);
    const post = (category: string) =>
      api.post("/topics", topicInput(station.id, { title: unique("议题"), category }));
    const bad = await post("weather");
    expectApiError(bad, 400, "validation_failed");
    expect(bad.fields).toEqual(["category"]);
    expect(await counters(station.id)).toEqual({});
    const created = await post("governance");
    expect(created.status, created.text).toBe(201);
    expect(created.json<Topic>()).toMatchObject({ category: "governance", categoryName: "社会治理难事" });
    expect(await counters(station.id)).toEqual({ topics: 1, topics_governance: 1 });
    const filtered = (await api.get(`/topics?stationId=${station.id}&category=governance`)).json<
      Page<Topic>
    >();
    expect(filtered.items).toHaveLength(1);
    const none = (await api.get(`/topics?stationId=${station.id}&category=livelihood`)).json<Page<Topic>>();
    expect(none.items).toHaveLength(0);
  });

  it("moves the count when a topic's category changes, with If-Match, in its timeline", async () => {
    const station = await createStation(api);
    const created = await api.post("/topics", topicInput(station.id, { category: "livelihood" }));
    const topic = created.json<Topic>();
    await parkedAt(api, topic.id, "collect");
    const bad = await api.patch(`/topics/${topic.id}`, { category: "weather" });
    expectApiError(bad, 400, "validation_failed");
    expect(bad.fields).toEqual(["category"]);
    const current = await readTopic(api, topic.id);
    const stale = await api.patch(
      `/topics/${topic.id}`,
      { category: "governance" },
      { headers: { "if-match": '"99"' } },
    );
    expectApiError(stale, 409, "version_mismatch");
    const changed = await api.patch(
      `/topics/${topic.id}`,
      { category: "governance" },
      { headers: { "if-match": `"${(current as unknown as Topic).version}"` } },
    );
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json<Topic>().category).toBe("governance");
    expect(await counters(station.id)).toEqual({ topics: 1, topics_livelihood: 0, topics_governance: 1 });
    const cleared = await api.patch(`/topics/${topic.id}`, { category: null });
    expect(cleared.json<Topic>().category).toBeUndefined();
    expect(await counters(station.id)).toEqual({ topics: 1, topics_livelihood: 0, topics_governance: 0 });
    const detail = (await api.get(`/topics/${topic.id}`)).json<Topic>();
    const changes = (detail.timeline ?? []).filter((event) => event.kind === "category_changed");
    expect(changes.map((event) => event.text)).toEqual([
      expect.stringContaining("由「民生实事」改为「社会治理难事」"),
      expect.stringContaining("改为「未分类」"),
    ]);
    // The county retires 民生实事: a topic filed under it may keep it; nothing else may take it.
    await api.patch(`/topics/${topic.id}`, { category: "livelihood" });
    process.env.TOPIC_CATEGORIES = JSON.stringify([{ id: "governance", "zh-CN": "社会治理难事" }]);
    resetTopicCategories();
    try {
      const kept = await api.patch(`/topics/${topic.id}`, { category: "livelihood" });
      expect(kept.status, kept.text).toBe(200);
      expect(kept.json<Topic>().category).toBe("livelihood");
      expectApiError(await api.patch(`/topics/${topic.id}`, { category: "party" }), 400, "validation_failed");
    } finally {
      delete process.env.TOPIC_CATEGORIES;
      resetTopicCategories();
    }
    const member = await api.token({ role: "member", memberId: home.lead.id, subject: "m-1" });
    expectApiError(
      await api.patch(`/topics/${topic.id}`, { category: "livelihood" }, { token: member }),
      403,
      "forbidden",
    );
  });
});
