/**
 * Topics against DynamoDB Local: the topic item and its timeline written together, conditioned on the
 * version, and the lists the API and the local runtime read. This file has a table of its own; every
 * topic it writes is also kept in `written`, so a list over the whole collection has an exact answer.
 */

import { DeleteItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "../../functions/domain/errors";
import type { TopicStep } from "../../functions/domain/topics/steps";
import { newId } from "../../functions/kernel/ids";
import { dynamodb, tableName } from "../../functions/kernel/table/client";
import { getItem, toItem } from "../../functions/kernel/table/items";
import { topicIndexKeys, topicKey } from "../../functions/kernel/table/keys";
import {
  CompanionWriteRefused,
  createTopic,
  findTopic,
  getTopic,
  listTopics,
  type NewTopicEvent,
  openTopics,
  parkTaskToken,
  type StoredTopic,
  saveTopic,
  type TopicFilter,
  topicTimeline,
} from "../../functions/topics/store/topics";
import { allPages, rejectionOf, unique, useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-topics");
});

/** The latest stored state of every topic this file wrote, by id. */
const written = new Map<string, StoredTopic>();

const createdAt = new Date("2026-03-02T01:00:00Z");

function topicInput(overrides: Partial<StoredTopic> = {}): StoredTopic {
  const id = newId(createdAt.getTime());
  return {
    id,
    stationId: unique("station"),
    title: "关于老旧小区加装电梯的议题",
    description: "居民反映加装电梯意见不一",
    source: "群众来信",
    responsible: { name: "王主任", memberId: "01HZZZZZZZZZZZZZZZZZZZZZZZ", phone: "13900000000" },
    stepResponsible: { research: { name: "李委员", email: "li@example.cn" } },
    deadlineOverrides: { collect: { amount: 5, unit: "workingDays" } },
    status: "open",
    step: "collect",
    stepSeq: 1,
    enteredSeq: 0,
    extensions: 0,
    returns: 0,
    alarmsSent: [],
    wakeUps: 0,
    evidence: {},
    eventSeq: 0,
    decisionSeq: 0,
    version: 1,
    createdAt: createdAt.toISOString(),
    updatedAt: createdAt.toISOString(),
    executionName: `${id}-1`,
    ...overrides,
  };
}

const createdEvent = (overrides: Partial<NewTopicEvent> = {}): NewTopicEvent => ({
  at: createdAt.toISOString(),
  kind: "created",
  step: "collect",
  actor: { subject: "staff-1", name: "工作人员" },
  details: { source: "群众来信" },
  ...overrides,
});

async function create(
  overrides: Partial<StoredTopic> = {},
  events: readonly NewTopicEvent[] = [createdEvent()],
): Promise<StoredTopic> {
  const topic = await createTopic(topicInput(overrides), events);
  written.set(topic.id, topic);
  return topic;
}

async function save(
  current: StoredTopic,
  change: (topic: StoredTopic) => StoredTopic,
  events: readonly NewTopicEvent[] = [],
  now = new Date("2026-03-03T02:00:00Z"),
): Promise<StoredTopic> {
  const saved = await saveTopic(current, change, events, now);
  written.set(saved.id, saved);
  return saved;
}

const ids = (list: readonly { id: string }[]) => list.map((item) => item.id);
/** Ids in list order (ULIDs created one after another sort in creation order). */
const sortedIds = (list: readonly { id: string }[]) => ids(list).sort();

function outcomes<T>(results: PromiseSettledResult<T>[]) {
  const fulfilled = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  return { fulfilled, rejected };
}

