/**
 * The delivery log (GET /notifications) through the local gateway: by topic for whoever may read
 * the topic, by recipient for admins only, paged, and without the delivery internals (idempotency
 * keys) or the recipients' contact details that the outbox itself keeps.
 */

import { readFile } from "node:fs/promises";
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../functions/kernel/ids";
import { responseSchemas } from "../../functions/meta/response-schemas";
import type { NotificationRecord } from "../../functions/notices/notifier";
import { recordNotification } from "../../functions/notices/store";
import {
  completeStep,
  createTopic,
  type Notification,
  notificationsOf,
  parkedAt,
  type StationWithLead,
  sourcePhone,
  stationWithLead,
  type Topic,
} from "../workflow/harness";
import {
  type Api,
  absentId,
  createMember,
  createStation,
  expectApiError,
  nextPhone,
  type Page,
  type Reply,
  startApi,
} from "./harness";

let api: Api;
let home: StationWithLead;
let otherStaff: string;
let memberToken: string;
let strangerMember: string;
/** Rejected at 确定议题: a step_started notice per step entered, and the source told why. */
let topic: Topic;
/** Its responsible person's phone: their recipient id is `person:<phone>`. */
const phone = nextPhone();

beforeAll(async () => {
  api = await startApi();
  home = await stationWithLead(api);
  const other = await createStation(api);
  otherStaff = await api.token({ role: "staff", stationIds: [other.id] });
  memberToken = await api.token({ role: "member", memberId: home.lead.id });
  strangerMember = await api.token({ role: "member", memberId: (await createMember(api)).id });

  topic = await createTopic(api, home.station.id, { responsible: { name: "经办人戊", phone } });
  await parkedAt(api, topic.id, "collect");
  expect((await completeStep(api, topic.id, "collect", [])).status).toBe(200);
  await parkedAt(api, topic.id, "determine");
  const rejected = await api.post(`/topics/${topic.id}/reject`, {
    step: "determine",
    reason: "已列入年度民生实事",
  });
  expect(rejected.status, rejected.text).toBe(200);
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const itemsOf = (reply: Reply) => reply.json<Page<Notification>>().items;
const ids = (items: readonly Notification[]) => items.map((item) => item.id);

/** What a delivery-log item may show: no idempotency key, no phone or email. */
const publicFields = [
  "id",
  "topicId",
  "recipient",
  "channel",
  "templateId",
  "language",
  "subject",
  "text",
  "status",
  "createdAt",
  // How its delivery went: attempts, when it went out or failed, the provider's id, the last error.
  "attempts",
  "nextAttemptAt",
  "sentAt",
  "failedAt",
  "providerMessageId",
  "lastError",
  "retryNote",
  // Folded into a digest (decision 0019), and a digest's own day and list.
  "foldedInto",
  "foldReason",
  "digestDay",
  "foldedSubjects",
];

describe("by topic", () => {
  it("lists what was sent about the topic, oldest first", async () => {
    const reply = await api.get(`/notifications?topicId=${topic.id}`);
    expect(reply.status, reply.text).toBe(200);
    const page = reply.json<Page<Notification>>();
    expect(v.safeParse(responseSchemas.NotificationPage, page).success).toBe(true);
    expect(page.items.map((item) => [item.templateId, item.recipient.id])).toEqual([
      ["step_started", `person:${phone}`],
      ["step_started", `person:${phone}`],
      ["topic_rejected", `person:${sourcePhone}`],
    ]);
    const times = page.items.map((item) => item.createdAt);
    expect(times).toEqual([...times].sort());
    for (const item of page.items) expect(item.topicId).toBe(topic.id);
    expect(page.items[2]?.text).toContain("已列入年度民生实事");
  });

  it("shows neither idempotency keys nor contact details, which the outbox has", async () => {
    await api.stack.delivery.settled();
    const outbox = (await readFile(api.stack.outboxFile, "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => JSON.stringify(record).includes(topic.id));
    // The premise: the log's source does hold keys and contacts.
    expect(JSON.stringify(outbox)).toContain("idempotencyKey");
    expect(JSON.stringify(outbox)).toContain(`"phone":"${phone}"`);

    const reply = await api.get(`/notifications?topicId=${topic.id}`);
    for (const item of itemsOf(reply)) {
      for (const key of Object.keys(item)) expect(publicFields).toContain(key);
      expect(Object.keys(item.recipient).sort()).toEqual(["id", "name"]);
    }
    expect(reply.text).not.toMatch(/idempotencyKey|"phone"|"email"/);
    expect(reply.text).not.toContain(`${topic.id}:`); // the keys are built from the topic id
  });

  it("masks the contact inside a non-member's recipient id for everyone but an admin", async () => {
    const masked = `person:${phone.slice(0, 3)}****${phone.slice(-4)}`;
    for (const token of [home.staffToken, memberToken]) {
      const reply = await api.get(`/notifications?topicId=${topic.id}`, { token });
      expect(reply.text).not.toContain(phone);
      expect(itemsOf(reply).map((item) => item.recipient.id)).toContain(masked);
    }
    const asAdmin = await api.get(`/notifications?topicId=${topic.id}`);
    expect(itemsOf(asAdmin).map((item) => item.recipient.id)).toContain(`person:${phone}`);
  });

  it("masks a number or address a provider's error quotes, for everyone but an admin", async () => {
    const other = await createTopic(api, home.station.id, { title: "另一议题" });
    const failed: NotificationRecord = {
      id: newId(),
      idempotencyKey: `test:quoted:${newId()}`,
      topicId: other.id,
      recipient: { id: "person:someone@example.org", name: "居民" },
      channel: "email",
      templateId: "topic_rejected",
      language: "zh-CN",
      subject: "议题未予采纳",
      text: "…",
      status: "failed",
      lastError: "MessageRejected: Email address is not verified: someone@example.org (13912345678)",
      createdAt: new Date().toISOString(),
    };
    await recordNotification(failed);
    const shown = (reply: Reply) => itemsOf(reply).find((item) => item.id === failed.id)?.lastError;
    const asStaff = shown(await api.get(`/notifications?topicId=${other.id}`, { token: home.staffToken }));
    expect(asStaff).toBe("MessageRejected: Email address is not verified: so***@example.org (139****5678)");
    expect(shown(await api.get(`/notifications?topicId=${other.id}`))).toBe(failed.lastError);
  });

  it("masks a number written into a recipient's name, and so into the notice, for everyone but an admin", async () => {
    // Recorded before names with a number in them were refused (the console's 提出人 took both in one line).
    const other = await createTopic(api, home.station.id, { title: "旧记录议题" });
    const legacy: NotificationRecord = {
      id: newId(),
      idempotencyKey: `test:legacy-name:${newId()}`,
      topicId: other.id,
      recipient: { id: "person:居民甲 13900000002", name: "居民甲 13900000002" },
      channel: "inbox",
      templateId: "topic_rejected",
      language: "zh-CN",
      subject: "议题未予采纳",
      text: "居民甲 13900000002：您提出的议题「旧记录议题」未予采纳。",
      status: "failed",
      lastError: "无可用联系方式",
      createdAt: new Date().toISOString(),
    };
    await recordNotification(legacy);
    for (const token of [home.staffToken, memberToken]) {
      const reply = await api.get(`/notifications?topicId=${other.id}`, { token });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.text).not.toContain("13900000002");
      const item = itemsOf(reply).find((notice) => notice.id === legacy.id);
      expect(item?.recipient.name).toBe("居民甲 139****0002");
      expect(item?.text).toBe("居民甲 139****0002：您提出的议题「旧记录议题」未予采纳。");
    }
    const asAdmin = await api.get(`/notifications?topicId=${other.id}`);
    expect(itemsOf(asAdmin).find((notice) => notice.id === legacy.id)?.recipient.name).toBe(
      legacy.recipient.name,
    );
  });

  it("says why a notice reached nobody in the reader's language, in the list and its CSV", async () => {
    const other = await createTopic(api, home.station.id, { title: "无人可达" });
    const failed: NotificationRecord = {
      id: newId(),
      idempotencyKey: `test:nobody:${newId()}`,
      topicId: other.id,
      recipient: { id: "liaison:01J0", name: "联系领导" },
      channel: "inbox",
      templateId: "escalation",
      language: "zh-CN",
      subject: "督办",
      text: "…",
      status: "failed",
      lastError: "no_contact",
      createdAt: new Date().toISOString(),
    };
    await recordNotification(failed);
    const shown = (reply: Reply) => itemsOf(reply).find((item) => item.id === failed.id)?.lastError;
    const chinese = "无可用联系方式：此人不使用平台，且未登记手机或电子邮件";
    expect(shown(await api.get(`/notifications?topicId=${other.id}`))).toBe(chinese);
    expect(shown(await api.get(`/notifications?topicId=${other.id}`, { token: home.staffToken }))).toBe(
      chinese,
    );
    const english = await api.get(`/notifications?topicId=${other.id}`, {
      headers: { "accept-language": "en" },
    });
    expect(shown(english)).toMatch(/^No contact: /);
    const csv = await api.get(`/notifications?topicId=${other.id}&format=csv`);
    expect(csv.text).toContain(chinese);
    expect(csv.text).not.toContain("no contact");
  });

  it("answers whoever may read the topic: its station's staff and members", async () => {
    const all = ids(await notificationsOf(api, topic.id));
    for (const token of [home.staffToken, memberToken]) {
      const reply = await api.get(`/notifications?topicId=${topic.id}`, { token });
      expect(reply.status, reply.text).toBe(200);
      expect(ids(itemsOf(reply))).toEqual(all);
    }
  });

  it("answers 404 to others, as for a topic that does not exist", async () => {
    const absent = expectApiError(await api.get(`/notifications?topicId=${absentId}`), 404, "not_found");
    expect(absent.message).toBe("未找到该议题");
    for (const token of [otherStaff, strangerMember]) {
      const reply = await api.get(`/notifications?topicId=${topic.id}`, { token });
      expect(expectApiError(reply, 404, "not_found").message).toBe(absent.message);
      expect(reply.text).not.toContain(home.station.id);
    }
    expect((await api.get(`/notifications?topicId=${topic.id}`, { token: null })).status).toBe(401);
  });

  it("pages with limit and cursor, without repeats or gaps", async () => {
    const all = ids(await notificationsOf(api, topic.id));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const reply: Reply = await api.get(
        `/notifications?topicId=${topic.id}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(reply.status, reply.text).toBe(200);
      const page = reply.json<Page<Notification>>();
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...ids(page.items));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(all);
    expect(pages).toBeGreaterThanOrEqual(3);
  });
});

describe("by recipient", () => {
  it("lists an admin everything sent to one recipient, across topics", async () => {
    const second = await createTopic(api, home.station.id, { responsible: { name: "经办人戊", phone } });
    await parkedAt(api, second.id, "collect");
    const reply = await api.get(`/notifications?recipient=${encodeURIComponent(`person:${phone}`)}`);
    expect(reply.status, reply.text).toBe(200);
    const items = itemsOf(reply);
    expect(items.map((item) => item.topicId)).toEqual([topic.id, topic.id, second.id]);
    for (const item of items) expect(item.recipient).toEqual({ id: `person:${phone}`, name: "经办人戊" });

    const both = await api.get(
      `/notifications?topicId=${topic.id}&recipient=${encodeURIComponent(`person:${sourcePhone}`)}`,
    );
    expect(itemsOf(both).map((item) => item.templateId)).toEqual(["topic_rejected"]);
    expect(itemsOf(await api.get("/notifications?recipient=nobody"))).toEqual([]);
  });

  it("is for admins only: 403 for staff and members", async () => {
    for (const token of [home.staffToken, memberToken]) {
      const reply = await api.get(`/notifications?recipient=${encodeURIComponent(`person:${phone}`)}`, {
        token,
      });
      expectApiError(reply, 403, "forbidden");
    }
  });
});

describe("refusals", () => {
  it("neither topicId nor recipient: 400 naming topicId", async () => {
    for (const path of ["/notifications", "/notifications?limit=10"]) {
      const reply = await api.get(path);
      const error = expectApiError(reply, 400, "validation_failed");
      expect(error.details).toEqual([
        { field: "topicId", code: "filter_required", message: "请至少指定 topicId 或 recipient" },
      ]);
    }
  });

  it("status=sent or folded alone: 400 saying which states can be listed alone", async () => {
    for (const status of ["sent", "folded"]) {
      const error = expectApiError(
        await api.get(`/notifications?status=${status}`),
        400,
        "validation_failed",
      );
      expect(error.details?.[0]).toMatchObject({ field: "topicId", code: "filter_required" });
      expect(error.details?.[0]?.message).toContain(`按状态 ${status} 查询须同时指定议题`);
    }
    expect((await api.get("/notifications?status=sending")).status).toBe(200);
  });

  it.each([
    ["topicId=not-a-topic", "topicId"],
    ["topicId={topic}&limit=0", "limit"],
    ["topicId={topic}&limit=101", "limit"],
    ["topicId={topic}&channel=fax", "channel"],
    ["topicId={topic}&status=lost", "status"],
    ["topicId={topic}&cursor=abc", "cursor"],
    [`recipient=${"x".repeat(201)}`, "recipient"],
    ["topicId={topic}&from=2026-12", "from"],
    ["topicId={topic}&to=yesterday", "to"],
  ])("?%s: 400 naming %s", async (query, field) => {
    const reply = await api.get(`/notifications?${query.replace("{topic}", topic.id)}`);
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toEqual([field]);
  });
});

describe("narrowed by channel and status", () => {
  it("lists only the notices on that channel, or in that state", async () => {
    await api.stack.delivery.settled();
    const all = itemsOf(await api.get(`/notifications?topicId=${topic.id}`));
    for (const channel of ["sms", "email", "inbox"] as const) {
      const some = itemsOf(await api.get(`/notifications?topicId=${topic.id}&channel=${channel}`));
      expect(ids(some)).toEqual(ids(all.filter((n) => n.channel === channel)));
    }
    expect(ids(itemsOf(await api.get(`/notifications?topicId=${topic.id}&status=sent`)))).toEqual(ids(all));
    expect(itemsOf(await api.get(`/notifications?topicId=${topic.id}&status=failed`))).toEqual([]);
  });
});

async function recordFailedNotice(): Promise<NotificationRecord> {
  const record: NotificationRecord = {
    id: newId(),
    idempotencyKey: `test:failed:${newId()}`,
    topicId: topic.id,
    recipient: { id: "county-office", name: "县政协办公室" },
    channel: "inbox",
    templateId: "escalation",
    language: "zh-CN",
    subject: "督办",
    text: "县政协办公室：议题已逾期，请督促办理。",
    status: "failed",
    attempts: 6,
    failedAt: new Date().toISOString(),
    lastError: "timeout",
    createdAt: new Date().toISOString(),
  };
  await recordNotification(record);
  return record;
}

describe("sending a failed notice again", () => {
  it("queues it again for an admin, with its attempts counted afresh, and the sender sends it", async () => {
    const failed = await recordFailedNotice();
    const reply = await api.post(`/notifications/${failed.id}/retry`, { note: "已核实号码" });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<Notification>()).toMatchObject({
      id: failed.id,
      status: "queued",
      attempts: 0,
      retryNote: "已核实号码",
    });
    await api.stack.delivery.settled();
    const [after] = itemsOf(await api.get(`/notifications?topicId=${topic.id}&status=sent`)).filter(
      (n) => n.id === failed.id,
    );
    expect(after).toMatchObject({ status: "sent", attempts: 1 });
    expect(after).not.toHaveProperty("failedAt");
  });

  it("409 for a notice that did not fail, 404 for none, 403 for staff", async () => {
    await api.stack.delivery.settled();
    const [sent] = itemsOf(await api.get(`/notifications?topicId=${topic.id}&status=sent`));
    expectApiError(await api.post(`/notifications/${sent?.id}/retry`, {}), 409, "notification_not_failed");
    expectApiError(await api.post(`/notifications/${newId()}/retry`, {}), 404, "not_found");
    const failed = await recordFailedNotice();
    expectApiError(
      await api.post(`/notifications/${failed.id}/retry`, {}, { token: home.staffToken }),
      403,
      "forbidden",
    );
  });
});

describe("narrowed by county dates", () => {
  /** A notice to `recipientId` recorded at `createdAt`, in `status`. */
  async function recordAt(recipientId: string, createdAt: string, status: "sent" | "failed" = "sent") {
    const record: NotificationRecord = {
      id: newId(Date.parse(createdAt)),
      idempotencyKey: `test:dated:${newId()}`,
      recipient: { id: recipientId, name: "县政协办公室" },
      channel: "inbox",
      templateId: "escalation",
      language: "zh-CN",
      subject: "督办",
      text: "县政协办公室：议题已逾期，请督促办理。",
      status,
      createdAt,
    };
    await recordNotification(record);
    return record.id;
  }

  it("keeps what was recorded from the start of `from` to the end of `to`, county time", async () => {
    const recipient = `person:dated-${newId()}`;
    const lateOn30th = await recordAt(recipient, "2026-11-30T15:59:59.000Z"); // 23:59:59 in Shanghai
    const earlyOn1st = await recordAt(recipient, "2026-11-30T16:00:00.000Z"); // 00:00 on 1 December
    const lateOn2nd = await recordAt(recipient, "2026-12-02T15:59:59.999Z");
    const on3rd = await recordAt(recipient, "2026-12-02T16:00:00.000Z");
    const query = async (dates: string) =>
      ids(itemsOf(await api.get(`/notifications?recipient=${encodeURIComponent(recipient)}&${dates}`)));
    expect(await query("from=2026-12-01&to=2026-12-02")).toEqual([earlyOn1st, lateOn2nd]);
    expect(await query("from=2026-12-02")).toEqual([lateOn2nd, on3rd]);
    expect(await query("to=2026-11-30")).toEqual([lateOn30th]);
    expect(await query("from=2026-12-03&to=2026-12-03")).toEqual([on3rd]);
    expect(await query("from=0050-01-01&to=0099-12-31")).toEqual([]);
  });

  it("narrows the county office's list across topics too", async () => {
    const recipient = `person:dated-${newId()}`;
    const old = await recordAt(recipient, "2026-10-01T04:00:00.000Z", "failed");
    const recent = await recordAt(recipient, "2026-11-20T04:00:00.000Z", "failed");
    const failed = ids(
      itemsOf(await api.get("/notifications?status=failed&from=2026-11-01&to=2026-11-30&limit=100")),
    );
    expect(failed).toContain(recent);
    expect(failed).not.toContain(old);
  });

  it("refuses a start after the end: 400 naming from, in Chinese", async () => {
    const reply = await api.get(`/notifications?topicId=${topic.id}&from=2026-12-02&to=2026-12-01`);
    const error = expectApiError(reply, 400, "validation_failed");
    expect(error.details).toEqual([
      { field: "from", code: "dates_reversed", message: "开始日期不能晚于结束日期" },
    ]);
  });
});

describe("the county office's list across topics", () => {
  it("lists every failed notice for an admin by status alone, and refuses staff", async () => {
    const failed = await recordFailedNotice();
    const reply = await api.get("/notifications?status=failed");
    expect(reply.status, reply.text).toBe(200);
    const items = itemsOf(reply);
    expect(items.map((n) => n.id)).toContain(failed.id);
    for (const item of items) expect(item.status).toBe("failed");
    expectApiError(
      await api.get("/notifications?status=failed", { token: home.staffToken }),
      403,
      "forbidden",
    );
  });

  it("still wants a topic or a recipient for what was sent (a list that only grows)", async () => {
    const error = expectApiError(await api.get("/notifications?status=sent"), 400, "validation_failed");
    expect(error.details?.[0]).toMatchObject({ field: "topicId", code: "filter_required" });
  });
});
