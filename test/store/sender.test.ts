/**
 * The sender against DynamoDB Local: one attempt per claim, retries with backoff, permanent failures
 * at once, quiet hours, a dead sender's claim taken over, and never two senders on one notice.
 */
import { GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { type AttemptOutcome, defaultQuietHours } from "../../functions/domain/notices/delivery";
import { newId } from "../../functions/kernel/ids";
import { dynamodb, tableName } from "../../functions/kernel/table/client";
import { noticesInState, notificationKey } from "../../functions/kernel/table/keys";
import type { ChannelSender } from "../../functions/notices/channels/channel";
import { outboxFileChannel } from "../../functions/notices/channels/outbox-file";
import {
  claimNotification,
  dueNotificationIds,
  notificationsInState,
  repairNoticeQueue,
  requeueFailedNotification,
} from "../../functions/notices/delivery-store";
import type { Channel, NotificationRecord } from "../../functions/notices/notifier";
import { deliverNotification, type SenderDeps } from "../../functions/notices/sender";
import { recordNotification } from "../../functions/notices/store";
import { queuedNotice, storedNotice, unique, useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-sender");
});

/** A channel that answers the outcomes given, in turn, and counts its attempts. */
function scripted(...outcomes: AttemptOutcome[]) {
  const attempts: string[] = [];
  const channel: ChannelSender = {
    async send(record) {
      attempts.push(record.id);
      return outcomes.shift() ?? { kind: "sent", providerMessageId: `msg-${attempts.length}` };
    },
  };
  return { channel, attempts };
}

