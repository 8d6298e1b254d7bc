/**
 * Cost protection against DynamoDB Local: a recipient's daily SMS cap folds the rest into the next
 * morning's digest, retries do not count twice, the county's SMS rate makes the rest wait a minute,
 * and a recipient who asked for a digest gets one — nothing dropped, nothing counted or folded twice.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CostLimits } from "../../functions/domain/notices/cost-protection";
import { type AttemptOutcome, defaultQuietHours } from "../../functions/domain/notices/delivery";
import type { ChannelSender } from "../../functions/notices/channels/channel";
import type { Channel, NotificationRecord, Recipient } from "../../functions/notices/notifier";
import { deliverNotification, type SenderDeps } from "../../functions/notices/sender";
import { segmentCapacity, smsSignature } from "../../functions/notices/sms-text";
import { newPhone, queuedNotice, storedNotice, useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-cost");
});

/** Every notice the channel was given, as it was given (a digest with its text made afresh). */
function recordingChannel(...outcomes: AttemptOutcome[]) {
  const given: NotificationRecord[] = [];
  const channel: ChannelSender = {
    async send(record) {
      given.push(record);
      return outcomes.shift() ?? { kind: "sent" };
    },
  };
  return { channel, given };
}

const noLimits: CostLimits = { smsDailyCap: undefined, smsPerMinute: undefined, digestHour: 8 };

