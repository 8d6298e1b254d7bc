/**
 * A DingTalk (钉钉) custom group robot: a POST of JSON to its webhook (`access_token`), signed in the
 * query string when the robot has a 加签 secret. Markdown: `title` is what the conversation list and the
 * phone's notification show (the subject), `text` the message. A robot sends 20 messages a minute.
 */

import { signedDingtalkUrl } from "./dingtalk-signature";
import { fitBytes, noticeMarkdown, type RobotPlatform } from "./robot-message";

/**
 * Codes a later attempt may get past: -1 system busy (DingTalk's global codes), 130101 "send too fast,
 * exceed 20 times per minute" (the robot is then held for 10 minutes); 410100 and 660026 are also
 * throttling by other integrations' accounts (not confirmed in a source we could read: decision 0017).
 * Anything else is final: 310000 a sign, timestamp, keyword or IP-whitelist mismatch, 300001 "token is
 * not exist", 400102 the robot stopped, 400013 the group dissolved, …
 */
const transientCodes: ReadonlySet<number> = new Set([-1, 130101, 410100, 660026]);

export const dingtalkRobot: RobotPlatform = {
  name: "DingTalk",
  transientCodes,
  request(robot, record, now) {
    const body = {
      msgtype: "markdown",
      markdown: { title: fitBytes(record.subject, 200), text: noticeMarkdown(record, "\n\n", 4096) },
    };
    return { url: signedDingtalkUrl(robot.webhook, robot.secret, now), body: JSON.stringify(body) };
  },
};
