/** The topic loop's task payloads, checked by hand in functions/topic-loop.ts (no schema library there). */
import { describe, expect, it } from "vitest";
import { handler, InvalidTaskInput, taskEventProblems } from "../../../functions/topic-loop";

const topicId = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

describe("the task payloads", () => {
  it("accept what the state machine sends for each action", () => {
    expect(taskEventProblems({ action: "enterStep", topicId, step: "collect" })).toEqual([]);
    expect(taskEventProblems({ action: "resumeStep", topicId, step: "feedback" })).toEqual([]);
    expect(taskEventProblems({ action: "remind", topicId, step: "consult" })).toEqual([]);
    for (const executionStartedAt of ["2026-12-02T10:00:00.123Z", "2026-12-02T18:00:00+08:00"]) {
      expect(taskEventProblems({ action: "remind", topicId, step: "consult", executionStartedAt })).toEqual(
        [],
      );
    }
    expect(taskEventProblems({ action: "awaitStep", topicId, step: "report", taskToken: "AQCE…" })).toEqual(
      [],
    );
  });

  it("name every field that is wrong", () => {
    expect(taskEventProblems(undefined)).toEqual(["the task input must be an object"]);
    expect(taskEventProblems({ action: "close", topicId: "", step: "vote" })).toEqual([
      "action must be one of enterStep, resumeStep, remind, awaitStep",
      "topicId must be a string of 1 to 64 characters",
      "step must be one of collect, determine, research, consult, report, feedback",
    ]);
    expect(taskEventProblems({ action: "enterStep", topicId: "x".repeat(65), step: "collect" })).toHaveLength(
      1,
    );
    for (const executionStartedAt of [
      "yesterday",
      "2026-12-02T10:00:00",
      "2026-13-45T10:00:00Z",
      1764669600,
    ]) {
      expect(
        taskEventProblems({ action: "remind", topicId, step: "collect", executionStartedAt }),
        String(executionStartedAt),
      ).toEqual(["executionStartedAt must be an ISO 8601 date-time with Z or an offset"]);
    }
    expect(taskEventProblems({ action: "awaitStep", topicId, step: "collect", taskToken: "" })).toEqual([
      "taskToken must be a non-empty string",
    ]);
    expect(taskEventProblems({ action: "awaitStep", topicId, step: "collect" })).toHaveLength(1);
  });

  it("fail the task with InvalidTaskInput, which the state machine does not retry, before any work", async () => {
    const failure = handler({ action: "enterStep", topicId, step: "vote" });
    await expect(failure).rejects.toBeInstanceOf(InvalidTaskInput);
    await expect(failure).rejects.toThrow(/step must be one of/);
  });
});
