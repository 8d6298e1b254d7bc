/** Notices about a topic link to it in the console when CONSOLE_URL is set: always by e-mail, by SMS when it fits. */
import { beforeAll, describe, expect, it } from "vitest";
import type { NotificationRequest } from "../../../functions/notices/notifier";
import { segmentCapacity, smsSignature, smsWithLink } from "../../../functions/notices/sms-text";
import { reminderDue } from "../../../functions/notices/templates/step-notices";

let queuedRecord: (request: NotificationRequest) => { text: string; variables?: Record<string, string> };

beforeAll(async () => {
  process.env.TABLE_NAME ??= "unit";
  process.env.CONSOLE_URL = "https://hsl.example.gov.cn/";
  ({ queuedRecord } = await import("../../../functions/notices/recording-notifier"));
});

const request = (channel: "email" | "sms", language: "zh-CN" | "en"): NotificationRequest => ({
  recipient: { id: "member:1", name: "张委员", language },
  channel,
  template: reminderDue,
  variables: { recipientName: "张委员", title: "加装电梯", stepName: "开展协商", deadline: "12月5日" },
  idempotencyKey: "k",
  topicId: "01JTOPIC0000000000000000AA",
});

describe("a link to the topic", () => {
  it("ends the e-mail with the topic's address in the console, in the recipient's language", () => {
    expect(queuedRecord(request("email", "zh-CN")).text).toMatch(
      /\n\n查看详情：https:\/\/hsl\.example\.gov\.cn\/topics\/01JTOPIC0000000000000000AA$/,
    );
    expect(queuedRecord(request("email", "en")).text).toMatch(/\n\nDetails: https:\/\/hsl/);
  });

  it("goes into an SMS only when the SMS still fits one segment, and is always a provider parameter", () => {
    const chinese = queuedRecord(request("sms", "zh-CN"));
    expect(chinese.text).not.toContain("https://");
    expect(chinese.variables?.link).toBe("https://hsl.example.gov.cn/topics/01JTOPIC0000000000000000AA");
    const signature = smsSignature();
    const short = smsWithLink("Due now.", "https://hsl.cn/t/1", signature);
    expect(short).toBe("Due now. https://hsl.cn/t/1");
    const long = "x".repeat(150);
    expect(smsWithLink(long, "https://hsl.cn/t/1", signature)).toBe(long);
    expect([...(signature + short)].length).toBeLessThanOrEqual(segmentCapacity(signature + short));
  });
});
