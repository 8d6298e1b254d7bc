/** The quota routes of the activities part (decision 0022): the year's plan, the quota views, the quarterly check. */
import { assertCanChangeStation, assertCanSeeStation, type Principal } from "../../domain/access";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { planProblems } from "../../domain/quota/assessment";
import { clock } from "../../kernel/clock";
import type { CsvColumn } from "../../kernel/http/csv";
import { commonErrors } from "../../kernel/http/error-responses";
import { defineOperation, documented, type Operation, ok, versionTag } from "../../kernel/http/operation";
import { expectedVersion } from "../../kernel/http/versioning";
import { pageInHand } from "../../kernel/paging";
import type { Page } from "../../kernel/table/items";
import { visibleMemberStations } from "../../registry/member-stations";
import type { Station } from "../../registry/responses";
import { getStation, getStations, listStations } from "../../registry/store/stations";
import { quotaSettings } from "../quota/settings";
import {
  countyCoverage,
  quotaMoment,
  type StationQuotaView,
  stationCoverage,
  stationQuotaView,
} from "../quota/view";
import {
  countyQuotaQuery,
  planBody,
  planPath,
  stationQuotaPath,
  stationQuotaQuery,
} from "../quota-contracts";
import { quotaRowsOf, readQuotaRow, savePlan } from "../store/plans";

async function visibleStation(principal: Principal, stationId: string): Promise<Station> {
  assertCanSeeStation(principal, stationId, await visibleMemberStations(principal));
  return getStation(stationId);
}

/** The page of stations the caller may see: the county's for the county office, a handful for others. */
async function stationsPage(
  principal: Principal,
  page: { limit: number; cursor: string | undefined },
): Promise<Page<Station>> {
  if (principal.role === "admin") return listStations({}, page);
  const ids = principal.role === "staff" ? principal.stationIds : await visibleMemberStations(principal);
  return pageInHand(await getStations(ids), page);
}

const quotaColumns: CsvColumn[] = [
  { header: { "zh-CN": "编号", en: "ID" }, value: (q: StationQuotaView) => q.stationId },
  { header: { "zh-CN": "名称", en: "Name" }, value: (q: StationQuotaView) => q.stationName },
  { header: { "zh-CN": "片区", en: "Zone" }, value: (q: StationQuotaView) => q.zone },
  { header: { "zh-CN": "年度", en: "Year" }, value: (q: StationQuotaView) => q.year },
  {
    header: { "zh-CN": "协商议事（次）", en: "Consultations" },
    value: (q: StationQuotaView) => q.consultations.count,
  },
  {
    header: { "zh-CN": "协商议事应完成", en: "Consultations expected" },
    value: (q: StationQuotaView) => q.consultations.expected,
  },
  {
    header: { "zh-CN": "社情民意（条）", en: "Opinion items" },
    value: (q: StationQuotaView) => q.opinions.count,
  },
  {
    header: { "zh-CN": "社情民意应完成", en: "Opinions expected" },
    value: (q: StationQuotaView) => q.opinions.expected,
  },
  { header: { "zh-CN": "进度", en: "Status" }, value: (q: StationQuotaView) => q.statusLabel },
  { header: { "zh-CN": "尚差", en: "Missing" }, value: (q: StationQuotaView) => q.missing },
  {
    header: { "zh-CN": "全年预计（协商/社情民意）", en: "Forecast (consultations/opinions)" },
    value: (q: StationQuotaView) => `${q.consultations.forecast}/${q.opinions.forecast}`,
  },
];

