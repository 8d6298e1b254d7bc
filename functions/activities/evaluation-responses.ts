/** Response shapes of the quantified evaluation (量化考评, decision 0027; OpenAPI components). */
import * as v from "valibot";
import { memberCriteria, stationCriteria } from "../domain/evaluation/scoring";
import { id, int } from "../kernel/contracts";

const points = v.pipe(v.number(), v.minValue(0));

/** One criterion: what was counted, against what, the points it earned of its maximum. */
const score = v.object({
  criterion: v.picklist([...new Set([...stationCriteria, ...memberCriteria])]),
  label: v.string(),
  /** The count, or for steps on time the steps completed by their deadline. */
  figure: int,
  /** The target that earns the full points, or for steps on time every step completed (on time and late). */
  of: points,
  points,
  max: points,
});

const evaluated = { rank: int, total: points, max: points, scores: v.array(score) };

export const stationEvaluation = v.object({
  stationId: id,
  name: v.string(),
  kind: v.string(),
  zone: v.string(),
  ...evaluated,
});

export const memberEvaluation = v.object({
  memberId: id,
  name: v.string(),
  sector: v.string(),
  ...evaluated,
});

export const evaluationList = v.object({
  year: int,
  kind: v.picklist(["station", "member"]),
  /** Everyone evaluated in the county: ranks are the county's, whoever asks. */
  evaluated: int,
  items: v.union([v.array(stationEvaluation), v.array(memberEvaluation)]),
});

export const evaluationSchemas = { EvaluationList: evaluationList } as const;
