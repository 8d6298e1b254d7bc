import { describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import type { TopicStep } from "../../../functions/domain/topics/steps";
import {
  deadlineExtension,
  stepEvidence,
  topicCreate,
  topicReject,
  topicReturn,
} from "../../../functions/topics/contracts";

const STATION = "01JZ3K4M5N6P7Q8R9S0T1V2W3X";
const MEMBER = "01JZ3K4M5N6P7Q8R9S0T1V2W3Y";

/** The first issue of a failed parse as `path:code` (or `path:message` for our own keys). */
function firstIssue(schema: z.ZodMiniType, input: unknown): string | undefined {
  const result = schema.safeParse(input);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (!issue) return "?";
  const what = issue.code === "custom" ? issue.message : issue.code;
  return `${issue.path.join(".")}:${what}`;
}

const validTopic = {
  title: "老旧小区加装电梯",
  description: "东山片区居民多次反映老旧小区上下楼难。",
  source: "resident",
  stationId: STATION,
  responsible: { name: "张委员", memberId: MEMBER },
};

describe("topicCreate", () => {
  it("accepts a topic with its responsible member", () => {
    expect(topicCreate.safeParse(validTopic).success).toBe(true);
  });

  it("accepts per-step deadlines and responsible people", () => {
    const parsed = topicCreate.parse({
      ...validTopic,
      deadlines: { research: { amount: 20, unit: "workingDays" }, feedback: { amount: 30, unit: "days" } },
      responsibles: { feedback: { name: "县政协办公室", phone: "138 0013 8000" } },
    });
    expect(parsed.responsibles?.feedback?.phone).toBe("13800138000");
  });

  it("trims the title and limits it to 100 characters", () => {
    expect(topicCreate.parse({ ...validTopic, title: "  议题  " }).title).toBe("议题");
    expect(firstIssue(topicCreate, { ...validTopic, title: "议".repeat(101) })).toBe("title:too_big");
    expect(firstIssue(topicCreate, { ...validTopic, description: "议".repeat(2001) })).toBe(
      "description:too_big",
    );
  });

  it("rejects unknown fields, sources and steps", () => {
    expect(firstIssue(topicCreate, { ...validTopic, priority: "high" })).toBe(":unrecognized_keys");
    expect(firstIssue(topicCreate, { ...validTopic, source: "media" })).toBe("source:invalid_value");
    expect(
      firstIssue(topicCreate, { ...validTopic, deadlines: { closing: { amount: 1, unit: "days" } } }),
    ).toBe("deadlines:unrecognized_keys");
    expect(
      firstIssue(topicCreate, { ...validTopic, deadlines: { collect: { amount: 1, unit: "hours" } } }),
    ).toBe("deadlines.collect.unit:invalid_value");
    expect(
      firstIssue(topicCreate, { ...validTopic, deadlines: { collect: { amount: 0, unit: "days" } } }),
    ).toBe("deadlines.collect.amount:too_small");
  });

  it("wants a responsible person the notices can reach", () => {
    expect(firstIssue(topicCreate, { ...validTopic, responsible: { name: "王主任" } })).toBe(
      "responsible:responsible_unreachable",
    );
    expect(
      topicCreate.safeParse({ ...validTopic, responsible: { name: "王主任", email: "w@example.cn" } })
        .success,
    ).toBe(true);
  });
});

const evidence: Record<TopicStep, Record<string, unknown>> = {
  collect: {
    summary: "委员值班接待时群众集中反映",
    raisedBy: [{ name: "李大爷", contact: "13800138000" }, { name: "东山社区居委会" }],
  },
  determine: { decision: "adopted", format: "meeting", reason: "涉及群众多，条件成熟" },
  research: {
    visits: [{ date: "2026-03-10", place: "东山小区", members: [MEMBER] }],
    findings: "12 栋楼符合加装条件",
  },
  consult: {
    meeting: {
      date: "2026-04-02",
      place: "东山委员工作站",
      participants: { members: [MEMBER], departments: ["县住建局"], residents: 15 },
      consensus: "分批加装，居民自筹与财政补贴结合",
    },
  },
  report: { summary: "协商成果专报", sentTo: ["县委办", "县政府办"], sentOn: "2026-04-10" },
  feedback: {
    responses: [{ department: "县住建局", response: "已纳入年度计划", respondedOn: "2026-05-06" }],
    feedbackToSource: { method: "visit", summary: "上门告知居民办理结果", givenOn: "2026-05-08" },
  },
};

describe("step evidence", () => {
  it.each(Object.keys(evidence) as TopicStep[])("accepts a complete %s record", (step) => {
    expect(stepEvidence[step].safeParse(evidence[step]).success).toBe(true);
  });

  it.each(Object.keys(evidence) as TopicStep[])("rejects unknown fields in %s", (step) => {
    expect(firstIssue(stepEvidence[step], { ...evidence[step], extra: 1 })).toBe(":unrecognized_keys");
  });

  it("collect names at least one person who raised it", () => {
    expect(firstIssue(stepEvidence.collect, { ...evidence.collect, raisedBy: [] })).toBe(
      "raisedBy:too_small",
    );
  });

  it("determine only adopts; declining is a rejection", () => {
    expect(firstIssue(stepEvidence.determine, { ...evidence.determine, decision: "rejected" })).toBe(
      "decision:invalid_value",
    );
    expect(firstIssue(stepEvidence.determine, { ...evidence.determine, reason: "  " })).toBe(
      "reason:too_small",
    );
  });

  it("research needs a visit with members on a real date", () => {
    expect(firstIssue(stepEvidence.research, { ...evidence.research, visits: [] })).toBe("visits:too_small");
    const visit = { date: "2026-02-30", place: "东山小区", members: [MEMBER] };
    expect(firstIssue(stepEvidence.research, { ...evidence.research, visits: [visit] })).toBe(
      "visits.0.date:invalid_format",
    );
    expect(
      firstIssue(stepEvidence.research, {
        ...evidence.research,
        visits: [{ ...visit, date: "2026-03-10", members: [] }],
      }),
    ).toBe("visits.0.members:too_small");
  });

  it("consult counts residents or names them", () => {
    const withResidents = (residents: unknown) => ({
      meeting: {
        ...(evidence.consult.meeting as object),
        participants: { members: [MEMBER], departments: [], residents },
      },
    });
    expect(stepEvidence.consult.safeParse(withResidents(["李大爷", "王阿姨"])).success).toBe(true);
    expect(stepEvidence.consult.safeParse(withResidents(0)).success).toBe(true);
    expect(stepEvidence.consult.safeParse(withResidents(-1)).success).toBe(false);
    expect(stepEvidence.consult.safeParse(withResidents("many")).success).toBe(false);
  });

  it("report goes to someone", () => {
    expect(firstIssue(stepEvidence.report, { ...evidence.report, sentTo: [] })).toBe("sentTo:too_small");
  });

  it("feedback needs a department's answer and the source told", () => {
    expect(firstIssue(stepEvidence.feedback, { ...evidence.feedback, responses: [] })).toBe(
      "responses:too_small",
    );
    const { feedbackToSource: _, ...withoutSource } = evidence.feedback;
    expect(firstIssue(stepEvidence.feedback, withoutSource)).toBe("feedbackToSource:invalid_type");
  });
});

describe("return, reject and extend bodies", () => {
  it("return names the step it is taken on, an existing step to go back to, and a reason", () => {
    expect(topicReturn.safeParse({ step: "consult", toStep: "research", reason: "调研不充分" }).success).toBe(
      true,
    );
    expect(firstIssue(topicReturn, { step: "consult", toStep: "drafting", reason: "x" })).toBe(
      "toStep:invalid_value",
    );
    expect(firstIssue(topicReturn, { step: "consult", toStep: "research" })).toBe("reason:invalid_type");
    expect(firstIssue(topicReturn, { toStep: "research", reason: "x" })).toBe("step:invalid_value");
  });

  it("reject names the step it is taken on and gives a reason", () => {
    expect(topicReject.safeParse({ step: "determine", reason: "不属于协商范围" }).success).toBe(true);
    expect(firstIssue(topicReject, { step: "determine", reason: "" })).toBe("reason:too_small");
    expect(firstIssue(topicReject, { reason: "不属于协商范围" })).toBe("step:invalid_value");
  });

  it("a deadline is a date or a date-time with its offset", () => {
    for (const deadline of ["2026-03-20", "2026-03-20T18:00:00+08:00", "2026-03-20T10:00:00Z"]) {
      expect(deadlineExtension.safeParse({ deadline, reason: "等待部门数据" }).success).toBe(true);
    }
    for (const deadline of ["2026-03-20T18:00:00", "20 March", "2026-13-01"]) {
      expect(deadlineExtension.safeParse({ deadline, reason: "等待部门数据" }).success).toBe(false);
    }
  });
});