/** A sender at a clock the test moves; SMS through `channel`, e-mail and inbox always succeed. */
function senderAt(start: string, channel: ChannelSender, urgent: string[] = []) {
  let now = new Date(start);
  const ok = scripted().channel;
  const deps: SenderDeps = {
    channels: { sms: channel, email: channel, inbox: ok, chat: ok } satisfies Record<Channel, ChannelSender>,
    // Caps have their own tests (cost-protection.test.ts): these share one recipient.
    settings: {
      quietHours: defaultQuietHours,
      urgentTemplates: new Set(urgent),
      costLimits: { smsDailyCap: undefined, smsPerMinute: undefined, digestHour: 8 },
    },
    timeZone: "Asia/Shanghai",
    now: () => now,
    leaseMs: 60_000,
  };
  return {
    deps,
    at: (instant: string) => {
      now = new Date(instant);
    },
    later: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** Noon in Shanghai: outside quiet hours. */
const noon = "2026-12-02T04:00:00.000Z";

const queued = (channel: Channel = "sms", templateId: NotificationRecord["templateId"] = "step_started") =>
  queuedNotice({ channel, templateId, createdAt: noon });

const stored = storedNotice;

describe("deliverNotification", () => {
  it("sends a queued notice once: sent, with the attempt, the time and the provider's id", async () => {
    const sms = scripted({ kind: "sent", providerMessageId: "biz-1" });
    const sender = senderAt(noon, sms.channel);
    const notice = await queued();
    expect(await deliverNotification(notice.id, sender.deps)).toBe("sent");
    expect(await deliverNotification(notice.id, sender.deps)).toBeUndefined();
    expect(sms.attempts).toEqual([notice.id]);
    const record = await stored(notice.id);
    expect(record).toMatchObject({ status: "sent", attempts: 1, sentAt: noon, providerMessageId: "biz-1" });
    expect(record).not.toHaveProperty("leaseUntil");
  });

  it("lets a sent notice expire after its retention (400 days, or NOTICE_RETENTION_DAYS)", async () => {
    const sender = senderAt(noon, scripted().channel);
    const kept = await queued();
    expect(await deliverNotification(kept.id, sender.deps)).toBe("sent");
    expect((await stored(kept.id)) as unknown).toMatchObject({
      expiresAt: Date.parse(noon) / 1000 + 400 * 86_400,
    });
    process.env.NOTICE_RETENTION_DAYS = "30";
    try {
      const short = await queued();
      expect(await deliverNotification(short.id, sender.deps)).toBe("sent");
      expect((await stored(short.id)) as unknown).toMatchObject({
        expiresAt: Date.parse(noon) / 1000 + 30 * 86_400,
      });
    } finally {
      delete process.env.NOTICE_RETENTION_DAYS;
    }
    const failing = scripted({ kind: "permanent", error: "no such number" });
    const failed = await queued();
    expect(await deliverNotification(failed.id, senderAt(noon, failing.channel).deps)).toBe("failed");
    expect(await stored(failed.id)).not.toHaveProperty("expiresAt");
  });

  it("retries a transient failure after its backoff, not before", async () => {
    const sms = scripted({ kind: "transient", error: "throttled by the provider" });
    const sender = senderAt(noon, sms.channel);
    const notice = await queued();
    expect(await deliverNotification(notice.id, sender.deps)).toBe("queued");
    expect(await stored(notice.id)).toMatchObject({
      status: "queued",
      attempts: 1,
      lastError: "throttled by the provider",
      nextAttemptAt: "2026-12-02T04:00:30.000Z",
    });
    sender.later(29_000);
    expect(await deliverNotification(notice.id, sender.deps)).toBeUndefined();
    sender.later(1_000);
    expect(await deliverNotification(notice.id, sender.deps)).toBe("sent");
    expect(await stored(notice.id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await stored(notice.id)).not.toHaveProperty("nextAttemptAt");
  });

  it("fails a permanent error at once, and after the last retry a transient one", async () => {
    const permanent = scripted({ kind: "permanent", error: "invalid number" });
    const notice = await queued();
    expect(await deliverNotification(notice.id, senderAt(noon, permanent.channel).deps)).toBe("failed");
    expect(await stored(notice.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "invalid number",
    });

    const flaky = scripted(
      ...Array.from({ length: 6 }, () => ({ kind: "transient", error: "timeout" }) as const),
    );
    const sender = senderAt(noon, flaky.channel);
    // E-mail: the retries run into the night, which would hold an SMS.
    const second = await queued("email");
    const statuses: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push(await deliverNotification(second.id, sender.deps));
      sender.later(3 * 3_600_000);
    }
    expect(statuses).toEqual(["queued", "queued", "queued", "queued", "queued", "failed"]);
    expect(await deliverNotification(second.id, sender.deps)).toBeUndefined();
    expect(flaky.attempts).toHaveLength(6);
  });

  it("counts a throw from the channel as transient", async () => {
    const channel: ChannelSender = {
      send: async () => {
        throw new Error("socket hang up");
      },
    };
    const notice = await queued();
    expect(await deliverNotification(notice.id, senderAt(noon, channel).deps)).toBe("queued");
    expect(await stored(notice.id)).toMatchObject({ lastError: "socket hang up" });
  });

  it("holds an SMS through quiet hours and sends it when they end; e-mail and urgent templates go at once", async () => {
    const sms = scripted();
    const late = "2026-12-02T14:30:00Z"; // 22:30 in Shanghai
    const sender = senderAt(late, sms.channel, ["escalation"]);
    const text = await queued("sms");
    expect(await deliverNotification(text.id, sender.deps)).toBe("held");
    expect(await stored(text.id)).toMatchObject({
      status: "held",
      attempts: 0,
      nextAttemptAt: "2026-12-03T00:00:00.000Z",
    });
    expect(sms.attempts).toEqual([]);

    expect(await deliverNotification((await queued("email")).id, sender.deps)).toBe("sent");
    expect(await deliverNotification((await queued("sms", "escalation")).id, sender.deps)).toBe("sent");

    sender.at("2026-12-02T23:59:00Z");
    expect(await deliverNotification(text.id, sender.deps)).toBeUndefined();
    sender.at("2026-12-03T00:00:00Z");
    expect(await deliverNotification(text.id, sender.deps)).toBe("sent");
    expect(sms.attempts.filter((id) => id === text.id)).toHaveLength(1);
  });

  it("holds a group-chat post through quiet hours too: a robot's message buzzes phones", async () => {
    const sender = senderAt("2026-12-02T14:30:00Z", scripted().channel);
    const post = await queued("chat");
    expect(await deliverNotification(post.id, sender.deps)).toBe("held");
    sender.at("2026-12-03T00:00:00Z");
    expect(await deliverNotification(post.id, sender.deps)).toBe("sent");
  });

  it("takes over a notice whose sender died mid-send, once its claim has run out", async () => {
    const sms = scripted();
    const sender = senderAt(noon, sms.channel);
    const notice = await queued();
    // A sender claims it and dies before recording anything.
    expect(await claimNotification(notice.id, new Date(noon), 60_000)).toMatchObject({ status: "sending" });
    expect(await deliverNotification(notice.id, sender.deps)).toBeUndefined();
    sender.later(60_000);
    expect(await deliverNotification(notice.id, sender.deps)).toBe("sent");
    expect(sms.attempts).toEqual([notice.id]);
  });

  it("lets exactly one of several concurrent senders deliver a notice", async () => {
    const sms = scripted();
    const sender = senderAt(noon, sms.channel);
    const notice = await queued();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => deliverNotification(notice.id, sender.deps)),
    );
    expect(results.filter((status) => status === "sent")).toHaveLength(1);
    expect(results.filter((status) => status === undefined)).toHaveLength(7);
    expect(sms.attempts).toEqual([notice.id]);
  });
});