function senderAt(start: string, channel: ChannelSender, limits: Partial<CostLimits>, urgent: string[] = []) {
  let now = new Date(start);
  const deps: SenderDeps = {
    channels: { sms: channel, email: channel, inbox: channel, chat: channel } satisfies Record<
      Channel,
      ChannelSender
    >,
    settings: {
      quietHours: defaultQuietHours,
      urgentTemplates: new Set(urgent),
      costLimits: { ...noLimits, ...limits },
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
  };
}

/** 10:00 in Shanghai on 2 December. */
const morning = "2026-12-02T02:00:00.000Z";
/** The next morning at 08:00 in Shanghai: when the digest of 2 December goes out. */
const nextMorning = "2026-12-03T00:00:00.000Z";

const personWithPhone = (overrides: Partial<Recipient> = {}): Recipient => {
  const phone = newPhone();
  return { id: `person:${phone}`, name: "王主任", phone, email: `${phone}@example.cn`, ...overrides };
};

const queued = (
  recipient: Recipient,
  subject: string,
  channel: Channel = "sms",
  templateId: NotificationRecord["templateId"] = "reminder_before",
) =>
  queuedNotice({
    recipient,
    subject,
    channel,
    templateId,
    text: `${recipient.name}：${subject}`,
    createdAt: morning,
  });

const stored = storedNotice;

describe("a recipient's daily SMS cap", () => {
  it("sends up to the cap, folds the rest into one digest, and sends that the next morning", async () => {
    const sms = recordingChannel();
    const sender = senderAt(morning, sms.channel, { smsDailyCap: 2 });
    // No e-mail: the digest can only be an SMS, which counts.
    const recipient = personWithPhone({ email: undefined });
    const notices = [];
    for (const subject of ["提醒一", "提醒二", "提醒三", "提醒四"])
      notices.push(await queued(recipient, subject));
    const statuses = [];
    for (const notice of notices) statuses.push(await deliverNotification(notice.id, sender.deps));
    expect(statuses).toEqual(["sent", "sent", "folded", "folded"]);
    expect(sms.given.map((record) => record.subject)).toEqual(["提醒一", "提醒二"]);

    const third = await stored(notices[2]?.id ?? "");
    const fourth = await stored(notices[3]?.id ?? "");
    expect(third).toMatchObject({ status: "folded", foldReason: "daily_cap" });
    expect(fourth.foldedInto).toBe(third.foldedInto);
    // Its text goes out in the digest: it leaves the table after the retention, as a sent one does.
    expect(third.expiresAt).toBe(Date.parse(morning) / 1000 + 400 * 86_400);
    const digest = await stored(third.foldedInto ?? "");
    expect(digest).toMatchObject({
      templateId: "notice_digest",
      channel: "sms",
      status: "queued",
      recipient: { id: recipient.id },
      digestDay: "2026-12-02",
      foldedSubjects: ["提醒三", "提醒四"],
      nextAttemptAt: nextMorning,
    });
    // Recorded with the first notice folded, its words made again when the second folded.
    expect(digest.text).toContain("另有2条通知");
    expect(digest.variables).toMatchObject({ count: "2" });

    expect(await deliverNotification(digest.id, sender.deps)).toBeUndefined();
    sender.at(nextMorning);
    expect(await deliverNotification(digest.id, sender.deps)).toBe("sent");
    const sent = sms.given.at(-1);
    expect(sent?.text).toContain("2026-12-02另有2条通知因超出每日短信上限未逐条发送");
    expect([...(smsSignature() + (sent?.text ?? ""))].length).toBeLessThanOrEqual(
      segmentCapacity(sent?.text ?? ""),
    );
    expect(sent?.variables).toMatchObject({ count: "2", date: "2026-12-02" });
    // The log keeps the digest as it was sent, not as it was first recorded.
    expect(await stored(digest.id)).toMatchObject({ status: "sent", text: sent?.text });
  });

  it("sends the digest by e-mail, listing what it carries, when the recipient has an address", async () => {
    const channel = recordingChannel();
    const sender = senderAt(morning, channel.channel, { smsDailyCap: 1 });
    const recipient = personWithPhone();
    for (const subject of ["甲提醒", "乙提醒", "丙提醒"])
      await deliverNotification((await queued(recipient, subject)).id, sender.deps);
    const folded = await stored((await queued(recipient, "丁提醒")).id);
    await deliverNotification(folded.id, sender.deps);
    const digestId = (await stored(folded.id)).foldedInto ?? "";
    // The log shows the digest as it stands before it goes: its words agree with what it carries.
    const waiting = await stored(digestId);
    expect(waiting).toMatchObject({ status: "queued", subject: "2026-12-02 通知汇总（3 条）" });
    expect(waiting.text).toContain("· 乙提醒\n· 丙提醒\n· 丁提醒");
    sender.at(nextMorning);
    expect(await deliverNotification(digestId, sender.deps)).toBe("sent");
    const sent = channel.given.at(-1);
    expect(sent).toMatchObject({ channel: "email", subject: "2026-12-02 通知汇总（3 条）" });
    expect(sent?.text).toContain("· 乙提醒\n· 丙提醒\n· 丁提醒");
    expect(await stored(digestId)).toMatchObject({ subject: "2026-12-02 通知汇总（3 条）" });
  });

  it("puts what folds before the digest hour into that morning's digest, not the next day's", async () => {
    const channel = recordingChannel();
    const sender = senderAt("2026-12-02T23:59:00.000Z", channel.channel, {}); // 07:59 on 3 December
    const early = await queued(personWithPhone({ digest: true }), "早到的提醒", "email");
    expect(await deliverNotification(early.id, sender.deps)).toBe("folded");
    const digest = await stored((await stored(early.id)).foldedInto ?? "");
    expect(digest).toMatchObject({ digestDay: "2026-12-02", nextAttemptAt: nextMorning });
  });

  it("never caps an urgent notice", async () => {
    const sms = recordingChannel();
    const sender = senderAt(morning, sms.channel, { smsDailyCap: 1 }, ["escalation"]);
    const recipient = personWithPhone({ email: undefined });
    await deliverNotification((await queued(recipient, "普通")).id, sender.deps);
    const urgent = await queued(recipient, "督办", "sms", "escalation");
    expect(await deliverNotification(urgent.id, sender.deps)).toBe("sent");
  });

  it("counts a notice once however often it is retried that day", async () => {
    const sms = recordingChannel({ kind: "transient", error: "throttled" });
    const sender = senderAt(morning, sms.channel, { smsDailyCap: 2 });
    const recipient = personWithPhone();
    const first = await queued(recipient, "第一条");
    expect(await deliverNotification(first.id, sender.deps)).toBe("queued");
    sender.at("2026-12-02T02:00:30.000Z");
    expect(await deliverNotification(first.id, sender.deps)).toBe("sent");
    const second = await queued(recipient, "第二条");
    expect(await deliverNotification(second.id, sender.deps)).toBe("sent");
    expect((await stored(first.id)).countedOn).toBe("2026-12-02");
  });

  it("starts afresh the next county day, and leaves e-mail uncounted", async () => {
    const sms = recordingChannel();
    const sender = senderAt(morning, sms.channel, { smsDailyCap: 1 });
    const recipient = personWithPhone();
    expect(await deliverNotification((await queued(recipient, "今日一")).id, sender.deps)).toBe("sent");
    const mail = await queued(recipient, "邮件不计", "email");
    expect(await deliverNotification(mail.id, sender.deps)).toBe("sent");
    sender.at(nextMorning);
    expect(await deliverNotification((await queued(recipient, "次日一")).id, sender.deps)).toBe("sent");
  });

  it("folds concurrent notices over the cap into one digest, each exactly once", async () => {
    const sms = recordingChannel();
    const sender = senderAt(morning, sms.channel, { smsDailyCap: 1 });
    const recipient = personWithPhone();
    await deliverNotification((await queued(recipient, "先发")).id, sender.deps);
    const over = await Promise.all(
      ["甲", "乙", "丙", "丁", "戊"].map((subject) => queued(recipient, subject)),
    );
    // Deliveries that lose a race on the digest leave their claim to run out; the next sweep retries.
    for (let sweep = 0; sweep < 5; sweep++) {
      await Promise.allSettled(over.map((notice) => deliverNotification(notice.id, sender.deps)));
      sender.at(new Date(Date.parse(morning) + (sweep + 1) * 61_000).toISOString());
    }
    const records = await Promise.all(over.map((notice) => stored(notice.id)));
    expect(records.map((record) => record.status)).toEqual(Array(5).fill("folded"));
    const digestIds = new Set(records.map((record) => record.foldedInto));
    expect(digestIds.size).toBe(1);
    const digest = await stored([...digestIds][0] ?? "");
    expect([...(digest.foldedSubjects ?? [])].sort()).toEqual(["丁", "丙", "乙", "戊", "甲"].sort());
    expect(digest.subject).toContain("5 条");
    expect(sms.given).toHaveLength(1);
  });
});

describe("the county's SMS rate", () => {
  it("makes what is over the minute's rate wait for the next minute, then sends it", async () => {
    const sms = recordingChannel();
    const sender = senderAt(morning, sms.channel, { smsPerMinute: 1 });
    const first = await queued(personWithPhone(), "甲");
    const second = await queued(personWithPhone(), "乙");
    expect(await deliverNotification(first.id, sender.deps)).toBe("sent");
    expect(await deliverNotification(second.id, sender.deps)).toBe("held");
    expect(await stored(second.id)).toMatchObject({
      status: "held",
      nextAttemptAt: "2026-12-02T02:01:00.000Z",
    });
    sender.at("2026-12-02T02:01:00.000Z");
    expect(await deliverNotification(second.id, sender.deps)).toBe("sent");
    expect(sms.given.map((record) => record.subject)).toEqual(["甲", "乙"]);
  });
});

describe("a recipient who asked for a daily digest", () => {
  it("gets one e-mail the next morning listing the day's notices; urgent ones and the inbox come at once", async () => {
    const mail = recordingChannel();
    const sender = senderAt(morning, mail.channel, {}, ["escalation"]);
    const recipient = personWithPhone({ digest: true, phone: undefined });
    const folded = [
      await queued(recipient, "议题甲提醒", "email"),
      await queued(recipient, "议题乙提醒", "email"),
    ];
    for (const notice of folded) expect(await deliverNotification(notice.id, sender.deps)).toBe("folded");
    const urgent = await queued(recipient, "议题丙督办", "email", "escalation");
    expect(await deliverNotification(urgent.id, sender.deps)).toBe("sent");
    const inbox = await queued(recipient, "站内", "inbox");
    expect(await deliverNotification(inbox.id, sender.deps)).toBe("failed"); // not a console user: unreachable, visibly
    expect(mail.given.map((record) => record.subject)).toEqual(["议题丙督办"]);

    const digestId = (await stored(folded[0]?.id ?? "")).foldedInto ?? "";
    expect(await stored(folded[0]?.id ?? "")).toMatchObject({ foldReason: "digest" });
    sender.at(nextMorning);
    expect(await deliverNotification(digestId, sender.deps)).toBe("sent");
    const digest = mail.given.at(-1);
    expect(digest?.subject).toBe("2026-12-02 通知汇总（2 条）");
    expect(digest?.text).toContain("· 议题甲提醒\n· 议题乙提醒");
  });
});
