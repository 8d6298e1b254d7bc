import { describe, expect, it } from "vitest";
import { ConflictError, ValidationError } from "../../../functions/domain/errors";
import {
  applyDecision,
  decideComplete,
  decideExtend,
  decideReject,
  decideReturn,
  initialTopicState,
  maxExtensionDays,
  type TopicState,
} from "../../../functions/domain/topics/lifecycle";
import { defaultTopicPolicy } from "../../../functions/domain/topics/policy";
import type { TopicStep } from "../../../functions/domain/topics/steps";

const at = (step: TopicStep, more: Partial<TopicState> = {}): TopicState => ({
  ...initialTopicState,
  step,
  ...more,
});
const closed: TopicState = { ...at("feedback"), status: "closed", closedAs: "completed" };

/** Runs `action` and returns what it threw (failing the test if it did not throw). */
function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

/** The conflict's problem code, checking it is the topic loop's conflict. */
function conflictCode(action: () => unknown): string | undefined {
  const error = thrown(action);
  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).reason).toBe("wrong_step");
  return (error as ConflictError).problems[0]?.code;
}

function validationProblem(action: () => unknown): string | undefined {
  const error = thrown(action);
  expect(error).toBeInstanceOf(ValidationError);
  const problem = (error as ValidationError).problems[0];
  return problem && `${problem.field}:${problem.code}`;
}

/** Decisions taken on the step the caller saw: the state's own step. */
const returnFrom = (state: TopicState, toStep: TopicStep, limits?: typeof defaultTopicPolicy) =>
  decideReturn(state, state.step, toStep, limits);
const rejectAt = (state: TopicState) => decideReject(state, state.step);

describe("a new topic", () => {
  it("is open at collect, with nothing used up", () => {
    expect(initialTopicState).toEqual({ status: "open", step: "collect", returns: 0, extensions: 0 });
  });
});

describe("decideComplete", () => {
  it("moves on to the next step", () => {
    expect(decideComplete(at("collect"), "collect")).toEqual({ next: "determine" });
    expect(decideComplete(at("report"), "report")).toEqual({ next: "feedback" });
  });

  it("closes the loop after feedback", () => {
    expect(decideComplete(at("feedback"), "feedback")).toEqual({ close: "completed" });
  });

  it("refuses a step that is not the current one", () => {
    expect(conflictCode(() => decideComplete(at("research"), "determine"))).toBe("not_current_step");
    expect(conflictCode(() => decideComplete(at("research"), "consult"))).toBe("not_current_step");
  });

  it("refuses a closed topic", () => {
    expect(conflictCode(() => decideComplete(closed, "feedback"))).toBe("topic_closed");
  });
});

describe("decideReturn", () => {
  it("sends the topic back to an earlier step and counts it", () => {
    expect(returnFrom(at("consult", { returns: 1 }), "determine")).toEqual({
      step: "determine",
      returns: 2,
    });
  });

  it("wants an earlier step", () => {
    expect(validationProblem(() => returnFrom(at("research"), "research"))).toBe("toStep:not_earlier_step");
    expect(validationProblem(() => returnFrom(at("research"), "report"))).toBe("toStep:not_earlier_step");
    expect(validationProblem(() => returnFrom(at("collect"), "collect"))).toBe("toStep:not_earlier_step");
  });

  it("stops at the return limit", () => {
    const limit = defaultTopicPolicy.maxReturns;
    expect(conflictCode(() => returnFrom(at("consult", { returns: limit }), "collect"))).toBe(
      "return_limit_reached",
    );
    expect(
      conflictCode(() => returnFrom(at("consult"), "collect", { ...defaultTopicPolicy, maxReturns: 0 })),
    ).toBe("return_limit_reached");
  });

  it("refuses a closed topic", () => {
    expect(conflictCode(() => returnFrom(closed, "collect"))).toBe("topic_closed");
  });
});

