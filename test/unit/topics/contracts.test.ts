import * as v from "valibot";
import { describe, expect, it } from "vitest";
// The parts' messages, as the entries that serve their operations add them.
import "../../support/all-messages";
import { ValidationError } from "../../../functions/domain/errors";
import type { TopicStep } from "../../../functions/domain/topics/steps";
import { parseInput } from "../../../functions/kernel/http/validation";
import {
  deadlineExtension,
  stepEvidence,
  topicCreate,
  topicReject,
  topicReturn,
} from "../../../functions/topics/contracts";

const STATION = "01JZ3K4M5N6P7Q8R9S0T1V2W3X";
const MEMBER = "01JZ3K4M5N6P7Q8R9S0T1V2W3Y";

/** The first problem the API would answer for the input, as `field:code`. */
function firstProblem(schema: v.GenericSchema, input: unknown): string | undefined {
  try {
    parseInput(schema, input);
    return undefined;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const [problem] = error.problems;
    return problem ? `${problem.field}:${problem.code}` : "?";
  }
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
    expect(v.safeParse(topicCreate, validTopic).success).toBe(true);
  });

  it("accepts per-step deadlines and responsible people", () => {
    const parsed = v.parse(topicCreate, {
      ...validTopic,
      deadlines: { research: { amount: 20, unit: "workingDays" }, feedback: { amount: 30, unit: "days" } },
      responsibles: { feedback: { name: "县政协办公室", phone: "138 0013 8000" } },
    });
    expect(parsed.responsibles?.feedback?.phone).toBe("13800138000");
  });

  it("refuses a responsible person's name with a phone number in it", () => {
    const responsible = { name: "王主任 139-0000-0009", phone: "13900000009" };
    expect(firstProblem(topicCreate, { ...validTopic, responsible })).toBe(
      "responsible.name:name_contains_contact",
    );
  });

  it("trims the title and limits it to 100 characters", () => {
    expect(v.parse(topicCreate, { ...validTopic, title: "  议题  " }).title).toBe("议题");
    expect(firstProblem(topicCreate, { ...validTopic, title: "议".repeat(101) })).toBe("title:too_big");
    expect(firstProblem(topicCreate, { ...validTopic, description: "议".repeat(2001) })).toBe(
      "description:too_big",
    );
  });

  it("rejects unknown fields, sources and steps", () => {
    expect(firstProblem(topicCreate, { ...validTopic, priority: "high" })).toBe("priority:unknown_field");
    expect(firstProblem(topicCreate, { ...validTopic, source: "media" })).toBe("source:invalid_value");
    expect(
      firstProblem(topicCreate, { ...validTopic, deadlines: { closing: { amount: 1, unit: "days" } } }),
    ).toBe("deadlines.closing:unknown_field");
    expect(
      firstProblem(topicCreate, { ...validTopic, deadlines: { collect: { amount: 1, unit: "hours" } } }),
    ).toBe("deadlines.collect.unit:invalid_value");
    expect(
      firstProblem(topicCreate, { ...validTopic, deadlines: { collect: { amount: 0, unit: "days" } } }),
    ).toBe("deadlines.collect.amount:too_small");
  });

  it("wants a responsible person the notices can reach", () => {
    expect(firstProblem(topicCreate, { ...validTopic, responsible: { name: "王主任" } })).toBe(
      "responsible:responsible_unreachable",
    );
    expect(
      v.safeParse(topicCreate, { ...validTopic, responsible: { name: "王主任", email: "w@example.cn" } })
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
    expect(v.safeParse(stepEvidence[step], evidence[step]).success).toBe(true);
  });

  it.each(Object.keys(evidence) as TopicStep[])("rejects unknown fields in %s", (step) => {
    expect(firstProblem(stepEvidence[step], { ...evidence[step], extra: 1 })).toBe("extra:unknown_field");
  });

  it("collect names at least one person who raised it", () => {
    expect(firstProblem(stepEvidence.collect, { ...evidence.collect, raisedBy: [] })).toBe(
      "raisedBy:too_small",
    );
  });

  it("collect takes a name alone: a phone or e-mail typed into it is refused, to go in contact", () => {
    const withNumber = { ...evidence.collect, raisedBy: [{ name: "居民甲 13900000002" }] };
    expect(firstProblem(stepEvidence.collect, withNumber)).toBe("raisedBy.0.name:name_contains_contact");
    const withMail = { ...evidence.collect, raisedBy: [{ name: "居民乙 yi@example.org" }] };
    expect(firstProblem(stepEvidence.collect, withMail)).toBe("raisedBy.0.name:name_contains_contact");
    const apart = { ...evidence.collect, raisedBy: [{ name: "居民甲", contact: "13900000002" }] };
    expect(firstProblem(stepEvidence.collect, apart)).toBeUndefined();
  });

  it("determine only adopts; declining is a rejection", () => {
    expect(firstProblem(stepEvidence.determine, { ...evidence.determine, decision: "rejected" })).toBe(
      "decision:invalid_value",
    );
    expect(firstProblem(stepEvidence.determine, { ...evidence.determine, reason: "  " })).toBe(
      "reason:too_small",
    );
  });

  it("research needs a visit with members on a real date", () => {
    expect(firstProblem(stepEvidence.research, { ...evidence.research, visits: [] })).toBe(
      "visits:too_small",
    );
    const visit = { date: "2026-02-30", place: "东山小区", members: [MEMBER] };
    expect(firstProblem(stepEvidence.research, { ...evidence.research, visits: [visit] })).toBe(
      "visits.0.date:invalid_format",
    );
    expect(
      firstProblem(stepEvidence.research, {
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
    expect(v.safeParse(stepEvidence.consult, withResidents(["李大爷", "王阿姨"])).success).toBe(true);
    expect(v.safeParse(stepEvidence.consult, withResidents(0)).success).toBe(true);
    expect(v.safeParse(stepEvidence.consult, withResidents(-1)).success).toBe(false);
    expect(v.safeParse(stepEvidence.consult, withResidents("many")).success).toBe(false);
  });

  it("report goes to someone", () => {
    expect(firstProblem(stepEvidence.report, { ...evidence.report, sentTo: [] })).toBe("sentTo:too_small");
  });

  it("feedback needs a department's answer and the source told", () => {
    expect(firstProblem(stepEvidence.feedback, { ...evidence.feedback, responses: [] })).toBe(
      "responses:too_small",
    );
    const { feedbackToSource: _, ...withoutSource } = evidence.feedback;
    expect(firstProblem(stepEvidence.feedback, withoutSource)).toBe("feedbackToSource:required");
  });
});

describe("return, reject and extend bodies", () => {
  it("return names the step it is taken on, an existing step to go back to, and a reason", () => {
    expect(
      v.safeParse(topicReturn, { step: "consult", toStep: "research", reason: "调研不充分" }).success,
    ).toBe(true);
    expect(firstProblem(topicReturn, { step: "consult", toStep: "drafting", reason: "x" })).toBe(
      "toStep:invalid_value",
    );
    expect(firstProblem(topicReturn, { step: "consult", toStep: "research" })).toBe("reason:required");
    expect(firstProblem(topicReturn, { toStep: "research", reason: "x" })).toBe("step:required");
  });

  it("reject names the step it is taken on and gives a reason", () => {
    expect(v.safeParse(topicReject, { step: "determine", reason: "不属于协商范围" }).success).toBe(true);
    expect(firstProblem(topicReject, { step: "determine", reason: "" })).toBe("reason:too_small");
    expect(firstProblem(topicReject, { reason: "不属于协商范围" })).toBe("step:required");
  });

  it("a deadline is a date or a date-time with its offset", () => {
    for (const deadline of ["2026-03-20", "2026-03-20T18:00:00+08:00", "2026-03-20T10:00:00Z"]) {
      expect(v.safeParse(deadlineExtension, { deadline, reason: "等待部门数据" }).success).toBe(true);
    }
    for (const deadline of ["2026-03-20T18:00:00", "20 March", "2026-13-01"]) {
      expect(v.safeParse(deadlineExtension, { deadline, reason: "等待部门数据" }).success).toBe(false);
    }
  });
});
