/**
 * A station's group chat (企业微信 or 钉钉 群机器人) as a channel: staff-facing notices (reminders,
 * escalations, quota warnings) posted to the station's group. A notice on it names the station
 * (`chat:<stationId>`); the robot — its webhook and secret — is looked up at send time, so neither sits
 * in the delivery log, and the address is checked against the platforms' hosts before every POST.
 * A request of our own on `fetch`, like the SMS adapters (decisions 0015, 0017).
 */
import {
  type ChatPlatform,
  type ChatRobot,
  chatRobotProblem,
  stationOfChatRecipient,
} from "../../domain/notices/chat-webhook";
import type { AttemptOutcome } from "../../domain/notices/delivery";
import type { NotificationRecord } from "../notifier";
import type { ChannelSender } from "./channel";
import { dingtalkRobot } from "./dingtalk-robot";
import { type RobotPlatform, redacted } from "./robot-message";
import { wecomRobot } from "./wecom-robot";

export type { ChatRobot } from "../../domain/notices/chat-webhook";

export interface ChatRobotDeps {
  /** The robot of the recipient `chat:<stationId>`, or undefined when the station has none. */
  readonly robotFor: (recipientId: string) => Promise<ChatRobot | undefined>;
  /** Extra `host:port`s robots may point at (a local receiver), from the deployment's settings. */
  readonly allowedHosts?: readonly string[];
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

const platforms: Readonly<Record<ChatPlatform, RobotPlatform>> = {
  wecom: wecomRobot,
  dingtalk: dingtalkRobot,
};

/** Both platforms answer `{"errcode":0,"errmsg":"ok"}`, and an error code otherwise. */
interface RobotAnswer {
  readonly errcode?: unknown;
  readonly errmsg?: unknown;
}

async function answerOf(response: Response): Promise<RobotAnswer | undefined> {
  try {
    return (await response.json()) as RobotAnswer;
  } catch {
    return undefined;
  }
}

/** An answer as an outcome: 5xx, 429 and the platform's throttling transient; any other refusal final. */
async function outcomeOf(platform: RobotPlatform, response: Response): Promise<AttemptOutcome> {
  const { name } = platform;
  if (response.status >= 500 || response.status === 429)
    return { kind: "transient", error: `${name} HTTP ${response.status}` };
  if (response.status >= 300 && response.status < 400)
    return { kind: "permanent", error: `${name} HTTP ${response.status}: a redirect, not followed` };
  const answer = await answerOf(response);
  if (typeof answer?.errcode !== "number") {
    const error = `${name} HTTP ${response.status}: an answer without errcode`;
    return { kind: response.ok ? "transient" : "permanent", error };
  }
  if (response.ok && answer.errcode === 0) return { kind: "sent" };
  const error = redacted(`${name} ${answer.errcode}: ${String(answer.errmsg ?? "")}`);
  return { kind: platform.transientCodes.has(answer.errcode) ? "transient" : "permanent", error };
}

/** The robot to post `record` to, or why there is none (a permanent failure, in Chinese and English). */
async function robotOf(
  record: NotificationRecord,
  deps: ChatRobotDeps,
): Promise<{ robot: ChatRobot } | { problem: string }> {
  if (!stationOfChatRecipient(record.recipient.id))
    return {
      problem: "此通知的收件人不是工作站群聊 · this notice's recipient is not a station's group chat",
    };
  const robot = await deps.robotFor(record.recipient.id);
  if (!robot)
    return {
      problem:
        "该工作站未设置群机器人（企业微信或钉钉） · the station has no group-chat robot (WeCom or DingTalk)",
    };
  const problem = chatRobotProblem(robot, deps.allowedHosts);
  return problem ? { problem: `群机器人设置有误：${problem}` } : { robot };
}

async function post(platform: RobotPlatform, request: { url: URL; body: string }, timeoutMs: number) {
  return fetch(request.url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: request.body,
    // The allow-list was checked for this address, not for wherever a redirect would lead.
    redirect: "manual",
    signal: AbortSignal.timeout(timeoutMs),
  }).then((response) => outcomeOf(platform, response));
}

export function chatRobotChannel(deps: ChatRobotDeps): ChannelSender {
  return {
    async send(record) {
      const found = await robotOf(record, deps);
      if ("problem" in found) return { kind: "permanent", error: found.problem };
      const platform = platforms[found.robot.platform];
      try {
        const request = platform.request(found.robot, record, deps.now?.() ?? new Date());
        return await post(platform, request, deps.timeoutMs ?? 10_000);
      } catch (error) {
        // A timeout or a network failure: the message may or may not have gone (decision 0014).
        const message = error instanceof Error ? error.message : String(error);
        const cause =
          error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
        return { kind: "transient", error: redacted(`${platform.name}: ${message}${cause}`) };
      }
    },
  };
}
