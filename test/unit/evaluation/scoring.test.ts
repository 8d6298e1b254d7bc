import { describe, expect, it } from "vitest";
import {
  defaultMemberWeights,
  defaultStationWeights,
  evaluateMember,
  evaluateStation,
  ranked,
  scoreOf,
} from "../../../functions/domain/evaluation/scoring";
import {
  EvaluationWeightsError,
  evaluationWeights,
  parseEvaluationWeights,
} from "../../../functions/domain/evaluation/weights";

const nothing = {
  consultations: 0,
  opinions: 0,
  activities: 0,
  topicsClosed: 0,
  stepsOnTime: 0,
  stepsLate: 0,
  standards: 0,
};

describe("the scoring rules", () => {
  it("the default maxima of each kind sum to 100", () => {
    const sum = (weights: Record<string, { max: number }>) =>
      Object.values(weights).reduce((s, w) => s + w.max, 0);
    expect(sum(defaultStationWeights)).toBe(100);
    expect(sum(defaultMemberWeights)).toBe(100);
  });

  it("a count earns its share of the target, capped at the maximum", () => {
    const weight = { max: 25, target: 4 };
    expect(scoreOf("consultations", weight, 0)).toEqual({
      criterion: "consultations",
      figure: 0,
      of: 4,
      points: 0,
      max: 25,
    });
    expect(scoreOf("consultations", weight, 3).points).toBe(18.8);
    expect(scoreOf("consultations", weight, 4).points).toBe(25);
    expect(scoreOf("consultations", weight, 9).points).toBe(25);
  });

  it("a target of 0 is met by anything", () => {
    expect(scoreOf("activities", { max: 15, target: 0 }, 0).points).toBe(15);
  });

  it("steps on time earn the share of steps completed by their deadline; none completed earns nothing", () => {
    const weight = { max: 15, target: 0 };
    expect(scoreOf("stepsOnTime", weight, 0, 0)).toMatchObject({ figure: 0, of: 0, points: 0 });
    expect(scoreOf("stepsOnTime", weight, 3, 1)).toMatchObject({ figure: 3, of: 4, points: 11.3 });
    expect(scoreOf("stepsOnTime", weight, 0, 2).points).toBe(0);
  });

  it("a station that met everything scores 100; one that did nothing 0", () => {
    const full = {
      consultations: 4,
      opinions: 10,
      activities: 6,
      topicsClosed: 2,
      stepsOnTime: 5,
      stepsLate: 0,
      standards: 6,
    };
    expect(evaluateStation(full)).toMatchObject({ total: 100, max: 100 });
    const none = evaluateStation(nothing);
    expect(none.total).toBe(0);
    expect(none.scores.map((score) => score.criterion)).toEqual([
      "consultations",
      "opinions",
      "activities",
      "topicsClosed",
      "stepsOnTime",
      "standards",
    ]);
  });

  it("a member's breakdown follows the member criteria", () => {
    const evaluation = evaluateMember({ attended: 3, duty: 4, opinions: 1, stepsOnTime: 1, stepsLate: 1 });
    expect(evaluation.scores.map((score) => [score.criterion, score.points])).toEqual([
      ["attended", 17.5],
      ["duty", 25],
      ["opinions", 10],
      ["stepsOnTime", 10],
    ]);
    expect(evaluation.total).toBe(62.5);
  });

  it("ranks by total, equal totals sharing a rank and keeping their order", () => {
    const lines = [
      { name: "a", total: 50 },
      { name: "b", total: 80 },
      { name: "c", total: 50 },
      { name: "d", total: 10 },
    ];
    expect(ranked(lines).map((line) => [line.name, line.rank])).toEqual([
      ["b", 1],
      ["a", 2],
      ["c", 2],
      ["d", 4],
    ]);
    expect(ranked([])).toEqual([]);
  });
});

describe("EVALUATION_WEIGHTS", () => {
  const quota = { consultations: 4, opinions: 10 };

  it("unset: the defaults, with the year's quota targets for consultations and opinions", () => {
    const weights = evaluationWeights(parseEvaluationWeights(undefined), { consultations: 6, opinions: 12 });
    expect(weights.station.consultations).toEqual({ max: 25, target: 6 });
    expect(weights.station.opinions).toEqual({ max: 20, target: 12 });
    expect(weights.member).toEqual(defaultMemberWeights);
  });

  it("overrides a criterion's maximum or target, leaving the rest", () => {
    const table = parseEvaluationWeights(
      '{"station": {"activities": {"target": 8}, "consultations": {"target": 5}}, "member": {"duty": {"max": 30}}}',
    );
    const weights = evaluationWeights(table, quota);
    expect(weights.station.activities).toEqual({ max: 15, target: 8 });
    expect(weights.station.consultations).toEqual({ max: 25, target: 5 });
    expect(weights.member.duty).toEqual({ max: 30, target: 4 });
    expect(weights.member.attended).toEqual(defaultMemberWeights.attended);
  });

  it.each([
    ["not json", "must be JSON"],
    ["[]", "must be a JSON object"],
    ['{"zone": {}}', 'keys are "station" and "member"'],
    ['{"station": {"visits": {"max": 1}}}', "station.visits is not a criterion"],
    ['{"member": {"duty": {"points": 1}}}', "member.duty.points is not a setting"],
    ['{"member": {"duty": {"max": -1}}}', "must be a number ≥ 0"],
    ['{"member": {"duty": 5}}', "member.duty must be an object"],
  ])("refuses %s, naming the setting", (text, message) => {
    expect(() => parseEvaluationWeights(text)).toThrow(EvaluationWeightsError);
    expect(() => parseEvaluationWeights(text)).toThrow(message);
  });
});
