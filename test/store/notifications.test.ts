/**
 * The delivery log against DynamoDB Local: one record per idempotency key, found by topic (GSI1) and by
 * recipient (GSI2), oldest first, in pages.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../functions/domain/errors";
import { newId } from "../../functions/kernel/ids";
import type { NotificationRecord, Recipient } from "../../functions/notices/notifier";
import { listNotifications, recordNotification } from "../../functions/notices/store";
import { allPages, unique, useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-notifications");
});

const recipientOf = (label: string): Recipient => ({
  id: unique(`member:${label}`),
  name: "张委员",
  phone: "13900000001",
  email: "zhang@example.cn",
  language: "zh-CN",
});

function note(overrides: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    id: newId(),
    idempotencyKey: unique("topic:step_started:1"),
    topicId: "01J0000000000000000000TOPC",
    recipient: recipientOf("default"),
    channel: "sms",
    templateId: "step_started",
    language: "zh-CN",
    subject: "议题进入「确定议题」环节",
    text: "张委员：议题「加装电梯」已进入「确定议题」环节，由您负责，请于 2026-03-10 前完成。",
    status: "sent",
    createdAt: "2026-03-02T01:00:00.000Z",
    ...overrides,
  };
}

/** Records one after another, so their ids (ULIDs) sort in creation order. */
async function recordAll(records: readonly NotificationRecord[]): Promise<NotificationRecord[]> {
  for (const record of records) expect((await recordNotification(record)).created).toBe(true);
  return [...records];
}

const ids = (list: readonly { id: string }[]) => list.map((item) => item.id);
const everything = { limit: 100, cursor: undefined };

describe("recordNotification", () => {
  it("stores a new record and answers it as created", async () => {
    const topicId = newId();
    const record = note({ topicId });
    expect(await recordNotification(record)).toEqual({ record, created: true });
    expect((await listNotifications({ topicId }, everything)).items).toEqual([record]);
  });

  it("the same idempotency key twice keeps the first record and answers it, not created", async () => {
    const topicId = newId();
    const first = note({ topicId });
    await recordNotification(first);
    const again = note({ topicId, idempotencyKey: first.idempotencyKey, text: "重发的内容" });
    expect(again.id).not.toBe(first.id);
    expect(await recordNotification(again)).toEqual({ record: first, created: false });
    expect((await listNotifications({ topicId }, everything)).items).toEqual([first]);
    expect(ids((await listNotifications({ recipientId: first.recipient.id }, everything)).items)).toEqual([
      first.id,
    ]);
  });

  it("concurrent records with one key: one is created, every caller gets that one", async () => {
    const topicId = newId();
    const idempotencyKey = unique("retried-task");
    const attempts = Array.from({ length: 5 }, (_, i) => note({ topicId, idempotencyKey, text: `try ${i}` }));
    const results = await Promise.all(attempts.map((record) => recordNotification(record)));
    const created = results.filter((result) => result.created);
    expect(created).toHaveLength(1);
    const kept = created[0]?.record as NotificationRecord;
    for (const result of results) expect(result.record).toEqual(kept);
    expect((await listNotifications({ topicId }, everything)).items).toEqual([kept]);
  });

  it("a different key for the same topic and recipient is another notification", async () => {
    const topicId = newId();
    const recipient = recipientOf("twice");
    const records = await recordAll([note({ topicId, recipient }), note({ topicId, recipient })]);
    expect(ids((await listNotifications({ topicId }, everything)).items)).toEqual(ids(records));
  });
});