describe("createTopic, getTopic, findTopic", () => {
  it("stores the whole topic and reads it back unchanged", async () => {
    const input = topicInput({
      evidence: { collect: { raisedBy: [{ name: "陈女士", contact: "13800000001" }] } },
      taskToken: "token-1",
      pendingDecision: { outcome: "advance", step: "determine", decidedAt: "collect", seq: 1 },
      deadline: "2026-03-09T15:59:59.999Z",
      stepStartedAt: createdAt.toISOString(),
      alarmsSent: [{ key: "before", deadline: "2026-03-09T15:59:59.999Z" }],
    });
    const topic = await createTopic(input, [createdEvent()]);
    written.set(topic.id, topic);
    expect(topic).toEqual({ ...input, eventSeq: 1, revision: 1 });
    expect(await getTopic(topic.id)).toEqual(topic);
    expect(await findTopic(topic.id)).toEqual(topic);
  });

  it("counts the events it was created with in eventSeq", async () => {
    const topic = await create({}, [createdEvent(), createdEvent({ kind: "step_started" })]);
    expect(topic.eventSeq).toBe(2);
    expect((await getTopic(topic.id)).eventSeq).toBe(2);
    expect((await topicTimeline(topic.id)).map((event) => event.seq)).toEqual([1, 2]);
  });

  it("an unknown topic: findTopic answers undefined, getTopic throws NotFoundError", async () => {
    const missing = newId();
    expect(await findTopic(missing)).toBeUndefined();
    const error = await rejectionOf(getTopic(missing));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: "topic", id: missing });
  });

  it("never overwrites an existing topic or its events", async () => {
    const topic = await create();
    const again = topicInput({ id: topic.id, title: "冒名的议题", stationId: topic.stationId });
    await expect(createTopic(again, [createdEvent({ details: { source: "again" } })])).rejects.toThrow();
    expect(await getTopic(topic.id)).toEqual(topic);
    const timeline = await topicTimeline(topic.id);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]?.details).toEqual({ source: "群众来信" });
  });
});

describe("saveTopic", () => {
  it("writes the change with the next version, the events' count and the time of the change", async () => {
    const topic = await create();
    const now = new Date("2026-03-04T03:04:05Z");
    const saved = await save(
      topic,
      // A change cannot set what saveTopic keeps: version, eventSeq, updatedAt.
      (current) => ({ ...current, title: "新标题", version: 99, eventSeq: 99, updatedAt: "never" }),
      [{ at: now.toISOString(), kind: "deadline_extended", step: "collect" }],
      now,
    );
    expect(saved).toMatchObject({ title: "新标题", version: 2, eventSeq: 2, updatedAt: now.toISOString() });
    expect(saved.createdAt).toBe(topic.createdAt);
    expect(await getTopic(topic.id)).toEqual(saved);
  });

  it("writes the whole item: an attribute the change drops is gone from the store", async () => {
    const topic = await create({ taskToken: "parked-token" });
    const saved = await save(topic, ({ taskToken: _used, ...rest }) => rest as StoredTopic);
    expect(saved.taskToken).toBeUndefined();
    const stored = await getTopic(topic.id);
    expect(stored).not.toHaveProperty("taskToken");
    expect(stored.version).toBe(2);
  });

  it("a stale copy: ConflictError version_mismatch with the stored version; neither topic nor events written", async () => {
    const topic = await create();
    const first = await save(topic, (current) => ({ ...current, title: "第一次修改" }));
    // `first` wrote no events, so the stale write's event keys are free: only the version stops it.
    const error = await rejectionOf(
      saveTopic(
        topic,
        (current) => ({ ...current, title: "过时的修改", step: "report" }),
        [{ at: createdAt.toISOString(), kind: "step_completed", step: "collect" }],
        new Date("2026-03-05T00:00:00Z"),
      ),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: "version_mismatch", currentVersion: 2 });
    expect(await getTopic(topic.id)).toEqual(first);
    expect((await topicTimeline(topic.id)).map((event) => event.kind)).toEqual(["created"]);
  });

  it("a stale copy whose events would follow the newer ones is refused too", async () => {
    const topic = await create();
    const first = await save(topic, (current) => ({ ...current, step: "determine" }), [
      createdEvent({ kind: "step_completed", details: { by: "first" } }),
    ]);
    await expect(
      saveTopic(
        topic,
        (current) => ({ ...current, step: "research" }),
        [createdEvent({ kind: "step_completed", details: { by: "stale" } })],
        new Date(),
      ),
    ).rejects.toMatchObject({ name: "ConflictError", reason: "version_mismatch" });
    expect(await getTopic(topic.id)).toEqual(first);
    const timeline = await topicTimeline(topic.id);
    expect(timeline.map((event) => event.details)).toEqual([{ source: "群众来信" }, { by: "first" }]);
  });

  it("a bookkeeping write keeps the version clients see, yet still fences every other writer", async () => {
    const topic = await create();
    const parked = await saveTopic(
      topic,
      (current) => ({ ...current, taskToken: "parked" }),
      [],
      new Date("2026-03-06T00:00:00Z"),
      { bookkeeping: true },
    );
    expect(parked).toMatchObject({ version: topic.version, revision: 2, updatedAt: topic.updatedAt });
    // A copy read before the bookkeeping lost the race, though its version still matches.
    const error = await rejectionOf(
      saveTopic(topic, (current) => ({ ...current, title: "过时" }), [], new Date()),
    );
    expect(error).toMatchObject({ reason: "version_mismatch", currentVersion: topic.version });
    // Read again, the change lands and bumps both.
    const saved = await save(parked, (current) => ({ ...current, title: "新标题" }));
    expect(saved).toMatchObject({ version: topic.version + 1, revision: 3, taskToken: "parked" });
  });

  it("a topic that does not exist cannot be saved into being", async () => {
    const ghost = topicInput();
    await expect(saveTopic(ghost, (current) => current, [createdEvent()], new Date())).rejects.toMatchObject({
      reason: "version_mismatch",
    });
    expect(await findTopic(ghost.id)).toBeUndefined();
    expect(await topicTimeline(ghost.id)).toEqual([]);
  });
});