describe("a decision that arrives after the topic moved on", () => {
  it("acts on nothing: return and reject name their step, and another step is 409", () => {
    expect(conflictCode(() => decideReturn(at("research"), "determine", "collect"))).toBe("not_current_step");
    expect(conflictCode(() => decideReject(at("research"), "determine"))).toBe("not_current_step");
  });
});

describe("decideReject", () => {
  it("declines a topic while it is being determined", () => {
    expect(rejectAt(at("determine"))).toEqual({ close: "rejected" });
  });

  it.each([["collect"], ["research"], ["feedback"]] as const)("refuses at %s", (step) => {
    expect(conflictCode(() => rejectAt(at(step)))).toBe("reject_only_at_determine");
  });

  it("refuses a closed topic", () => {
    expect(conflictCode(() => rejectAt({ ...at("determine"), status: "closed", closedAs: "rejected" }))).toBe(
      "topic_closed",
    );
  });
});

describe("decideExtend", () => {
  const current = new Date("2026-03-13T15:59:59.999Z");
  const later = new Date("2026-03-20T15:59:59.999Z");

  it("moves the deadline later and counts it", () => {
    expect(decideExtend(at("research", { extensions: 1 }), current, later)).toEqual({
      deadline: later,
      extensions: 2,
    });
  });

  it("wants a later deadline", () => {
    expect(validationProblem(() => decideExtend(at("research"), current, current))).toBe(
      "deadline:deadline_not_later",
    );
    expect(validationProblem(() => decideExtend(at("research"), later, current))).toBe(
      "deadline:deadline_not_later",
    );
    expect(validationProblem(() => decideExtend(at("research"), current, new Date(Number.NaN)))).toBe(
      "deadline:invalid_deadline",
    );
  });

  it("moves a deadline by at most a year at a time", () => {
    const dayMs = 86_400_000;
    const furthest = new Date(current.getTime() + maxExtensionDays * dayMs);
    expect(decideExtend(at("research"), current, furthest).deadline).toEqual(furthest);
    expect(
      validationProblem(() => decideExtend(at("research"), current, new Date(furthest.getTime() + 1))),
    ).toBe("deadline:deadline_too_far");
    expect(
      validationProblem(() => decideExtend(at("research"), current, new Date("9999-12-31T15:59:59.999Z"))),
    ).toBe("deadline:deadline_too_far");
  });

  it("stops at the extension limit", () => {
    const limit = defaultTopicPolicy.maxExtensionsPerStep;
    expect(conflictCode(() => decideExtend(at("research", { extensions: limit }), current, later))).toBe(
      "extension_limit_reached",
    );
  });

  it("refuses a closed topic", () => {
    expect(conflictCode(() => decideExtend(closed, current, later))).toBe("topic_closed");
  });
});

describe("applyDecision", () => {
  it("enters the next step with its extensions afresh", () => {
    const state = at("research", { extensions: 2, returns: 1 });
    expect(applyDecision(state, decideComplete(state, "research"))).toEqual(at("consult", { returns: 1 }));
  });

  it("goes back, counting the return", () => {
    const state = at("consult", { extensions: 1 });
    expect(applyDecision(state, returnFrom(state, "research"))).toEqual(at("research", { returns: 1 }));
  });

  it("closes as completed or rejected", () => {
    expect(applyDecision(at("feedback"), { close: "completed" })).toMatchObject({
      status: "closed",
      closedAs: "completed",
    });
    expect(applyDecision(at("determine"), rejectAt(at("determine")))).toMatchObject({
      status: "closed",
      closedAs: "rejected",
      step: "determine",
    });
  });

  it("counts an extension on the same step", () => {
    const state = at("report");
    const decision = decideExtend(state, new Date("2026-03-13T00:00:00Z"), new Date("2026-03-14T00:00:00Z"));
    expect(applyDecision(state, decision)).toEqual(at("report", { extensions: 1 }));
  });
});
