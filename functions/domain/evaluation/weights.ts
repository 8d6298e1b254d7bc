/**
 * The evaluation's weights (decision 0027), from EVALUATION_WEIGHTS — JSON by kind and criterion, each
 * with its `max` points and, for counted criteria, the `target` that earns them:
 *
 *   {"station": {"consultations": {"max": 30}, "activities": {"target": 8}}, "member": {"duty": {"max": 30}}}
 *
 * Criteria not named keep their defaults; the station's consultation and opinion targets are the
 * quota's of the year (QUOTA_TARGETS) unless set here.
 */
import { jsonObjectSetting } from "../json-setting";
import {
  type Criterion,
  defaultMemberWeights,
  defaultStationWeights,
  type MemberCriterion,
  memberCriteria,
  type StationCriterion,
  stationCriteria,
} from "./scoring";

export interface EvaluationWeights {
  readonly station: Readonly<Record<StationCriterion, Criterion>>;
  readonly member: Readonly<Record<MemberCriterion, Criterion>>;
}

type Overrides = {
  readonly [kind in keyof EvaluationWeights]?: Readonly<Record<string, Partial<Criterion>>>;
};

export class EvaluationWeightsError extends Error {}

const criteriaOf = { station: stationCriteria, member: memberCriteria } as const;

function checkedCriterion(where: string, value: unknown): Partial<Criterion> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new EvaluationWeightsError(`EVALUATION_WEIGHTS.${where} must be an object`);
  for (const [name, number] of Object.entries(value)) {
    if (name !== "max" && name !== "target")
      throw new EvaluationWeightsError(`EVALUATION_WEIGHTS.${where}.${name} is not a setting (max, target)`);
    if (typeof number !== "number" || !Number.isFinite(number) || number < 0)
      throw new EvaluationWeightsError(`EVALUATION_WEIGHTS.${where}.${name} must be a number ≥ 0`);
  }
  return value as Partial<Criterion>;
}

function checkedKind(kind: string, value: unknown): Record<string, Partial<Criterion>> {
  if (kind !== "station" && kind !== "member")
    throw new EvaluationWeightsError(`EVALUATION_WEIGHTS keys are "station" and "member", not ${kind}`);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new EvaluationWeightsError(`EVALUATION_WEIGHTS.${kind} must be an object`);
  const known: readonly string[] = criteriaOf[kind];
  const entries = Object.entries(value).map(([criterion, setting]) => {
    if (!known.includes(criterion))
      throw new EvaluationWeightsError(
        `EVALUATION_WEIGHTS.${kind}.${criterion} is not a criterion (${known.join(", ")})`,
      );
    return [criterion, checkedCriterion(`${kind}.${criterion}`, setting)] as const;
  });
  return Object.fromEntries(entries);
}

/** EVALUATION_WEIGHTS as written; throws with the setting at fault. */
export function parseEvaluationWeights(text: string | undefined): Overrides {
  const parsed = jsonObjectSetting(text, {
    notJson: () => new EvaluationWeightsError("EVALUATION_WEIGHTS must be JSON"),
    notObject: () =>
      new EvaluationWeightsError("EVALUATION_WEIGHTS must be a JSON object with station and member"),
  });
  if (!parsed) return {};
  return Object.fromEntries(Object.entries(parsed).map(([kind, value]) => [kind, checkedKind(kind, value)]));
}

function merged<C extends string>(
  defaults: Readonly<Record<C, Criterion>>,
  overrides: Readonly<Record<string, Partial<Criterion>>> | undefined,
): Record<C, Criterion> {
  const entries = (Object.keys(defaults) as C[]).map((criterion) => [
    criterion,
    { ...defaults[criterion], ...overrides?.[criterion] },
  ]);
  return Object.fromEntries(entries) as Record<C, Criterion>;
}

/** The weights in force: the defaults, the year's quota targets, then EVALUATION_WEIGHTS. */
export function evaluationWeights(
  overrides: Overrides,
  quotaTargets: { readonly consultations: number; readonly opinions: number },
): EvaluationWeights {
  const station = merged(defaultStationWeights, {
    consultations: { target: quotaTargets.consultations },
    opinions: { target: quotaTargets.opinions },
  });
  return {
    station: merged(station, overrides.station),
    member: merged(defaultMemberWeights, overrides.member),
  };
}