describe("saveTopic with companion writes (a change's notices)", () => {
  const guardOf = (key: string) => ({
    Put: {
      TableName: tableName(),
      Item: marshall({ PK: `TEST#GUARD#${key}`, SK: "GUARD" }),
      ConditionExpression: "attribute_not_exists(PK)",
    },
  });
  const guardExists = async (key: string) =>
    (await getItem({ PK: `TEST#GUARD#${key}`, SK: "GUARD" })) !== undefined;

  it("commits them with the change, in one transaction", async () => {
    const topic = await create();
    const key = unique("guard");
    const saved = await saveTopic(topic, (t) => ({ ...t, title: "带通知的修改" }), [], new Date(), {
      alsoWrite: [guardOf(key)],
    });
    written.set(saved.id, saved);
    expect(await getTopic(topic.id)).toEqual(saved);
    expect(await guardExists(key)).toBe(true);
  });

  it("a refused companion: CompanionWriteRefused naming it, and the change is not written either", async () => {
    const topic = await create();
    const used = unique("guard");
    const fresh = unique("guard");
    await saveTopic(topic, (t) => t, [], new Date(), { alsoWrite: [guardOf(used)] }).then((saved) =>
      written.set(saved.id, saved),
    );
    const current = await getTopic(topic.id);
    const error = await rejectionOf(
      saveTopic(current, (t) => ({ ...t, title: "不该写入" }), [createdEvent()], new Date(), {
        alsoWrite: [guardOf(fresh), guardOf(used)],
      }),
    );
    expect(error).toBeInstanceOf(CompanionWriteRefused);
    expect(error).toMatchObject({ positions: [1] });
    expect(await getTopic(topic.id)).toEqual(current);
    expect(await guardExists(fresh)).toBe(false);
  });

  it("a stale topic with a refused companion is a stale write (the caller reads again)", async () => {
    const topic = await create();
    const used = unique("guard");
    written.set(topic.id, await save(topic, (t) => ({ ...t, title: "先到" })));
    await saveTopic(await getTopic(topic.id), (t) => t, [], new Date(), { alsoWrite: [guardOf(used)] }).then(
      (saved) => written.set(saved.id, saved),
    );
    await expect(
      saveTopic(topic, (t) => t, [], new Date(), { alsoWrite: [guardOf(used)] }),
    ).rejects.toMatchObject({ name: "ConflictError", reason: "version_mismatch" });
  });
});

