import { beforeAll, describe, expect, it } from "vitest";
import { localDateTime } from "../../../functions/domain/local-time";
import type { TopicEvent } from "../../../functions/topics/store/topics";

let describeEvent: typeof import("../../../functions/topics/timeline").describeEvent;

beforeAll(async () => {
  // config() needs a table name; the timeline reads only the county's time zone from it.
  process.env.TABLE_NAME ??= "unit-test";
  ({ describeEvent } = await import("../../../functions/topics/timeline"));
});

const event = (kind: TopicEvent["kind"], details: Record<string, unknown>, step = "collect"): TopicEvent =>
  ({ seq: 1, at: "2026-12-01T01:00:00.000Z", kind, step, details }) as unknown as TopicEvent;

describe("localDateTime", () => {
  it("shows an instant as the county's local date and time", () => {
    expect(localDateTime("2026-12-15T15:59:59.999Z", "Asia/Shanghai")).toBe("2026-12-15 23:59");
    expect(localDateTime(new Date("2026-12-31T16:00:00Z"), "Asia/Shanghai")).toBe("2027-01-01 00:00");
    expect(localDateTime("2026-07-01T12:00:00Z", "Europe/London")).toBe("2026-07-01 13:00");
  });

  it("leaves what is not an instant as it is", () => {
    expect(localDateTime("soon", "Asia/Shanghai")).toBe("soon");
  });
});

describe("the timeline in words", () => {
  it("gives deadlines in local time, not as ISO instants", () => {
    const text = describeEvent(
      event("step_started", { deadline: "2026-12-15T15:59:59.999Z", responsible: "王五" }),
      "zh-CN",
    );
    expect(text).toBe("进入「收集议题」环节，责任人 王五，期限 2026-12-15 23:59");
    expect(text).not.toMatch(/T\d\d:/);
  });

  it("names the reminder and the ladder level in the reader's language", () => {
    const reminder = event("reminder_sent", {
      alarm: "before",
      deadline: "2026-12-15T15:59:59.999Z",
      recipient: "王五",
    });
    expect(describeEvent(reminder, "zh-CN")).toBe(
      "向 王五 发送「收集议题」到期前提醒（期限 2026-12-15 23:59）",
    );
    expect(describeEvent(reminder, "en")).toBe(
      "Reminded 王五 about “Collect topics”: advance reminder (due 2026-12-15 23:59)",
    );
    const escalated = event("escalated", {
      alarm: "escalate:liaison",
      level: "liaison",
      recipient: "李副主席",
    });
    expect(describeEvent(escalated, "zh-CN")).toBe("「收集议题」逾期，督办至联系县领导和专委会：李副主席");
    const nobody = event("escalated", { level: "leadMember", recipient: null });
    expect(describeEvent(nobody, "zh-CN")).toBe("「收集议题」逾期，牵头委员层级无人可通知");
    expect(describeEvent(nobody, "en")).toContain("nobody to tell at the lead member level");
  });
});

describe("how a topic ends", () => {
  it("closes the loop only when it was completed; a topic not adopted ends without feedback", () => {
    expect(describeEvent(event("closed", { closedAs: "completed" }, "feedback"), "zh-CN")).toBe("闭环办结");
    const rejected = event("closed", { closedAs: "rejected" }, "determine");
    expect(describeEvent(rejected, "zh-CN")).toBe("议题办结：不予采纳");
    expect(describeEvent(rejected, "en")).toBe("Topic closed: not adopted");
    expect(describeEvent(event("rejected", { reason: "不属协商范围" }, "determine"), "zh-CN")).toBe(
      "不予采纳：不属协商范围",
    );
  });
});
