import { describe, expect, it } from "vitest";
import {
  assessStandards,
  completeChecklist,
  type StandardItem,
  standardItems,
} from "../../../functions/domain/registry/stations";

const allMet = (): Record<StandardItem, { met: boolean; note?: string }> =>
  Object.fromEntries(standardItems.map((item) => [item, { met: true }])) as Record<
    StandardItem,
    { met: boolean }
  >;

describe("六有 standard checklist", () => {
  it("has exactly the six items, in the order the source lists them (阵地 标识 制度 流程 活动 实效)", () => {
    expect(standardItems).toEqual(["venue", "signage", "rules", "process", "activities", "results"]);
  });
});

describe("completeChecklist", () => {
  it("with nothing assessed yet, lists all six items as not met", () => {
    const checklist = completeChecklist();
    expect(Object.keys(checklist)).toEqual([...standardItems]);
    for (const item of standardItems) expect(checklist[item]).toEqual({ met: false });
  });

  it("keeps the items given (with their notes) and fills the rest as not met", () => {
    const checklist = completeChecklist({
      venue: { met: true, note: "设在党群服务中心二楼" },
      rules: { met: false, note: "制度待上墙" },
    });
    expect(checklist.venue).toEqual({ met: true, note: "设在党群服务中心二楼" });
    expect(checklist.rules).toEqual({ met: false, note: "制度待上墙" });
    expect(checklist.signage).toEqual({ met: false });
    expect(checklist.process).toEqual({ met: false });
    expect(checklist.activities).toEqual({ met: false });
    expect(checklist.results).toEqual({ met: false });
  });

  it("drops anything that is not one of the six items", () => {
    const partial = { venue: { met: true }, parking: { met: true } } as unknown as Parameters<
      typeof completeChecklist
    >[0];
    expect(Object.keys(completeChecklist(partial))).toEqual([...standardItems]);
  });
});

describe("assessStandards", () => {
  it("a station with all six items met meets the standard", () => {
    expect(assessStandards(completeChecklist(allMet()))).toEqual({
      meetsStandard: true,
      metCount: 6,
      missing: [],
    });
  });

  it("one missing item is enough to fail the standard, and it is named", () => {
    const checklist = completeChecklist({ ...allMet(), results: { met: false, note: "尚无成果" } });
    expect(assessStandards(checklist)).toEqual({ meetsStandard: false, metCount: 5, missing: ["results"] });
  });

  it("lists the missing items in checklist order and counts the met ones", () => {
    const assessment = assessStandards(
      completeChecklist({ activities: { met: true }, venue: { met: true } }),
    );
    expect(assessment.meetsStandard).toBe(false);
    expect(assessment.metCount).toBe(2);
    expect(assessment.missing).toEqual(["signage", "rules", "process", "results"]);
  });

  it("a note alone does not make an item met", () => {
    const assessment = assessStandards(
      completeChecklist({ ...allMet(), signage: { met: false, note: "已订制" } }),
    );
    expect(assessment.meetsStandard).toBe(false);
    expect(assessment.missing).toEqual(["signage"]);
  });

  it("an empty checklist meets nothing", () => {
    expect(assessStandards(completeChecklist())).toEqual({
      meetsStandard: false,
      metCount: 0,
      missing: [...standardItems],
    });
  });
});