describe("parkTaskToken", () => {
  const entered = (overrides: Partial<StoredTopic> = {}) => create({ enteredSeq: 1, ...overrides });
  const park = async (topic: StoredTopic, step: TopicStep, token: string) => {
    const parked = await parkTaskToken(topic.id, step, token);
    written.set(topic.id, await getTopic(topic.id));
    return parked;
  };

  it("parks the token on an entered step in one update: the revision moves, the version a client sees does not", async () => {
    const topic = await entered();
    expect(await park(topic, "collect", "token-a")).toBe(true);
    const stored = await getTopic(topic.id);
    expect(stored).toEqual({ ...topic, taskToken: "token-a", revision: (topic.revision ?? 1) + 1 });
    // A writer that read before the token was parked must read again.
    await expect(save(topic, (t) => ({ ...t, title: "过时" }))).rejects.toMatchObject({
      reason: "version_mismatch",
    });
  });

  it("refuses, changing nothing, when the topic is not simply waiting at that step", async () => {
    const cases: [string, Promise<StoredTopic>, TopicStep][] = [
      ["another step", entered(), "determine"],
      ["the entry not recorded yet", create({ enteredSeq: 0 }), "collect"],
      ["closed", entered({ status: "closed", closedAs: "rejected" }), "collect"],
      [
        "a decision on this step waits",
        entered({ pendingDecision: { outcome: "advance", step: "determine", decidedAt: "collect", seq: 1 } }),
        "collect",
      ],
    ];
    for (const [label, creating, step] of cases) {
      const topic = await creating;
      expect(await park(topic, step, "token-b"), label).toBe(false);
      expect(await getTopic(topic.id), label).toEqual(topic);
      // The lists below count this file's topics by status: leave no extra closed one behind.
      await dynamodb().send(
        new DeleteItemCommand({ TableName: tableName(), Key: marshall(topicKey(topic.id)) }),
      );
      written.delete(topic.id);
    }
  });

  it("parks after the decision that moved the topic to the step, which has arrived with it and goes", async () => {
    const topic = await entered({
      step: "determine",
      pendingDecision: { outcome: "advance", step: "determine", decidedAt: "collect", seq: 1 },
    });
    expect(await park(topic, "determine", "token-c")).toBe(true);
    const stored = await getTopic(topic.id);
    expect(stored.taskToken).toBe("token-c");
    // Left there, it would be handed to this step's wait with the next decision taken here.
    expect(stored.pendingDecision).toBeUndefined();
  });

  it("refuses a topic written before revisions existed (the caller's read-and-save path handles it)", async () => {
    const topic = await entered();
    const { revision: _none, ...legacy } = { ...topic, id: newId(), executionName: "legacy-1" };
    await dynamodb().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: toItem(
          legacy,
          { ...topicKey(legacy.id), ...topicIndexKeys(legacy.id, legacy.stationId) },
          "topic",
        ),
      }),
    );
    written.set(legacy.id, legacy as StoredTopic);
    expect(await parkTaskToken(legacy.id, "collect", "token-d")).toBe(false);
  });
});

describe("topicTimeline", () => {
  it("numbers events 1, 2, 3… across saves and returns them in order with everything recorded", async () => {
    const topic = await create();
    const completed: NewTopicEvent = {
      at: "2026-03-03T02:00:00.000Z",
      kind: "step_completed",
      step: "collect",
      actor: { subject: "staff-2", name: "李四" },
      details: { evidence: { summary: "已收集意见 12 条" }, attachments: ["a.pdf", "b.jpg"] },
    };
    const started: NewTopicEvent = {
      at: "2026-03-03T02:00:01.000Z",
      kind: "step_started",
      step: "determine",
      details: { deadline: "2026-03-10T15:59:59.999Z" },
    };
    const afterTwo = await save(topic, (current) => ({ ...current, step: "determine" }), [
      completed,
      started,
    ]);
    expect(afterTwo.eventSeq).toBe(3);
    const reminder: NewTopicEvent = {
      at: "2026-03-09T01:00:00.000Z",
      kind: "reminder_sent",
      step: "determine",
    };
    const afterThree = await save(afterTwo, (current) => current, [reminder]);
    expect(afterThree.eventSeq).toBe(4);
    await save(afterThree, (current) => ({ ...current, wakeUps: 1 }), []);

    expect(await topicTimeline(topic.id)).toEqual([
      { ...createdEvent(), seq: 1 },
      { ...completed, seq: 2 },
      { ...started, seq: 3 },
      { ...reminder, seq: 4 },
    ]);
    expect((await getTopic(topic.id)).eventSeq).toBe(4);
  });

  it("keeps numeric order past nine and past ninety-nine events", async () => {
    const topic = await create();
    const events = Array.from({ length: 105 }, (_, i) =>
      createdEvent({ kind: "reminder_sent", details: { n: i + 2 } }),
    );
    // In a few saves: a transaction holds at most 100 items.
    let current = topic;
    for (let offset = 0; offset < events.length; offset += 35) {
      current = await save(current, (t) => t, events.slice(offset, offset + 35));
    }
    const timeline = await topicTimeline(topic.id);
    expect(timeline.map((event) => event.seq)).toEqual(Array.from({ length: 106 }, (_, i) => i + 1));
    expect(timeline.slice(1).map((event) => event.details?.n)).toEqual(timeline.slice(1).map((e) => e.seq));
  });

  it("holds only the topic's own events", async () => {
    const a = await create();
    const b = await create({}, [createdEvent({ details: { source: "b" } })]);
    await save(b, (t) => t, [createdEvent({ kind: "escalated", details: { level: 1 } })]);
    expect(await topicTimeline(a.id)).toEqual([{ ...createdEvent(), seq: 1 }]);
    expect((await topicTimeline(b.id)).map((event) => event.kind)).toEqual(["created", "escalated"]);
  });
});

