/**
 * A station's DingTalk (钉钉) custom robot against a local receiver that checks each request as DingTalk
 * does: a known `access_token` (300001 otherwise); for a robot with a 加签 secret, a `timestamp` within
 * an hour of its clock and a `sign` it recomputes from them (310000 otherwise); a Markdown message with
 * a title and a text. It answers success, "send too fast" (130101), a server error, or nothing at all.
 */
import { createHmac } from "node:crypto";
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

const secret = "SECb5d2a1f0c3e4d5b6a7980f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4";

interface ReceiverRobot {
  readonly secret?: string;
  readonly reply: RobotReply | undefined;
}

const ok: RobotReply = { status: 200, json: { errcode: 0, errmsg: "ok" } };
const dingtalkError = (errcode: number, errmsg: string): RobotReply => ({
  status: 200,
  json: { errcode, errmsg },
});

/** The receiver's robots, by access token: their secret, and their answer once a request passes the checks. */
const robots: Record<string, ReceiverRobot> = {
  signedtoken0001: { secret, reply: ok },
  plaintoken00002: { reply: ok },
  throttled000003: { secret, reply: dingtalkError(130101, "send too fast, exceed 20 times per minute") },
  broken000000004: { secret, reply: { status: 503 } },
  hanging00000005: { secret, reply: undefined },
};

/** DingTalk's own check of 加签, written from its documentation, apart from the adapter's code. */
function signProblem(request: RobotRequest, robotSecret: string): string | undefined {
  const timestamp = Number(request.url.searchParams.get("timestamp"));
  const sign = request.url.searchParams.get("sign") ?? "";
  if (!Number.isSafeInteger(timestamp) || Math.abs(Date.now() - timestamp) > 3_600_000)
    return "invalid timestamp";
  const mac = createHmac("sha256", Buffer.from(robotSecret, "utf8"));
  const expected = mac.update(Buffer.from(`${timestamp}\n${robotSecret}`, "utf8")).digest("base64");
  return sign === expected ? undefined : "sign not match";
}

function answer(request: RobotRequest): RobotReply | undefined {
  if (request.url.pathname !== "/robot/send") return { status: 404 };
  const robot = robots[request.url.searchParams.get("access_token") ?? ""];
  if (!robot) return dingtalkError(300001, "token is not exist");
  const problem = robot.secret ? signProblem(request, robot.secret) : undefined;
  if (problem)
    return dingtalkError(310000, `${problem}, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]`);
  const body = request.body as { msgtype?: string; markdown?: { title?: string; text?: string } };
  if (body.msgtype !== "markdown") return dingtalkError(400105, "unsupported msgtype");
  if (!body.markdown?.title || !body.markdown.text) return dingtalkError(400102, "miss param markdown");
  return robot.reply;
}

let receiver: RobotReceiver;

beforeAll(async () => {
  receiver = await startRobotReceiver(answer);
});

afterAll(async () => {
  await receiver.close();
});

/** A robot at the receiver with `token`, signed with `robotSecret` (the receiver's by default; "none": unsigned). */
const robotWith = (token: string, robotSecret: string = secret): ChatRobot => ({
  platform: "dingtalk",
  webhook: `http://${receiver.host}/robot/send?access_token=${token}`,
  ...(robotSecret === "none" ? {} : { secret: robotSecret }),
});

const channel = (robot: ChatRobot | undefined, overrides: { timeoutMs?: number; now?: () => Date } = {}) =>
  chatRobotChannel({
    robotFor: async () => robot,
    allowedHosts: [receiver.host],
    timeoutMs: overrides.timeoutMs ?? 2_000,
    ...(overrides.now ? { now: overrides.now } : {}),
  });

const notice: NotificationRecord = {
  id: "01J00000000000000000NOTICE",
  idempotencyKey: "k",
  recipient: { id: "chat:01J0STATION0000000000000001", name: "营前委员工作站群" },
  channel: "chat",
  templateId: "reminder_due",
  language: "zh-CN",
  subject: "今日到期：议题「河道清淤」",
  text: "营前委员工作站：议题「河道清淤」的「开展协商」环节已到办理期限（2026-12-09 17:30），请尽快完成。",
  status: "sending",
  createdAt: "2026-12-02T04:00:00.000Z",
};

describe("the DingTalk robot channel", () => {
  it("signs the request (timestamp and an encoded sign), and posts the notice as Markdown: title the subject", async () => {
    expect(await channel(robotWith("signedtoken0001")).send(notice)).toEqual({ kind: "sent" });
    const request = receiver.received.at(-1);
    expect(request?.method).toBe("POST");
    expect(request?.contentType).toMatch(/^application\/json/);
    // The Base64 sign is URL-encoded: a raw + would reach DingTalk as a space.
    const rawSign = /(?:^|&)sign=([^&]*)/.exec(request?.rawQuery ?? "")?.[1] ?? "";
    expect(rawSign).toMatch(/^[A-Za-z0-9%]+$/);
    expect(request?.body).toEqual({
      msgtype: "markdown",
      markdown: {
        title: "今日到期：议题「河道清淤」",
        text: "**今日到期：议题「河道清淤」**\n\n营前委员工作站：议题「河道清淤」的「开展协商」环节已到办理期限（2026-12-09 17:30），请尽快完成。",
      },
    });
  });

  it("a robot without a secret (keyword or IP security) is posted to unsigned", async () => {
    expect(await channel(robotWith("plaintoken00002", "none")).send(notice)).toEqual({ kind: "sent" });
    expect(receiver.received.at(-1)?.url.searchParams.has("sign")).toBe(false);
  });

  it("a wrong secret is refused (310000 sign not match), and that is permanent", async () => {
    const wrong = `SEC${"0".repeat(64)}`;
    expect(await channel(robotWith("signedtoken0001", wrong)).send(notice)).toMatchObject({
      kind: "permanent",
      error: /^DingTalk 310000: sign not match/,
    });
  });

  it("a timestamp more than an hour off DingTalk's clock is refused (310000 invalid timestamp)", async () => {
    const twoHoursAgo = () => new Date(Date.now() - 2 * 3_600_000);
    expect(await channel(robotWith("signedtoken0001"), { now: twoHoursAgo }).send(notice)).toMatchObject({
      kind: "permanent",
      error: /^DingTalk 310000: invalid timestamp/,
    });
  });

  it("an unknown access token is permanent (300001)", async () => {
    expect(await channel(robotWith("nosuchtoken0006")).send(notice)).toMatchObject({
      kind: "permanent",
      error: "DingTalk 300001: token is not exist",
    });
  });

  it("send too fast (130101), a 5xx and silence are transient", async () => {
    expect(await channel(robotWith("throttled000003")).send(notice)).toMatchObject({
      kind: "transient",
      error: /^DingTalk 130101: send too fast/,
    });
    expect(await channel(robotWith("broken000000004")).send(notice)).toEqual({
      kind: "transient",
      error: "DingTalk HTTP 503",
    });
    const started = Date.now();
    const silent = await channel(robotWith("hanging00000005"), { timeoutMs: 300 }).send(notice);
    expect(silent).toMatchObject({ kind: "transient", error: /^DingTalk: .*(timeout|aborted)/i });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("a robot whose secret is not DingTalk's (SEC…) fails without a request", async () => {
    const before = receiver.received.length;
    expect(await channel(robotWith("signedtoken0001", "not-a-secret")).send(notice)).toMatchObject({
      kind: "permanent",
      error: /^群机器人设置有误：钉钉加签密钥应以 SEC 开头/,
    });
    expect(receiver.received).toHaveLength(before);
  });
});
