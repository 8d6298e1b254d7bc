/** Stations and rooms: register (admin), list, read, and change (admin, or staff on its own). */

import {
  assertCanChangeStation,
  assertCanSeeStation,
  type Principal,
  requireAdmin,
} from "../../domain/access";
import { ForbiddenError } from "../../domain/errors";
import type { Language } from "../../domain/registry/members";
import { standardItems } from "../../domain/registry/stations";
import { type CsvColumn, type Labels, yesNo } from "../../kernel/http/csv";
import { commonErrors } from "../../kernel/http/error-responses";
import { created, defineOperation, documented, ok, versionTag } from "../../kernel/http/operation";
import { expectedVersion } from "../../kernel/http/versioning";
import { pageInHand } from "../../kernel/paging";
import { stationCreate, stationListQuery, stationPatch, stationPath } from "../contracts";
import { visibleMemberStations } from "../member-stations";
import type { Station } from "../responses";
import { stationDetailFor, stationShownTo } from "../station-view";
import {
  createStation,
  getStation,
  getStations,
  listStations,
  matchesFilters,
  updateStation,
} from "../store/stations";

export async function readVisibleStation(principal: Principal, stationId: string): Promise<Station> {
  assertCanSeeStation(principal, stationId, await visibleMemberStations(principal));
  return getStation(stationId);
}

const standardLabels: Record<(typeof standardItems)[number], string> = {
  venue: "有阵地",
  signage: "有标识",
  rules: "有制度",
  process: "有流程",
  activities: "有活动",
  results: "有实效",
};

const kindLabels: Labels<Station["kind"]> = {
  station: { "zh-CN": "委员工作站", en: "station" },
  room: { "zh-CN": "委员工作室", en: "room" },
};
const statusLabels: Labels<Station["status"]> = {
  preparing: { "zh-CN": "筹建中", en: "preparing" },
  active: { "zh-CN": "运行中", en: "active" },
  suspended: { "zh-CN": "暂停", en: "suspended" },
};
const met = (value: boolean, language: Language) => yesNo[value ? "yes" : "no"][language];

const stationColumns: CsvColumn[] = [
  { header: { "zh-CN": "编号", en: "ID" }, value: (s: Station) => s.id },
  {
    header: { "zh-CN": "类型", en: "Kind" },
    value: (s: Station, language: Language) => kindLabels[s.kind][language],
  },
  { header: { "zh-CN": "名称", en: "Name" }, value: (s: Station) => s.name },
  { header: { "zh-CN": "片区", en: "Zone" }, value: (s: Station) => s.zone },
  { header: { "zh-CN": "乡镇（社区）", en: "Township" }, value: (s: Station) => s.township },
  { header: { "zh-CN": "依托阵地", en: "Host venue" }, value: (s: Station) => s.hostVenue.name },
  { header: { "zh-CN": "联系县政协领导", en: "Liaison leader" }, value: (s: Station) => s.liaison.leader },
  { header: { "zh-CN": "联系专委会", en: "Special committee" }, value: (s: Station) => s.liaison.committee },
  {
    header: { "zh-CN": "状态", en: "Status" },
    value: (s: Station, language: Language) => statusLabels[s.status][language],
  },
  { header: { "zh-CN": "委员人数", en: "Members" }, value: (s: Station) => s.memberCount },
  ...standardItems.map(
    (item): CsvColumn => ({
      header: { "zh-CN": standardLabels[item], en: `Standard: ${item}` },
      value: (s: Station, language: Language) => met(s.standards[item].met, language),
    }),
  ),
  {
    header: { "zh-CN": "六有达标", en: "Meets standard" },
    value: (s: Station, language: Language) => met(s.meetsStandard, language),
  },
];

export const stationOperations = [
  defineOperation({
    route: "POST /stations",
    idempotent: true,
    allow: ["admin"],
    operationId: "createStation",
    ...(documented && {
      summary: "登记委员工作站（室） · Register a station or room",
      description:
        "`liaison` names the liaison leader and special committee, or references them in the contacts directory (`leaderContactId`: an active 联系领导, `committeeContactId`: an active 专委会), whose names then stand. `chatRobot` (WeCom or DingTalk webhook, optional secret) is stored and never shown: answers say `{platform, configured: true}`.",
      tag: "stations",
      responses: [{ status: 201, description: "Created", schema: "Station" }, ...commonErrors(400, 403, 409)],
    }),
    body: stationCreate,
    async handle({ principal, body }) {
      requireAdmin(principal);
      const result = await createStation(body);
      return created(result, { ...versionTag(result.version), location: `/stations/${result.id}` });
    },
  }),
  defineOperation({
    route: "GET /stations",
    operationId: "listStations",
    ...(documented && {
      summary: "工作站（室）列表 · List stations and rooms",
      description:
        "Admins see every station; staff see the stations in their token; members see where they serve.",
      tag: "stations",
      responses: [
        { status: 200, description: "A page of stations", schema: "StationPage" },
        ...commonErrors(400),
      ],
    }),
    query: stationListQuery,
    csv: { fileName: "stations", columns: stationColumns },
    async handle({ principal, query }) {
      const filters = { kind: query.kind, zone: query.zone, status: query.status };
      if (principal.role === "admin") {
        return ok(await listStations(filters, { limit: query.limit ?? 50, cursor: query.cursor }));
      }
      // Staff and members see a handful of stations: read together, paged in hand.
      const ids = principal.role === "staff" ? principal.stationIds : await visibleMemberStations(principal);
      const items = (await getStations(ids))
        .filter((s) => matchesFilters(s, filters))
        .map((s) => stationShownTo(principal, s));
      return ok(pageInHand(items, { limit: query.limit ?? 50, cursor: query.cursor }));
    },
  }),
  defineOperation({
    route: "GET /stations/{stationId}",
    path: stationPath,
    operationId: "getStation",
    ...(documented && {
      summary: "工作站（室）详情 · Read a station or room",
      tag: "stations",
      description:
        "`liaisonContacts`: the directory's records of the liaison leader and committee the station references (members see them with phone and e-mail masked). `chatRobot` says only the platform and that a robot is configured.",
      responses: [{ status: 200, description: "The station", schema: "StationDetail" }, ...commonErrors(404)],
    }),
    async handle({ path, principal }) {
      const result = await stationDetailFor(principal, await readVisibleStation(principal, path.stationId));
      return ok(result, versionTag(result.version));
    },
  }),
  defineOperation({
    route: "PATCH /stations/{stationId}",
    allow: ["admin", "staff"],
    path: stationPath,
    operationId: "updateStation",
    ...(documented && {
      summary: "修改工作站（室） · Change a station or room",
      description:
        "Send If-Match with the version from the last read (or `version` in the body); a stale version answers 409. `liaison` is replaced whole; its `leaderContactId` and `committeeContactId` must name an active 联系领导 and 专委会 of the contacts directory. `chatRobot` is the county office's to set (`null` removes it); its webhook and secret are never shown again.",
      tag: "stations",
      responses: [
        { status: 200, description: "The changed station", schema: "Station" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: stationPatch,
    async handle({ path, request, principal, body }) {
      const stationId = path.stationId;
      assertCanChangeStation(principal, stationId);
      if (body.chatRobot !== undefined && principal.role !== "admin")
        throw new ForbiddenError("chat_robot_admin_only");
      const result = await updateStation(stationId, body, expectedVersion(request, body.version));
      return ok(result, versionTag(result.version));
    },
  }),
];
