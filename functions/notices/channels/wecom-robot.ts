/**
 * A WeCom (企业微信) group robot: a POST of JSON to its webhook, whose `key` is the robot's credential
 * (there is no signing). Markdown, so that the subject is bold; Markdown content is limited to 4,096
 * bytes of UTF-8 (errcode 45002 beyond), and a robot to 20 messages a minute.
 */
import { noticeMarkdown, type RobotPlatform } from "./robot-message";

/**
 * Codes a later attempt may get past: -1 system busy (WeCom's global codes: "建议稍候重试"), 45009 the
 * robot's or the API's frequency limit. Anything else is final: 93000 an invalid webhook (the key
 * removed or wrong), 40008 an invalid message type, 45002 a message too long, 44004 empty content, …
 */
const transientCodes: ReadonlySet<number> = new Set([-1, 45009]);

export const wecomRobot: RobotPlatform = {
  name: "WeCom",
  transientCodes,
  request(robot, record) {
    const body = { msgtype: "markdown", markdown: { content: noticeMarkdown(record, "\n", 4096) } };
    return { url: new URL(robot.webhook), body: JSON.stringify(body) };
  },
};