describe("concurrent saveTopic on the same version", () => {
  it("two writers: exactly one wins, the other gets version_mismatch, the timeline has the winner's events only", async () => {
    const topic = await create();
    const writers = ["advance", "reject"].map((writer) =>
      saveTopic(
        topic,
        (current) => ({
          ...current,
          title: `by ${writer}`,
          step: writer === "advance" ? "determine" : "collect",
        }),
        [
          { at: createdAt.toISOString(), kind: "step_completed", step: "collect", details: { writer } },
          { at: createdAt.toISOString(), kind: "step_started", step: "determine", details: { writer } },
        ],
        new Date(),
      ),
    );
    const { fulfilled, rejected } = outcomes(await Promise.allSettled(writers));
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toBeInstanceOf(ConflictError);
    expect(rejected[0]).toMatchObject({ reason: "version_mismatch" });
    const winner = fulfilled[0] as StoredTopic;
    written.set(winner.id, winner);

    const stored = await getTopic(topic.id);
    expect(stored).toEqual(winner);
    expect(stored).toMatchObject({ version: 2, eventSeq: 3 });
    const timeline = await topicTimeline(topic.id);
    expect(timeline.map((event) => event.seq)).toEqual([1, 2, 3]);
    const winnerName = winner.title.replace("by ", "");
    expect(timeline.slice(1).map((event) => event.details?.writer)).toEqual([winnerName, winnerName]);
  });

  it("ten writers: one version lands, the nine others conflict", async () => {
    const topic = await create();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, writer) =>
        saveTopic(
          topic,
          (current) => ({ ...current, wakeUps: writer }),
          [{ at: createdAt.toISOString(), kind: "reminder_sent", step: "collect", details: { writer } }],
          new Date(),
        ),
      ),
    );
    const { fulfilled, rejected } = outcomes(results);
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(9);
    for (const error of rejected)
      expect(error).toMatchObject({ name: "ConflictError", reason: "version_mismatch" });
    const winner = fulfilled[0] as StoredTopic;
    written.set(winner.id, winner);
    expect(await getTopic(topic.id)).toEqual(winner);
    const timeline = await topicTimeline(topic.id);
    expect(timeline.map((event) => event.details?.writer)).toEqual([undefined, winner.wakeUps]);
  });
});

