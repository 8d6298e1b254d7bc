import { describe, expect, it } from "vitest";
import { isChatWebhook, parseWebhookHosts } from "../../../functions/domain/registry/chat-robot";

const wecom = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
const dingtalk = "https://oapi.dingtalk.com/robot/send?access_token=XXXXXX";

describe("a station's chat-robot webhook", () => {
  it("is the platform's own endpoint, over https, with the robot's token", () => {
    expect(isChatWebhook("wecom", wecom, [])).toBe(true);
    expect(isChatWebhook("dingtalk", dingtalk, [])).toBe(true);
  });

  it("refuses the other platform's endpoint, http, another host, path or port, a missing token, user info", () => {
    for (const [platform, url] of [
      ["wecom", dingtalk],
      ["dingtalk", wecom],
      ["wecom", wecom.replace("https:", "http:")],
      ["wecom", wecom.replace("qyapi.weixin.qq.com", "qyapi.weixin.qq.com.evil.example")],
      ["wecom", wecom.replace("qyapi.weixin.qq.com", "qyapi.weixin.qq.com:8443")],
      ["wecom", wecom.replace("/cgi-bin/webhook/send", "/cgi-bin/webhook/upload_media")],
      ["wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"],
      ["wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key="],
      ["dingtalk", "https://oapi.dingtalk.com/robot/send?key=abc"],
      ["wecom", "https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"],
      ["wecom", "not a url"],
    ] as const)
      expect(isChatWebhook(platform, url, []), url).toBe(false);
  });

  it("takes any path, over http too, at a listed local receiver (host:port)", () => {
    const hosts = parseWebhookHosts(" 127.0.0.1:8025, LOCALHOST:9000 ,,");
    expect(hosts).toEqual(["127.0.0.1:8025", "localhost:9000"]);
    expect(isChatWebhook("wecom", "http://127.0.0.1:8025/cgi-bin/webhook/send?key=k", hosts)).toBe(true);
    expect(isChatWebhook("dingtalk", "http://localhost:9000/hook", hosts)).toBe(true);
    expect(isChatWebhook("wecom", "http://127.0.0.1:8026/cgi-bin/webhook/send?key=k", hosts)).toBe(false);
    expect(isChatWebhook("wecom", "ftp://127.0.0.1:8025/x", hosts)).toBe(false);
    expect(parseWebhookHosts(undefined)).toEqual([]);
  });
});