describe("a notice nobody can receive", () => {
  it("fails at once, without an attempt at any channel, saying why", async () => {
    const inbox = scripted();
    const sender = senderAt(noon, scripted().channel);
    const deps = { ...sender.deps, channels: { ...sender.deps.channels, inbox: inbox.channel } };
    const notice = await queued("inbox");
    const toLiaison = {
      ...notice,
      id: newId(),
      idempotencyKey: unique("liaison"),
      recipient: { id: "liaison:01J0", name: "联系县领导乙" },
    };
    await recordNotification(toLiaison);
    expect(await deliverNotification(toLiaison.id, deps)).toBe("failed");
    expect(await stored(toLiaison.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      // A code, said in the reader's language when the log is read.
      lastError: "no_contact",
    });
    expect(inbox.attempts).toEqual([]);
  });
});

describe("dueNotificationIds", () => {
  it("finds the queued, the held that are due and the abandoned; not the sent, failed or waiting", async () => {
    const now = new Date("2026-12-05T04:00:00Z");
    const sender = senderAt("2026-12-05T04:00:00Z", scripted({ kind: "transient", error: "busy" }).channel);
    const fresh = await queued();
    const retrying = await queued();
    await deliverNotification(retrying.id, sender.deps); // next attempt in 30 s
    const sent = await queued("email");
    await deliverNotification(sent.id, sender.deps);
    const abandoned = await queued();
    await claimNotification(abandoned.id, new Date(now.getTime() - 120_000), 60_000);

    const due = await dueNotificationIds(now);
    expect(due).toContain(fresh.id);
    expect(due).toContain(abandoned.id);
    expect(due).not.toContain(retrying.id);
    expect(due).not.toContain(sent.id);
    expect(await dueNotificationIds(new Date(now.getTime() + 30_000))).toContain(retrying.id);
  });
});