describe("listTopics", () => {
  const stationA = unique("station-A");
  const stationB = unique("station-B");
  const stationC = unique("station-C");
  const overdueAt = new Date("2026-03-10T00:00:00.000Z");
  const fixtures: StoredTopic[] = [];

  /** Every topic of the file that matches, in list order. */
  const expected = (matches: (topic: StoredTopic) => boolean) =>
    [...written.values()]
      .filter(matches)
      .map((topic) => topic.id)
      .sort();

  beforeAll(async () => {
    const steps: TopicStep[] = ["collect", "determine", "research", "consult", "report", "feedback"];
    const deadlines = [
      "2026-03-09T15:59:59.999Z", // passed
      "2026-03-10T00:00:00.000Z", // exactly now: not yet overdue
      "2026-03-20T15:59:59.999Z", // ahead
      undefined, // not yet entered
    ];
    for (let i = 0; i < 24; i++) {
      const station = [stationA, stationB, stationC][i % 3] as string;
      const deadline = deadlines[i % 4];
      const closed = i % 5 === 4;
      const topic = await create({
        stationId: station,
        step: steps[i % 6] as TopicStep,
        status: closed ? "closed" : "open",
        ...(closed ? { closedAs: "completed", closedAt: "2026-03-08T00:00:00.000Z" } : {}),
        ...(deadline ? { deadline } : {}),
      });
      fixtures.push(topic);
    }
    // One moves on after creation: lists read the saved state, and its GSI keys stay with it.
    const moved = fixtures[0] as StoredTopic;
    const saved = await save(moved, (current) => ({
      ...current,
      step: "research",
      deadline: "2026-03-01T00:00:00.000Z",
    }));
    fixtures[0] = saved;
  });

  it("by station (GSI2): exactly that station's topics, in creation order", async () => {
    const page = await listTopics({ stationId: stationA }, { limit: 100, cursor: undefined });
    const ofA = fixtures.filter((topic) => topic.stationId === stationA);
    expect(ofA).toHaveLength(8);
    expect(ids(page.items)).toEqual(ids(ofA));
    expect(page.cursor).toBeNull();
    expect(page.items[0]).toEqual(fixtures[0]);
  });

  it("by station, a station with no topics is an empty page", async () => {
    expect(await listTopics({ stationId: unique("empty") }, { limit: 10, cursor: undefined })).toEqual({
      items: [],
      cursor: null,
    });
  });

  it("by several stations", async () => {
    const page = await listTopics(
      { readable: { stationIds: [stationA, stationC], topicIds: [] } },
      { limit: 100, cursor: undefined },
    );
    expect(ids(page.items)).toEqual(expected((t) => t.stationId === stationA || t.stationId === stationC));
    expect(page.items).toHaveLength(16);
    expect(
      await listTopics({ readable: { stationIds: [], topicIds: [] } }, { limit: 100, cursor: undefined }),
    ).toEqual({ items: [], cursor: null });
  });

  it("by stations or single topics (a member's invited ones), and one station's named topics", async () => {
    const invited = fixtures.filter((t) => t.stationId === stationB).slice(0, 2);
    const invitedIds = ids(invited);
    const page = await listTopics(
      { readable: { stationIds: [stationA], topicIds: invitedIds } },
      { limit: 100, cursor: undefined },
    );
    expect(ids(page.items)).toEqual(expected((t) => t.stationId === stationA || invitedIds.includes(t.id)));
    const onlyTopics = await listTopics(
      { readable: { stationIds: [], topicIds: invitedIds } },
      { limit: 100, cursor: undefined },
    );
    expect(ids(onlyTopics.items)).toEqual([...invitedIds].sort());
    const ofStation = await listTopics(
      { stationId: stationB, readable: { stationIds: [], topicIds: invitedIds.slice(0, 1) } },
      { limit: 100, cursor: undefined },
    );
    expect(ids(ofStation.items)).toEqual(invitedIds.slice(0, 1));
  });

  it("by step, across every topic", async () => {
    const { items } = await allPages((cursor) => listTopics({ step: "research" }, { limit: 100, cursor }));
    expect(ids(items)).toEqual(expected((t) => t.step === "research"));
    expect(items.length).toBeGreaterThanOrEqual(5);
    for (const topic of items) expect(topic.step).toBe("research");
  });

  it("by status", async () => {
    const closed = await allPages((cursor) => listTopics({ status: "closed" }, { limit: 100, cursor }));
    expect(ids(closed.items)).toEqual(expected((t) => t.status === "closed"));
    expect(closed.items).toHaveLength(4);
    const open = await allPages((cursor) => listTopics({ status: "open" }, { limit: 100, cursor }));
    expect(ids(open.items)).toEqual(expected((t) => t.status === "open"));
  });

  it("overdue: open topics whose deadline is strictly before the instant", async () => {
    const isOverdue = (t: StoredTopic) =>
      t.status === "open" && t.deadline !== undefined && t.deadline < overdueAt.toISOString();
    const { items } = await allPages((cursor) => listTopics({ overdueAt }, { limit: 100, cursor }));
    expect(ids(items)).toEqual(expected(isOverdue));
    // From the fixtures: deadline passed (i % 4 === 0) and open (i % 5 !== 4), plus the one moved back.
    const fromFixtures = fixtures.filter(isOverdue);
    expect(fromFixtures.length).toBeGreaterThanOrEqual(5);
    expect(items.map((t) => t.id)).toEqual(expect.arrayContaining(ids(fromFixtures)));
    expect(ids(items)).not.toContain(fixtures[1]?.id); // deadline exactly at the instant
    expect(ids(items)).not.toContain(fixtures[4]?.id); // closed, deadline passed
  });

  it("filters combine: one station, a step, overdue", async () => {
    const page = await listTopics(
      { stationId: stationA, step: "research", overdueAt },
      { limit: 100, cursor: undefined },
    );
    expect(ids(page.items)).toEqual([fixtures[0]?.id]);
    const several = await listTopics(
      { readable: { stationIds: [stationB], topicIds: [] }, status: "open", step: "determine" },
      { limit: 100, cursor: undefined },
    );
    expect(ids(several.items)).toEqual(
      expected((t) => t.stationId === stationB && t.status === "open" && t.step === "determine"),
    );
  });

  it("pages through one station without losses or repeats", async () => {
    const { items, pages } = await allPages((cursor) =>
      listTopics({ stationId: stationB }, { limit: 3, cursor }),
    );
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
    expect(ids(items)).toEqual(ids(fixtures.filter((t) => t.stationId === stationB)));
  });

  it("pages through every topic without losses or repeats", async () => {
    const { items, pages } = await allPages((cursor) => listTopics({}, { limit: 7, cursor }));
    expect(ids(items)).toEqual([...written.keys()].sort());
    expect(new Set(ids(items)).size).toBe(written.size);
    expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
    expect(sortedIds(items)).toEqual(ids(items));
  });

  it("pages through filtered lists without losses or repeats", async () => {
    const filters: TopicFilter[] = [
      { readable: { stationIds: [stationA, stationB], topicIds: [] } },
      { status: "open" },
      { overdueAt },
      { stationId: stationC, status: "open" },
    ];
    for (const filter of filters) {
      const all = await listTopics(filter, { limit: 1000, cursor: undefined });
      const { items, pages } = await allPages((cursor) => listTopics(filter, { limit: 2, cursor }));
      expect(ids(items)).toEqual(ids(all.items));
      expect(new Set(ids(items)).size).toBe(items.length);
      for (const page of pages) expect(page.length).toBeLessThanOrEqual(2);
      expect(pages.length).toBeGreaterThan(1);
    }
  });

  it("refuses a cursor from another list, and a garbled one", async () => {
    const ofA = await listTopics({ stationId: stationA }, { limit: 2, cursor: undefined });
    expect(ofA.cursor).not.toBeNull();
    const cursor = ofA.cursor ?? "";
    await expect(listTopics({ stationId: stationB }, { limit: 2, cursor })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(listTopics({}, { limit: 2, cursor })).rejects.toBeInstanceOf(ValidationError);
    await expect(listTopics({}, { limit: 2, cursor: "garbage" })).rejects.toMatchObject({
      problems: [{ field: "cursor", code: "invalid_cursor" }],
    });
  });
});

describe("openTopics", () => {
  it("answers every open topic and no closed one", async () => {
    const closing = await create({ stationId: unique("closing") });
    const closed = await save(closing, (current) => ({
      ...current,
      status: "closed",
      closedAs: "rejected",
      closedAt: "2026-03-03T02:00:00.000Z",
    }));
    const open = await openTopics();
    expect(sortedIds(open)).toEqual(expected());
    expect(ids(open)).not.toContain(closed.id);
    for (const topic of open) {
      expect(topic.status).toBe("open");
      expect(topic).toEqual(written.get(topic.id));
    }

    function expected() {
      return [...written.values()]
        .filter((t) => t.status === "open")
        .map((t) => t.id)
        .sort();
    }
  });
});
