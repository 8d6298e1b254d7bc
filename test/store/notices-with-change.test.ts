/**
 * The loop's notices recorded in the same transaction as the change that causes them (a step entered,
 * alarms counted): both land or neither, and a notice already on record is not recorded twice.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../functions/kernel/ids";
import type { NotificationRequest } from "../../functions/notices/notifier";
import { recordingNotifier } from "../../functions/notices/recording-notifier";
import { listNotifications } from "../../functions/notices/store";
import { stepStarted } from "../../functions/notices/templates/step-notices";
import { saveWithNotices } from "../../functions/topics/loop/notify";
import type { TopicServices } from "../../functions/topics/services";
import { createTopic, getTopic, type StoredTopic, topicTimeline } from "../../functions/topics/store/topics";
import { unique, useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-notices-with-change");
});

const now = new Date("2026-03-02T01:00:00Z");
const services = {
  notifier: recordingNotifier(),
  now: () => now,
} as unknown as TopicServices;

async function newTopic(): Promise<StoredTopic> {
  const id = newId(now.getTime());
  return createTopic(
    {
      id,
      stationId: unique("station"),
      title: "关于小区停车难的议题",
      description: "居民反映停车位不足",
      source: "委员提出",
      responsible: { name: "王主任", phone: "13900000000" },
      stepResponsible: {},
      deadlineOverrides: {},
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
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
    [{ at: now.toISOString(), kind: "created", step: "collect" }],
  );
}

const notice = (topic: StoredTopic, key: string): NotificationRequest => ({
  recipient: { id: "person:13900000000", name: "王主任", phone: "13900000000" },
  channel: "sms",
  template: stepStarted,
  topicId: topic.id,
  idempotencyKey: key,
  variables: {
    recipientName: "王主任",
    title: topic.title,
    stepName: "收集议题",
    deadline: "",
    responsibleName: "王主任",
  },
});

const keysOf = async (topicId: string) =>
  (await listNotifications({ topicId }, { limit: 100, cursor: undefined })).items
    .map((n) => n.idempotencyKey)
    .sort();

describe("saveWithNotices", () => {
  it("records the change, its events and its notices together", async () => {
    const topic = await newTopic();
    const saved = await saveWithNotices(
      services,
      {
        current: topic,
        next: (t) => ({ ...t, enteredSeq: 1 }),
        events: [{ at: now.toISOString(), kind: "step_started", step: "collect" }],
        now,
        bookkeeping: false,
      },
      [notice(topic, `${topic.id}:1:started`), notice(topic, `${topic.id}:1:before`)],
    );
    expect(saved.enteredSeq).toBe(1);
    expect(await getTopic(topic.id)).toEqual(saved);
    expect(await keysOf(topic.id)).toEqual([`${topic.id}:1:before`, `${topic.id}:1:started`]);
  });

  it("a stale change records no notice", async () => {
    const topic = await newTopic();
    await saveWithNotices(
      services,
      { current: topic, next: (t) => ({ ...t, title: "先到" }), events: [], now, bookkeeping: false },
      [],
    );
    await expect(
      saveWithNotices(
        services,
        { current: topic, next: (t) => ({ ...t, enteredSeq: 1 }), events: [], now, bookkeeping: true },
        [notice(topic, `${topic.id}:1:started`)],
      ),
    ).rejects.toMatchObject({ reason: "version_mismatch" });
    expect(await keysOf(topic.id)).toEqual([]);
    expect((await getTopic(topic.id)).enteredSeq).toBe(0);
  });

  it("a notice already on record is left out, and the change is saved with the others", async () => {
    const topic = await newTopic();
    const first = await services.notifier.send(notice(topic, `${topic.id}:1:started`));
    const saved = await saveWithNotices(
      services,
      {
        current: topic,
        next: (t) => ({ ...t, enteredSeq: 1 }),
        events: [{ at: now.toISOString(), kind: "step_started", step: "collect" }],
        now,
        bookkeeping: false,
      },
      [notice(topic, `${topic.id}:1:started`), notice(topic, `${topic.id}:1:due`)],
    );
    expect(saved.enteredSeq).toBe(1);
    expect(await keysOf(topic.id)).toEqual([`${topic.id}:1:due`, `${topic.id}:1:started`]);
    const log = await listNotifications({ topicId: topic.id }, { limit: 100, cursor: undefined });
    expect(log.items.find((n) => n.idempotencyKey === `${topic.id}:1:started`)?.id).toBe(first.record.id);
    expect((await topicTimeline(topic.id)).map((e) => e.kind)).toEqual(["created", "step_started"]);
  });
});
