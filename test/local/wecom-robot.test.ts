/**
 * A station's WeCom (企业微信) group robot against a local receiver that checks each request as WeCom
 * does — a known `key` in the address (errcode 93000 otherwise), a POST of JSON with a known msgtype
 * (40008), Markdown within 4,096 bytes (45002) — and answers success, throttling (45009), a system
 * busy (-1), a server error, a redirect, or nothing at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatRobot } from "../../functions/domain/notices/chat-webhook";
import { chatRobotChannel } from "../../functions/notices/channels/chat-robot";
import type { NotificationRecord } from "../../functions/notices/notifier";
import {
  type RobotReceiver,
  type RobotReply,
  type RobotRequest,
  startRobotReceiver,
} from "../support/robot-receiver";

/** The receiver's robots, by key, and what each answers once the request passes WeCom's checks. */
const robots: Record<string, RobotReply> = {
  "0a1b2c3d-ok00-4000-8000-000000000001": { status: 200, json: { errcode: 0, errmsg: "ok" } },
  "0a1b2c3d-freq-4000-8000-000000000002": {
    status: 200,
    json: { errcode: 45009, errmsg: "api freq out of limit, hint: [1700000000_1_x]" },
  },
  "0a1b2c3d-busy-4000-8000-000000000003": { status: 200, json: { errcode: -1, errmsg: "system busy" } },
  "0a1b2c3d-5xx0-4000-8000-000000000004": { status: 502 },
  "0a1b2c3d-move-4000-8000-000000000005": { status: 302, headers: { location: "/elsewhere" } },
};
const hangingKey = "0a1b2c3d-hang-4000-8000-000000000006";
const unknownKey = "0a1b2c3d-gone-4000-8000-000000000007";

const wecomError = (errcode: number, errmsg: string): RobotReply => ({
  status: 200,
  json: { errcode, errmsg },
});

/** WeCom's checks, in its order: the key, then the message. */
function answer(request: RobotRequest): RobotReply | undefined {
  const key = request.url.searchParams.get("key") ?? "";
  if (request.url.pathname !== "/cgi-bin/webhook/send") return { status: 404 };
  if (key === hangingKey) return undefined;
  const reply = robots[key];
  if (!reply) return wecomError(93000, "invalid webhook url, hint: [1700000000_2_y]");
  const body = request.body as {
    msgtype?: string;
    markdown?: { content?: string };
    text?: { content?: string };
  };
  if (request.method !== "POST" || typeof body !== "object") return wecomError(40008, "invalid message type");
  if (body.msgtype !== "markdown" && body.msgtype !== "text")
    return wecomError(40008, "invalid message type");
  const content = body.msgtype === "markdown" ? body.markdown?.content : body.text?.content;
  if (!content) return wecomError(44004, "empty content");
  const limit = body.msgtype === "markdown" ? 4096 : 2048;
  if (new TextEncoder().encode(content).length > limit) return wecomError(45002, "content size out of limit");
  return reply;
}

let receiver: RobotReceiver;

beforeAll(async () => {
  receiver = await startRobotReceiver(answer);
});

afterAll(async () => {
  await receiver.close();
});

const robotWith = (key: string): ChatRobot => ({
  platform: "wecom",
  webhook: `http://${receiver.host}/cgi-bin/webhook/send?key=${key}`,
});

/** The chat channel with `robot` as the station's, the receiver's host allowed. */
const channel = (robot: ChatRobot | undefined, overrides: { timeoutMs?: number; hosts?: string[] } = {}) =>
  chatRobotChannel({
    robotFor: async (recipientId) => (recipientId === "chat:01J0STATION0000000000000001" ? robot : undefined),
    allowedHosts: overrides.hosts ?? [receiver.host],
    timeoutMs: overrides.timeoutMs ?? 2_000,
  });

const notice = (overrides: Partial<NotificationRecord> = {}): NotificationRecord => ({
  id: "01J00000000000000000NOTICE",
  idempotencyKey: "k",
  recipient: { id: "chat:01J0STATION0000000000000001", name: "东山委员工作站群" },
  channel: "chat",
  templateId: "escalation",
  language: "zh-CN",
  subject: "督办：议题「路灯不亮」已逾期",
  text: "东山委员工作站：议题「路灯不亮」的「深入调研」环节已逾期（期限 2026-12-09 17:30，责任人 张委员），请督促办理。",
  status: "sending",
  createdAt: "2026-12-02T04:00:00.000Z",
  ...overrides,
});

const okKey = "0a1b2c3d-ok00-4000-8000-000000000001";

/** The Markdown of the last message the receiver got. */
const lastContent = () =>
  (receiver.received.at(-1)?.body as { markdown?: { content?: string } } | undefined)?.markdown?.content ??
  "";