const planOperations = [
  defineOperation({
    route: "PUT /stations/{stationId}/plans/{year}",
    allow: ["admin", "staff"],
    path: planPath,
    body: planBody,
    operationId: "saveStationPlan",
    ...(documented && {
      summary: "制定年度计划 · Save a station's plan for the year",
      description:
        "Four quarters, each with `consultations`, `opinions`, the other activities by type and notes (精心设计每一次的规定动作和自选动作). The quota's pace holds the station to its plan quarter by quarter; a plan whose year falls short of the targets is refused (400 `plan_below_target` on `quarters`). A first plan is sent without a version; a change sends `version` (or If-Match) from the last read, 409 otherwise.",
      tag: "quota",
      responses: [
        { status: 200, description: "The plan", schema: "StationPlan" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    async handle({ path, body, principal, request }) {
      assertCanChangeStation(principal, path.stationId);
      await getStation(path.stationId);
      const { version, ...plan } = body;
      const problems = planProblems(plan, quotaSettings(path.year).targets);
      if (problems.length > 0) throw new ValidationError(problems);
      const saved = await savePlan(
        path.stationId,
        path.year,
        plan,
        expectedVersion(request, version),
        clock().now(),
      );
      return ok(saved, versionTag(saved.version));
    },
  }),
  defineOperation({
    route: "GET /stations/{stationId}/plans/{year}",
    path: planPath,
    operationId: "getStationPlan",
    ...(documented && {
      summary: "年度计划 · Read a station's plan for the year",
      tag: "quota",
      responses: [{ status: 200, description: "The plan", schema: "StationPlan" }, ...commonErrors(404)],
    }),
    async handle({ path, principal }) {
      await visibleStation(principal, path.stationId);
      const { plan } = await readQuotaRow(path.stationId, path.year);
      if (!plan) throw new NotFoundError("plan", `${path.stationId}/${path.year}`);
      return ok(plan, versionTag(plan.version));
    },
  }),
];

const viewOperations = [
  defineOperation({
    route: "GET /stations/{stationId}/quota",
    path: stationQuotaPath,
    query: stationQuotaQuery,
    operationId: "getStationQuota",
    ...(documented && {
      summary: "工作站“4+X”完成情况 · A station's 4+X quota and pace",
      description:
        "Counts from the station's tally, the targets of the year (QUOTA_TARGETS), what is expected by now (by the plan when there is one), each target's status (met, on_pace, behind, at_risk) and forecast, the plan beside what was done, topics by category, and the station's members with no activity this year. `quarter`: as of the end of that quarter (or now, if it has not ended).",
      tag: "quota",
      responses: [
        { status: 200, description: "The station's quota", schema: "StationQuota" },
        ...commonErrors(400, 404),
      ],
    }),
    async handle({ path, query, principal, request }) {
      const station = await visibleStation(principal, path.stationId);
      const moment = quotaMoment(clock().now(), query.year, query.quarter);
      const row = await readQuotaRow(station.id, moment.year);
      const coverage = await stationCoverage(station.id, moment.year);
      return ok({ ...stationQuotaView(station, row, moment, request.language), coverage });
    },
  }),
  defineOperation({
    route: "GET /quota",
    query: countyQuotaQuery,
    operationId: "listQuota",
    ...(documented && {
      summary: "“4+X”完成情况一览 · The 4+X quota of every station",
      description:
        "One line per station the caller may see (the county office: every station, paged), as in GET /stations/{stationId}/quota. The first page of the county office's list adds `coverage`: members serving at no station, and members with no activity this year. CSV with `format=csv`.",
      tag: "quota",
      responses: [
        { status: 200, description: "A page of stations' quota", schema: "QuotaPage" },
        ...commonErrors(400),
      ],
    }),
    csv: { fileName: "quota", columns: quotaColumns },
    async handle({ query, principal, request }) {
      const moment = quotaMoment(clock().now(), query.year, query.quarter);
      const page = await stationsPage(principal, { limit: query.limit ?? 50, cursor: query.cursor });
      const rows = await quotaRowsOf(
        page.items.map((station) => station.id),
        moment.year,
      );
      const items = page.items.map((station) =>
        stationQuotaView(station, rows.get(station.id), moment, request.language),
      );
      const coverage =
        principal.role === "admin" && query.cursor === undefined
          ? { coverage: await countyCoverage(moment.year) }
          : {};
      return ok({ items, cursor: page.cursor, ...coverage });
    },
  }),
];

/** The quarterly check on demand has a function of its own (functions/quota-checks.ts). */
export const quotaOperations: readonly Operation[] = [...planOperations, ...viewOperations];