describe("the work queue (GSI3)", () => {
  /** The notice's place in the work queue, read raw: its state and when it is next due. */
  async function placeOf(id: string) {
    const item = await dynamodb().send(
      new GetItemCommand({
        TableName: tableName(),
        Key: marshall(notificationKey(id)),
        ConsistentRead: true,
      }),
    );
    const { GSI3PK, GSI3SK } = unmarshall(item.Item ?? {}) as { GSI3PK?: string; GSI3SK?: string };
    return { state: GSI3PK?.replace("NOTES#STATE#", ""), dueAt: GSI3SK?.split("#")[0] };
  }

  it("holds a notice while it waits, is being sent or failed, each at when it is next due; not once sent", async () => {
    const sender = senderAt(
      noon,
      scripted({ kind: "transient", error: "busy" }, { kind: "permanent", error: "gone" }).channel,
    );
    const notice = await queued();
    expect(await placeOf(notice.id)).toEqual({ state: "queued", dueAt: "" });
    await deliverNotification(notice.id, sender.deps);
    const retry = await stored(notice.id);
    expect(retry.status).toBe("queued");
    expect(await placeOf(notice.id)).toEqual({ state: "queued", dueAt: retry.nextAttemptAt });
    sender.later(60_000);
    expect(await deliverNotification(notice.id, sender.deps)).toBe("failed");
    expect(await placeOf(notice.id)).toEqual({ state: "failed", dueAt: noon });
    expect((await notificationsInState("failed")).map((n) => n.id)).toContain(notice.id);
    await requeueFailedNotification(notice.id, "号码已更正");
    expect(await placeOf(notice.id)).toEqual({ state: "queued", dueAt: "" });
    expect((await notificationsInState("failed")).map((n) => n.id)).not.toContain(notice.id);
    const claimed = await claimNotification(notice.id, new Date(noon), 60_000);
    expect(await placeOf(notice.id)).toEqual({ state: "sending", dueAt: claimed?.leaseUntil });

    const sent = await queued("email");
    await deliverNotification(sent.id, senderAt(noon, scripted().channel).deps);
    expect((await stored(sent.id)).status).toBe("sent");
    expect(await placeOf(sent.id)).toEqual({ state: undefined, dueAt: undefined });
  });

  it("puts back a notice that waits but is missing from it (recorded by an older version), once", async () => {
    const notice = await queued();
    await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(notificationKey(notice.id)),
        UpdateExpression: "REMOVE GSI3PK, GSI3SK",
      }),
    );
    const now = new Date("2026-12-05T04:00:00Z");
    expect(await dueNotificationIds(now)).not.toContain(notice.id);
    expect(await repairNoticeQueue()).toBeGreaterThanOrEqual(1);
    expect(await placeOf(notice.id)).toEqual({ state: "queued", dueAt: "" });
    expect(await dueNotificationIds(now)).toContain(notice.id);
    expect(await repairNoticeQueue()).toBe(0);
  });

  it("moves a notice filed under the wrong state (an older sender changed it), and takes a sent one out", async () => {
    // As a sender of the version before the queue would leave them: the state changed, the place not.
    const fileUnderQueued = async (id: string, status: string) =>
      dynamodb().send(
        new UpdateItemCommand({
          TableName: tableName(),
          Key: marshall(notificationKey(id)),
          UpdateExpression: "SET #status = :status, GSI3PK = :queued, GSI3SK = :due",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: marshall({
            ":status": status,
            ":queued": noticesInState("queued"),
            ":due": `#${id}`,
          }),
        }),
      );
    const failed = await queued();
    const sent = await queued();
    await fileUnderQueued(failed.id, "failed");
    await fileUnderQueued(sent.id, "sent");
    expect(await repairNoticeQueue()).toBeGreaterThanOrEqual(2);
    expect(await placeOf(failed.id)).toEqual({ state: "failed", dueAt: noon });
    expect(await placeOf(sent.id)).toEqual({ state: undefined, dueAt: undefined });
    expect(await repairNoticeQueue()).toBe(0);
  });

  it("holds a notice held for quiet hours until they end", async () => {
    // 23:00 in Shanghai: SMS wait for the morning.
    const sender = senderAt("2026-12-02T15:00:00.000Z", scripted().channel);
    const notice = await queued();
    await deliverNotification(notice.id, sender.deps);
    const held = await stored(notice.id);
    expect(held.status).toBe("held");
    expect(await placeOf(notice.id)).toEqual({ state: "held", dueAt: held.nextAttemptAt });
    expect(await dueNotificationIds(new Date("2026-12-02T15:00:00.000Z"))).not.toContain(notice.id);
    expect(await dueNotificationIds(new Date(held.nextAttemptAt ?? ""))).toContain(notice.id);
  });
});

describe("a deployment without a provider", () => {
  it("fails the notice visibly instead of counting it as sent", async () => {
    const notice = await queued("email");
    const sender = senderAt(noon, outboxFileChannel(undefined));
    expect(await deliverNotification(notice.id, sender.deps)).toBe("failed");
    expect(await stored(notice.id)).toMatchObject({
      status: "failed",
      lastError: expect.stringMatching(/EMAIL_DELIVERY/),
    });
  });
});
