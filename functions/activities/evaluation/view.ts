/**
 * 量化考评 as the API shows it (decision 0027). Stations are scored from the year's tallies (one
 * collection, read whole) and their 六有 checklists; members from their year records (one
 * BatchGetItem per hundred). Everyone is scored so that ranks are the county's; the caller then sees
 * only the lines they may.
 */
import {
  criterionLabels,
  type Evaluation,
  evaluateMember,
  evaluateStation,
  type MemberFigures,
  ranked,
  type Score,
  type StationFigures,
} from "../../domain/evaluation/scoring";
import {
  type EvaluationWeights,
  evaluationWeights,
  parseEvaluationWeights,
} from "../../domain/evaluation/weights";
import { counterOf, type StationTally } from "../../domain/quota/tally";
import { activityTypes } from "../../domain/quota/vocabulary";
import type { Language } from "../../domain/registry/members";
import { assessStandards } from "../../domain/registry/stations";
import { getMany, queryAll } from "../../kernel/table/items";
import { memberAttendanceKey, talliesOfYear } from "../../kernel/table/keys";
import type { StoredMember } from "../../registry/member-view";
import type { Station } from "../../registry/responses";
import { listAllMembers } from "../../registry/store/members";
import { listStations } from "../../registry/store/stations";
import { quotaSettings } from "../quota/settings";
import { asTally } from "../store/tally";

let overrides: ReturnType<typeof parseEvaluationWeights> | undefined;

/** The weights of `year`: EVALUATION_WEIGHTS (read once per process; a bad value fails loudly) over the defaults. */
export function weightsOf(year: number): EvaluationWeights {
  overrides ??= parseEvaluationWeights(process.env.EVALUATION_WEIGHTS);
  return evaluationWeights(overrides, quotaSettings(year).targets);
}

/** Reads EVALUATION_WEIGHTS again (tests that change it). */
export function resetEvaluationWeights(): void {
  overrides = undefined;
}

export function stationFigures(station: Station, tally: StationTally | undefined): StationFigures {
  const count = (name: Parameters<typeof counterOf>[1]) => counterOf(tally, name);
  const others = activityTypes.filter((type) => type !== "consultation");
  return {
    consultations: count("activity_consultation"),
    opinions: count("opinions"),
    activities: others.reduce((sum, type) => sum + count(`activity_${type}`), 0),
    topicsClosed: count("loop_completed"),
    stepsOnTime: count("loop_steps_on_time"),
    stepsLate: count("loop_steps_late"),
    standards: assessStandards(station.standards).metCount,
  };
}

interface MemberYear {
  readonly memberId: string;
  readonly attended?: number;
  readonly duty?: number;
  readonly opinions?: number;
  readonly steps_on_time?: number;
  readonly steps_late?: number;
}

export const memberFigures = (record: MemberYear | undefined): MemberFigures => ({
  attended: record?.attended ?? 0,
  duty: record?.duty ?? 0,
  opinions: record?.opinions ?? 0,
  stepsOnTime: record?.steps_on_time ?? 0,
  stepsLate: record?.steps_late ?? 0,
});

const scoreView = (score: Score, language: Language) => ({
  ...score,
  label: criterionLabels[score.criterion][language],
});

const evaluationView = (evaluation: Evaluation, language: Language) => ({
  total: evaluation.total,
  max: evaluation.max,
  scores: evaluation.scores.map((score) => scoreView(score, language)),
});

async function allStations(): Promise<Station[]> {
  const stations: Station[] = [];
  let cursor: string | undefined;
  do {
    const page = await listStations({}, { limit: 1000, cursor });
    stations.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return stations;
}

const byName = <T extends { readonly name: string }>(a: T, b: T) => a.name.localeCompare(b.name, "zh-CN");

/** Every station of the county scored and ranked: the stations, then the year's tallies, two paged queries. */
export async function stationEvaluations(year: number, language: Language) {
  const [stations, tallies] = await Promise.all([
    allStations(),
    queryAll<Record<string, unknown>>({
      index: "GSI1",
      partition: { name: "GSI1PK", value: talliesOfYear(year) },
    }),
  ]);
  const byStation = new Map(
    tallies.map((item) => [String(item.stationId), asTally(item, String(item.stationId), year)]),
  );
  const weights = weightsOf(year).station;
  const lines = [...stations].sort(byName).map((station) => ({
    stationId: station.id,
    name: station.name,
    kind: station.kind,
    zone: station.zone,
    ...evaluationView(evaluateStation(stationFigures(station, byStation.get(station.id)), weights), language),
  }));
  return ranked(lines);
}
export type StationEvaluation = Awaited<ReturnType<typeof stationEvaluations>>[number];

/** Every member of the county scored and ranked: the members, then their year records a hundred at a time. */
export async function memberEvaluations(year: number, language: Language) {
  const members = (await listAllMembers()).sort(byName);
  const records = await getMany<MemberYear>(members.map((member) => memberAttendanceKey(member.id, year)));
  const byMember = new Map(records.map((record) => [record.memberId, record]));
  const weights = weightsOf(year).member;
  const lines = members.map((member: StoredMember) => ({
    memberId: member.id,
    name: member.name,
    sector: member.sector,
    ...evaluationView(evaluateMember(memberFigures(byMember.get(member.id)), weights), language),
  }));
  return ranked(lines);
}
export type MemberEvaluation = Awaited<ReturnType<typeof memberEvaluations>>[number];
