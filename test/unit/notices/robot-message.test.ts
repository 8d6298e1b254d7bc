/** A group-chat message: residents' words cannot make links or headings; the console's own link stays one. */
import { describe, expect, it } from "vitest";
import { noticeMarkdown } from "../../../functions/notices/channels/robot-message";
import type { NotificationRecord } from "../../../functions/notices/notifier";

const notice = (text: string): NotificationRecord => ({
  id: "01J00000000000000000NOTICE",
  idempotencyKey: "k",
  recipient: { id: "chat:01J0000000000000000STATION", name: "东山 工作群" },
  channel: "chat",
  templateId: "reminder_due",
  language: "zh-CN",
  subject: "今日到期：议题「# 标题」",
  text,
  status: "sending",
  createdAt: "2026-12-02T04:00:00.000Z",
});

describe("a group-chat message's Markdown", () => {
  it("keeps the console's link to the topic a link, and makes anything else inert", () => {
    const markdown = noticeMarkdown(
      notice(
        "张委员：议题「[点我](https://evil.example/x)」已到期。\n\n查看详情：https://hsl.example.gov.cn/#/topics/01J0000000000000000000TOPIC",
      ),
      "\n",
      4096,
      "https://hsl.example.gov.cn",
    );
    expect(markdown).toContain("查看详情：https://hsl.example.gov.cn/#/topics/01J0000000000000000000TOPIC");
    expect(markdown).not.toContain("[点我](");
    expect(markdown).toContain("**今日到期：议题「＃ 标题」**");
  });

  it("makes every line inert when no console address is configured", () => {
    const markdown = noticeMarkdown(
      notice("查看详情：https://hsl.example.gov.cn/#/topics/1"),
      "\n",
      4096,
      "",
    );
    expect(markdown).toContain("/＃/topics/1");
  });
});
