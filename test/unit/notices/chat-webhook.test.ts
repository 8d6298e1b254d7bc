/**
 * Where a station's group-chat robot may point: only the platforms' own webhooks, unless the
 * deployment allows a host (a local receiver); never anywhere an admin types (SSRF).
 */
import { describe, expect, it } from "vitest";
import {
  chatRecipientId,
  chatRobotProblem,
  chatWebhookProblem,
  parseChatWebhookHosts,
  stationOfChatRecipient,
} from "../../../functions/domain/notices/chat-webhook";

const wecom = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
const dingtalk = "https://oapi.dingtalk.com/robot/send?access_token=4d2f6c1b9e8a7f3d2c1b0a9e8d7c6b5a";

/** Each problem is told in Chinese, then in English. */
const bilingual = /^[^a-z]*[\u4e00-\u9fff].* · [A-Za-z]/;

describe("chatWebhookProblem", () => {
  it("accepts the platforms' own webhooks, as copied from the robot's settings", () => {
    expect(chatWebhookProblem("wecom", wecom)).toBeUndefined();
    expect(chatWebhookProblem("dingtalk", dingtalk)).toBeUndefined();
    expect(chatWebhookProblem("wecom", ` ${wecom}\n`)).toBeUndefined();
    expect(
      chatWebhookProblem("wecom", wecom.replace("qyapi.weixin.qq.com", "qyapi.weixin.qq.com:443")),
    ).toBeUndefined();
  });

  it.each([
    ["another host", "https://example.com/cgi-bin/webhook/send?key=693a91f6-7xxx"],
    ["a look-alike host", "https://qyapi.weixin.qq.com.example.com/cgi-bin/webhook/send?key=693a91f6-7xxx"],
    ["an internal address", "https://169.254.169.254/cgi-bin/webhook/send?key=693a91f6-7xxx"],
    ["the loopback, not allowed here", "http://127.0.0.1:4567/cgi-bin/webhook/send?key=693a91f6-7xxx"],
    ["plain http", wecom.replace("https:", "http:")],
    ["another port", wecom.replace("qyapi.weixin.qq.com", "qyapi.weixin.qq.com:8443")],
    ["a user in the address", wecom.replace("https://", "https://admin:pw@")],
    ["another path", "https://qyapi.weixin.qq.com/cgi-bin/message/send?key=693a91f6-7xxx"],
    ["no key", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"],
    ["an empty key", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key="],
    ["a second parameter", `${wecom}&debug=1`],
    ["a fragment", `${wecom}#x`],
    ["DingTalk's webhook given as WeCom's", dingtalk],
    ["not a URL", "qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6"],
    ["another scheme", "file:///etc/passwd"],
  ])("refuses a WeCom robot at %s, saying why in Chinese and English", (_case, url) => {
    expect(chatWebhookProblem("wecom", url)).toMatch(bilingual);
  });

  it("refuses a DingTalk address that is not DingTalk's robot webhook, or carries its own signature", () => {
    expect(chatWebhookProblem("dingtalk", wecom)).toMatch(/oapi\.dingtalk\.com\/robot\/send\?access_token=/);
    expect(chatWebhookProblem("dingtalk", `${dingtalk}&timestamp=1&sign=x`)).toMatch(bilingual);
    expect(chatWebhookProblem("dingtalk", dingtalk.replace("/robot/send", "/robot/send/"))).toMatch(
      bilingual,
    );
  });

  it("accepts a host the deployment allows (a local receiver), over http too, on the platform's path", () => {
    const local = "http://127.0.0.1:4567/robot/send?access_token=localtoken01";
    expect(chatWebhookProblem("dingtalk", local, ["127.0.0.1:4567"])).toBeUndefined();
    expect(chatWebhookProblem("dingtalk", local, ["127.0.0.1:4568"])).toMatch(bilingual);
    expect(
      chatWebhookProblem("dingtalk", local.replace("/robot/send", "/admin"), ["127.0.0.1:4567"]),
    ).toMatch(bilingual);
  });
});

describe("chatRobotProblem", () => {
  it("takes a DingTalk secret that starts with SEC, and none for WeCom", () => {
    expect(chatRobotProblem({ platform: "dingtalk", webhook: dingtalk })).toBeUndefined();
    expect(
      chatRobotProblem({ platform: "dingtalk", webhook: dingtalk, secret: `SEC${"ab12".repeat(16)}` }),
    ).toBe(undefined);
    expect(chatRobotProblem({ platform: "dingtalk", webhook: dingtalk, secret: "ab12ab12ab12" })).toMatch(
      /SEC/,
    );
    expect(chatRobotProblem({ platform: "wecom", webhook: wecom, secret: "SEC123456789" })).toMatch(
      bilingual,
    );
    expect(chatRobotProblem({ platform: "wecom", webhook: "https://example.com/x" })).toMatch(bilingual);
  });
});

describe("the deployment's extra hosts", () => {
  it("are host:port, comma-separated; none when unset", () => {
    expect(parseChatWebhookHosts(undefined)).toEqual([]);
    expect(parseChatWebhookHosts(" ")).toEqual([]);
    expect(parseChatWebhookHosts("127.0.0.1:4567, localhost:8080")).toEqual([
      "127.0.0.1:4567",
      "localhost:8080",
    ]);
    expect(() => parseChatWebhookHosts("http://127.0.0.1:4567")).toThrow(/host:port/);
    expect(() => parseChatWebhookHosts("example.com")).toThrow(/host:port/);
  });
});

describe("a station's group chat as a recipient", () => {
  it("is chat:<stationId>", () => {
    expect(chatRecipientId("01J0STATION")).toBe("chat:01J0STATION");
    expect(stationOfChatRecipient("chat:01J0STATION")).toBe("01J0STATION");
    expect(stationOfChatRecipient("chat:")).toBeUndefined();
    expect(stationOfChatRecipient("member:01J0")).toBeUndefined();
  });
});
