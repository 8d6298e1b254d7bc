import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../functions/domain/errors";
import { withEstimates } from "../../../functions/domain/topics/estimated-holidays";
import { shippedCalendars } from "../../../functions/domain/topics/holidays";
import {
  defaultTopicPolicy,
  escalationLadder,
  resolvePolicy,
  rungToTell,
  stepDeadline,
  type TopicPolicyOverrides,
} from "../../../functions/domain/topics/policy";

const local = (dateTime: string) => new Date(`${dateTime}+08:00`);

function problemsOf(overrides: TopicPolicyOverrides): string[] {
  try {
    resolvePolicy(overrides);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => `${p.field}:${p.code}`);
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("the default policy", () => {
  it("is valid as it stands", () => {
    expect(resolvePolicy()).toEqual(defaultTopicPolicy);
  });

  it("counts working days and waits at most 20 days", () => {
    expect(defaultTopicPolicy.deadlines.feedback).toEqual({ amount: 20, unit: "workingDays" });
    expect(defaultTopicPolicy.maxWaitSeconds).toBe(1_728_000);
    expect(escalationLadder).toEqual(["leadMember", "liaison", "countyOffice"]);
  });
});

describe("resolvePolicy", () => {
  it("applies overrides on top of the defaults", () => {
    const policy = resolvePolicy({
      deadlines: { research: { amount: 30, unit: "days" } },
      escalateAfter: { countyOffice: { amount: 10, unit: "workingDays" } },
      maxReturns: 1,
    });
    expect(policy.deadlines.research).toEqual({ amount: 30, unit: "days" });
    expect(policy.deadlines.collect).toEqual(defaultTopicPolicy.deadlines.collect);
    expect(policy.escalateAfter.countyOffice.amount).toBe(10);
    expect(policy.escalateAfter.leadMember).toEqual(defaultTopicPolicy.escalateAfter.leadMember);
    expect(policy.maxReturns).toBe(1);
  });

  it("ignores overrides left undefined", () => {
    expect(resolvePolicy({ maxReturns: undefined, deadlines: { collect: undefined } })).toEqual(
      defaultTopicPolicy,
    );
  });

  it("lets the reminder before the deadline be switched off", () => {
    expect(resolvePolicy({ reminderBefore: { amount: 0, unit: "workingDays" } }).reminderBefore.amount).toBe(
      0,
    );
  });

  it("names every value out of range", () => {
    expect(
      problemsOf({
        deadlines: { collect: { amount: 0, unit: "workingDays" }, report: { amount: 2.5, unit: "days" } },
        notifyHour: 24,
        maxWaitSeconds: 0,
      }),
    ).toEqual([
      "deadlines.collect.amount:out_of_range",
      "deadlines.report.amount:out_of_range",
      "notifyHour:out_of_range",
      "maxWaitSeconds:out_of_range",
    ]);
  });

  it("refuses unknown steps, levels, units and settings", () => {
    const overrides = {
      deadlines: { closing: { amount: 1, unit: "days" } },
      escalateAfter: { mayor: { amount: 1, unit: "days" } },
      reminderBefore: { amount: 1, unit: "hours" },
      snooze: true,
    } as unknown as TopicPolicyOverrides;
    expect(problemsOf(overrides)).toEqual([
      "snooze:unknown_field",
      "deadlines.closing:unknown_field",
      "escalateAfter.mayor:unknown_field",
      "reminderBefore.unit:invalid_unit",
    ]);
  });

  it("keeps the ladder in order", () => {
    expect(problemsOf({ escalateAfter: { liaison: { amount: 1, unit: "workingDays" } } })).toEqual([
      "escalateAfter.liaison.amount:escalation_out_of_order",
    ]);
  });
});

describe("stepDeadline", () => {
  it("counts the step's working days from the day after it starts", () => {
    // Entered Monday 28 September 2026: the National Day week and its make-up Saturday in between.
    const result = stepDeadline(
      "collect",
      local("2026-09-28T10:00:00"),
      defaultTopicPolicy,
      shippedCalendars,
      "Asia/Shanghai",
    );
    expect(result.deadline).toEqual(local("2026-10-16T23:59:59.999"));
    expect(result.estimatedYears).toEqual([]);
  });

  it("says when it counted through a year without a calendar", () => {
    const result = stepDeadline(
      "feedback",
      local("2026-12-15T10:00:00"),
      defaultTopicPolicy,
      shippedCalendars,
      "Asia/Shanghai",
    );
    expect(result.deadline).toEqual(local("2027-01-12T23:59:59.999"));
    expect(result.estimatedYears).toEqual([2027]);
  });

  it("counts next year's 元旦 off on the estimate, and says the deadline rests on it", () => {
    // 20 working days from Tuesday 15 December 2026; Friday 1 January 2027 is 元旦 by the rules.
    const result = stepDeadline(
      "feedback",
      local("2026-12-15T10:00:00"),
      defaultTopicPolicy,
      withEstimates(shippedCalendars),
      "Asia/Shanghai",
    );
    expect(result.deadline).toEqual(local("2027-01-13T23:59:59.999"));
    expect(result.estimatedYears).toEqual([2027]);
  });
});

describe("who a rung of the ladder tells", () => {
  it("its own level, as a rule", () => {
    for (const level of ["leadMember", "liaison", "countyOffice"] as const)
      expect(rungToTell(level, { leadMemberId: "lead", responsibleMemberId: "someone-else" })).toBe(level);
    expect(rungToTell("leadMember", {})).toBe("leadMember");
  });

  it("the liaison leader when the lead member is the person responsible: nobody chases themselves", () => {
    expect(rungToTell("leadMember", { leadMemberId: "m1", responsibleMemberId: "m1" })).toBe("liaison");
    expect(rungToTell("liaison", { leadMemberId: "m1", responsibleMemberId: "m1" })).toBe("liaison");
  });
});
