import { describe, expect, it } from "vitest";
import {
  isEarlier,
  isTopicStep,
  nextStep,
  stepNames,
  topicSteps,
} from "../../../functions/domain/topics/steps";

describe("topic steps", () => {
  it("are the six steps of the method, in order", () => {
    expect(topicSteps).toEqual(["collect", "determine", "research", "consult", "report", "feedback"]);
    expect(topicSteps.map((step) => stepNames[step]["zh-CN"])).toEqual([
      "收集议题",
      "确定议题",
      "深入调研",
      "开展协商",
      "成果报送",
      "办理反馈",
    ]);
    for (const step of topicSteps) expect(stepNames[step].en).not.toBe("");
  });

  it("each step leads to the next; feedback closes the loop", () => {
    expect(nextStep("collect")).toBe("determine");
    expect(nextStep("determine")).toBe("research");
    expect(nextStep("research")).toBe("consult");
    expect(nextStep("consult")).toBe("report");
    expect(nextStep("report")).toBe("feedback");
    expect(nextStep("feedback")).toBeUndefined();
  });

  it("tells which of two steps is earlier", () => {
    expect(isEarlier("collect", "feedback")).toBe(true);
    expect(isEarlier("research", "determine")).toBe(false);
    expect(isEarlier("consult", "consult")).toBe(false);
  });

  it("recognizes step names", () => {
    expect(isTopicStep("consult")).toBe(true);
    expect(isTopicStep("Consult")).toBe(false);
    expect(isTopicStep("closed")).toBe(false);
  });
});