describe("listNotifications", () => {
  const topicA = newId();
  const topicB = newId();
  const alice = recipientOf("alice");
  const bob = recipientOf("bob");
  const office: Recipient = { id: unique("county-office"), name: "县政协办公室" };
  let records: NotificationRecord[] = [];

  beforeAll(async () => {
    const plan: [string | undefined, Recipient][] = [
      [topicA, alice],
      [topicA, bob],
      [topicB, alice],
      [topicA, alice],
      [undefined, alice], // not about a topic
      [topicA, office],
      [topicB, bob],
      [topicA, alice],
      [topicA, bob],
      [topicA, alice],
    ];
    records = await recordAll(plan.map(([topicId, recipient]) => note({ recipient, topicId })));
  });

  const about = (topicId: string | undefined) => records.filter((r) => r.topicId === topicId);
  const to = (recipient: Recipient) => records.filter((r) => r.recipient.id === recipient.id);

  it("by topic (GSI1): that topic's notifications, oldest first, as recorded", async () => {
    const page = await listNotifications({ topicId: topicA }, everything);
    expect(page.items).toEqual(about(topicA));
    expect(page.items).toHaveLength(7);
    expect(page.cursor).toBeNull();
    expect(ids((await listNotifications({ topicId: topicB }, everything)).items)).toEqual(ids(about(topicB)));
  });

  it("by recipient (GSI2): every notification to them, with or without a topic, oldest first", async () => {
    const page = await listNotifications({ recipientId: alice.id }, everything);
    expect(page.items).toEqual(to(alice));
    expect(page.items).toHaveLength(6);
    expect(page.items.some((record) => record.topicId === undefined)).toBe(true);
    expect(page.items.find((record) => record.topicId === undefined)).not.toHaveProperty("topicId");
    expect(ids((await listNotifications({ recipientId: office.id }, everything)).items)).toEqual(
      ids(to(office)),
    );
  });

  it("by topic and recipient: only both", async () => {
    const page = await listNotifications({ topicId: topicA, recipientId: alice.id }, everything);
    expect(ids(page.items)).toEqual(ids(about(topicA).filter((r) => r.recipient.id === alice.id)));
    expect(page.items).toHaveLength(4);
    expect(await listNotifications({ topicId: topicB, recipientId: office.id }, everything)).toEqual({
      items: [],
      cursor: null,
    });
  });

  it("an unknown topic or recipient is an empty page", async () => {
    expect(await listNotifications({ topicId: newId() }, everything)).toEqual({ items: [], cursor: null });
    expect(await listNotifications({ recipientId: unique("nobody") }, everything)).toEqual({
      items: [],
      cursor: null,
    });
  });

  it("pages by topic and by recipient without losses or repeats", async () => {
    const byTopic = await allPages((cursor) => listNotifications({ topicId: topicA }, { limit: 3, cursor }));
    expect(byTopic.pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(ids(byTopic.items)).toEqual(ids(about(topicA)));

    const byRecipient = await allPages((cursor) =>
      listNotifications({ recipientId: alice.id }, { limit: 4, cursor }),
    );
    expect(byRecipient.pages.map((page) => page.length)).toEqual([4, 2]);
    expect(ids(byRecipient.items)).toEqual(ids(to(alice)));
  });

  it("pages a topic filtered to one recipient without losses or repeats", async () => {
    const { items, pages } = await allPages((cursor) =>
      listNotifications({ topicId: topicA, recipientId: bob.id }, { limit: 1, cursor }),
    );
    expect(ids(items)).toEqual(ids(about(topicA).filter((r) => r.recipient.id === bob.id)));
    expect(items).toHaveLength(2);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(1);
  });

  it("refuses a cursor from another list, and a garbled one", async () => {
    const first = await listNotifications({ topicId: topicA }, { limit: 2, cursor: undefined });
    const cursor = first.cursor ?? "";
    expect(cursor).not.toBe("");
    await expect(listNotifications({ topicId: topicB }, { limit: 2, cursor })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(listNotifications({ recipientId: alice.id }, { limit: 2, cursor })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(listNotifications({ topicId: topicA }, { limit: 2, cursor: "%%%" })).rejects.toMatchObject({
      problems: [{ field: "cursor", code: "invalid_cursor" }],
    });
  });
});