describe("the WeCom robot channel", () => {
  it("posts the notice as Markdown to the station's robot: the subject bold, then the text", async () => {
    const outcome = await channel(robotWith(okKey)).send(notice());
    expect(outcome).toEqual({ kind: "sent" });
    const request = receiver.received.at(-1);
    expect(request?.method).toBe("POST");
    expect(request?.contentType).toMatch(/^application\/json/);
    expect(request?.url.searchParams.get("key")).toBe(okKey);
    expect(request?.body).toEqual({
      msgtype: "markdown",
      markdown: {
        content:
          "**督办：议题「路灯不亮」已逾期**\n东山委员工作站：议题「路灯不亮」的「深入调研」环节已逾期（期限 2026-12-09 17:30，责任人 张委员），请督促办理。",
      },
    });
  });

  it("an unknown key is refused (93000), and that is permanent", async () => {
    expect(await channel(robotWith(unknownKey)).send(notice())).toMatchObject({
      kind: "permanent",
      error: /^WeCom 93000: invalid webhook url/,
    });
  });

  it("throttling (45009), a busy system (-1), a 5xx and silence are transient", async () => {
    expect(await channel(robotWith("0a1b2c3d-freq-4000-8000-000000000002")).send(notice())).toMatchObject({
      kind: "transient",
      error: /^WeCom 45009: api freq out of limit/,
    });
    expect(await channel(robotWith("0a1b2c3d-busy-4000-8000-000000000003")).send(notice())).toMatchObject({
      kind: "transient",
      error: "WeCom -1: system busy",
    });
    expect(await channel(robotWith("0a1b2c3d-5xx0-4000-8000-000000000004")).send(notice())).toEqual({
      kind: "transient",
      error: "WeCom HTTP 502",
    });
    const started = Date.now();
    const silent = await channel(robotWith(hangingKey), { timeoutMs: 300 }).send(notice());
    expect(silent).toMatchObject({ kind: "transient", error: /^WeCom: .*(timeout|aborted)/i });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("a redirect is not followed (the allow-list covers the address, not where it leads): permanent", async () => {
    const before = receiver.received.length;
    expect(await channel(robotWith("0a1b2c3d-move-4000-8000-000000000005")).send(notice())).toMatchObject({
      kind: "permanent",
      error: /302: a redirect, not followed/,
    });
    expect(receiver.received).toHaveLength(before + 1);
  });

  it("a long notice is cut to fit WeCom's 4,096 bytes rather than refused", async () => {
    const outcome = await channel(robotWith(okKey)).send(notice({ text: "请督促办理。".repeat(400) }));
    expect(outcome).toEqual({ kind: "sent" });
    const content = lastContent();
    expect(new TextEncoder().encode(content).length).toBeLessThanOrEqual(4096);
    expect(content.endsWith("…")).toBe(true);
  });

  it("a title from a resident cannot put a link, a heading or a coloured tag into the group", async () => {
    const subject = "督办：议题「[点此领补贴](http://example.invalid)」";
    const text = '# 通知\n<font color="warning">紧急</font> **加粗** `code`';
    await channel(robotWith(okKey)).send(notice({ subject, text }));
    const content = lastContent();
    expect(content).toBe(
      '**督办：议题「［点此领补贴］(http://example.invalid)」**\n＃ 通知\n＜font color="warning"＞紧急＜/font＞ ＊＊加粗＊＊ ｀code｀',
    );
  });
});

describe("what the channel refuses without a request", () => {
  it("a station without a robot, a recipient that is not a station's group, an address off the allow-list", async () => {
    const before = receiver.received.length;
    expect(await channel(undefined).send(notice())).toEqual({
      kind: "permanent",
      error:
        "该工作站未设置群机器人（企业微信或钉钉） · the station has no group-chat robot (WeCom or DingTalk)",
    });
    expect(
      await channel(robotWith(okKey)).send(
        notice({ recipient: { id: "county-office", name: "县政协办公室" } }),
      ),
    ).toMatchObject({ kind: "permanent", error: /^此通知的收件人不是工作站群聊 · / });
    // The same local receiver, but the deployment does not allow its host: an admin cannot point the sender there.
    expect(await channel(robotWith(okKey), { hosts: [] }).send(notice())).toMatchObject({
      kind: "permanent",
      error:
        /^群机器人设置有误：群机器人地址只能是 https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=… · /,
    });
    expect(receiver.received).toHaveLength(before);
  });

  it("the error recorded never carries the robot's key", async () => {
    const refused = await channel(robotWith(unknownKey)).send(notice());
    const silent = await channel(robotWith(hangingKey), { timeoutMs: 200 }).send(notice());
    for (const outcome of [refused, silent]) {
      expect(outcome.kind === "sent" ? "" : outcome.error).not.toMatch(/0a1b2c3d/);
    }
  });
});
