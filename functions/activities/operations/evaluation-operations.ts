/** The quantified evaluation (量化考评, decision 0027): stations' and members' scores, ranked, with their breakdown. */
import type { Principal } from "../../domain/access";
import { ForbiddenError } from "../../domain/errors";
import {
  criterionLabels,
  type MemberCriterion,
  memberCriteria,
  type StationCriterion,
  stationCriteria,
} from "../../domain/evaluation/scoring";
import { localDate, yearOf } from "../../domain/topics/calendar";
import { clock } from "../../kernel/clock";
import { config } from "../../kernel/config";
import type { CsvColumn } from "../../kernel/http/csv";
import { commonErrors } from "../../kernel/http/error-responses";
import { defineOperation, documented, type Operation, ok } from "../../kernel/http/operation";
import { allStationAssignments } from "../../registry/store/assignments";
import {
  type MemberEvaluation,
  memberEvaluations,
  type StationEvaluation,
  stationEvaluations,
} from "../evaluation/view";
import { evaluationQuery } from "../evaluation-contracts";

type Line = StationEvaluation | MemberEvaluation;

const scoreOf = (line: Line, criterion: string) => line.scores.find((score) => score.criterion === criterion);

/** Two columns per criterion: its figure (of its target, or of all steps) and its points. */
function criterionColumns(criteria: readonly (StationCriterion | MemberCriterion)[]): CsvColumn[] {
  return criteria.flatMap((criterion) => [
    {
      header: { "zh-CN": criterionLabels[criterion]["zh-CN"], en: criterionLabels[criterion].en },
      value: (line: Line) => {
        const score = scoreOf(line, criterion);
        return score ? `${score.figure}/${score.of}` : undefined;
      },
    },
    {
      header: {
        "zh-CN": `${criterionLabels[criterion]["zh-CN"]}得分`,
        en: `${criterionLabels[criterion].en} points`,
      },
      value: (line: Line) => scoreOf(line, criterion)?.points,
    },
  ]);
}

const totals: CsvColumn[] = [
  { header: { "zh-CN": "总分", en: "Total" }, value: (line: Line) => line.total },
  { header: { "zh-CN": "满分", en: "Maximum" }, value: (line: Line) => line.max },
];

export const stationEvaluationColumns: CsvColumn[] = [
  { header: { "zh-CN": "排名", en: "Rank" }, value: (line: StationEvaluation) => line.rank },
  { header: { "zh-CN": "编号", en: "ID" }, value: (line: StationEvaluation) => line.stationId },
  { header: { "zh-CN": "名称", en: "Name" }, value: (line: StationEvaluation) => line.name },
  { header: { "zh-CN": "片区", en: "Zone" }, value: (line: StationEvaluation) => line.zone },
  ...totals,
  ...criterionColumns(stationCriteria),
];

export const memberEvaluationColumns: CsvColumn[] = [
  { header: { "zh-CN": "排名", en: "Rank" }, value: (line: MemberEvaluation) => line.rank },
  { header: { "zh-CN": "编号", en: "ID" }, value: (line: MemberEvaluation) => line.memberId },
  { header: { "zh-CN": "姓名", en: "Name" }, value: (line: MemberEvaluation) => line.name },
  { header: { "zh-CN": "界别", en: "Sector" }, value: (line: MemberEvaluation) => line.sector },
  ...totals,
  ...criterionColumns(memberCriteria),
];

/** The members whose evaluation the caller may see: all (admin), those serving at their stations (staff), their own. */
async function visibleMembers(principal: Principal): Promise<((memberId: string) => boolean) | "all"> {
  if (principal.role === "admin") return "all";
  if (principal.role === "member") {
    if (!principal.memberId) throw new ForbiddenError("own_evaluation_only");
    return (memberId) => memberId === principal.memberId;
  }
  const assignments = await Promise.all(principal.stationIds.map((id) => allStationAssignments(id)));
  const ids = new Set(assignments.flat().map((assignment) => assignment.memberId));
  return (memberId) => ids.has(memberId);
}

async function evaluationsFor(
  principal: Principal,
  kind: "station" | "member",
  year: number,
  language: "zh-CN" | "en",
) {
  if (kind === "station") {
    if (principal.role === "member") throw new ForbiddenError("own_evaluation_only");
    const lines = await stationEvaluations(year, language);
    const mine = (line: StationEvaluation) =>
      principal.role === "admin" || principal.stationIds.includes(line.stationId);
    return { evaluated: lines.length, items: lines.filter(mine) };
  }
  const visible = await visibleMembers(principal);
  const lines = await memberEvaluations(year, language);
  return {
    evaluated: lines.length,
    items: visible === "all" ? lines : lines.filter((line) => visible(line.memberId)),
  };
}

const evaluationOperation = defineOperation({
  route: "GET /evaluations",
  query: evaluationQuery,
  operationId: "listEvaluations",
  ...(documented && {
    summary: "量化考评 · The quantified evaluation of stations or members",
    description:
      "Every station (`kind=station`, the default) or member (`kind=member`) of the county scored for the year (default this one) and ranked county-wide (equal totals share a rank), each with its breakdown: the criterion, the figure counted, its target (or, for steps on time, every step completed), the points and the maximum. Stations: consultations and 社情民意 items against the quota's targets, other activities (X), topics closed with feedback, the share of steps completed by their deadline, the 六有 items met. Members: activities attended, duty shifts done, 社情民意 items submitted, the share of the steps they were responsible for completed on time. Weights and targets default as in decision 0027, EVALUATION_WEIGHTS overrides them. The county office sees everyone; staff their stations and the members serving there; a member only their own line (403 `own_evaluation_only` otherwise). CSV with `format=csv`.",
    tag: "quota",
    responses: [
      { status: 200, description: "The evaluation, ranked", schema: "EvaluationList" },
      ...commonErrors(400, 403),
    ],
  }),
  csv: {
    fileName: "evaluations",
    columns: stationEvaluationColumns,
    columnsFor: (body) =>
      (body as { kind?: string }).kind === "member" ? memberEvaluationColumns : stationEvaluationColumns,
  },
  async handle({ query, principal, request }) {
    const year = query.year ?? yearOf(localDate(clock().now(), config().timeZone));
    const kind = query.kind ?? "station";
    const found = await evaluationsFor(principal, kind, year, request.language);
    return ok({ year, kind, ...found });
  },
});

export const evaluationOperations: readonly Operation[] = [evaluationOperation];
