/** Who serves where: assign a member to a station (idempotent PUT), remove them, list a station's members. */
import * as v from "valibot";
import { NotFoundError } from "../../domain/errors";
import type { Language } from "../../domain/registry/members";
import { listQuery } from "../../kernel/contracts";
import { type CsvColumn, countyTime, type Labels } from "../../kernel/http/csv";
import { commonErrors } from "../../kernel/http/error-responses";
import { created, defineOperation, documented, noContent, ok } from "../../kernel/http/operation";
import { assignmentInput, stationMemberPath, stationPath } from "../contracts";
import { memberAsSeenBy } from "../member-view";
import type { Assignment } from "../responses";
import { assignMember, listStationAssignments, unassignMember } from "../store/assignments";
import { actorOf } from "../store/history";
import { getMembers } from "../store/members";
import { getStation } from "../store/stations";
import { memberColumns } from "./member-columns";
import { readVisibleStation } from "./stations";

const basisLabels: Labels<Assignment["basis"]> = {
  nearby: { "zh-CN": "就近", en: "nearby" },
  choice: { "zh-CN": "自主", en: "own choice" },
  topic: { "zh-CN": "按议题", en: "by topic" },
};

const assignmentColumns: CsvColumn[] = [
  ...memberColumns.map(
    (column): CsvColumn => ({
      header: column.header,
      value: (a: Assignment, language: Language) =>
        a.member
          ? (column.value as (m: unknown, language: Language) => string)(a.member, language)
          : undefined,
    }),
  ),
  {
    header: { "zh-CN": "下沉方式", en: "Basis" },
    value: (a: Assignment, language: Language) => basisLabels[a.basis][language],
  },
  { header: { "zh-CN": "下沉时间", en: "Assigned at" }, value: (a: Assignment) => countyTime(a.assignedAt) },
];

export const assignmentOperations = [
  defineOperation({
    route: "GET /stations/{stationId}/members",
    path: stationPath,
    operationId: "listStationMembers",
    ...(documented && {
      summary: "工作站（室）的委员 · Members serving at a station",
      tag: "assignments",
      responses: [
        { status: 200, description: "A page of assignments", schema: "AssignmentPage" },
        ...commonErrors(400, 404),
      ],
    }),
    query: listQuery,
    csv: { fileName: "station-members", columns: assignmentColumns },
    async handle({ path, principal, query }) {
      const station = await readVisibleStation(principal, path.stationId);
      const page = await listStationAssignments(station.id, {
        limit: query.limit ?? 50,
        cursor: query.cursor,
      });
      const members = new Map((await getMembers(page.items.map((a) => a.memberId))).map((m) => [m.id, m]));
      return ok({
        items: page.items.map((a) => {
          const member = members.get(a.memberId);
          return { ...a, ...(member ? { member: memberAsSeenBy(principal, member) } : {}) };
        }),
        cursor: page.cursor,
      });
    },
  }),
  defineOperation({
    route: "PUT /stations/{stationId}/members/{memberId}",
    allow: ["admin"],
    path: stationMemberPath,
    operationId: "assignMember",
    ...(documented && {
      summary: "委员下沉到工作站（室） · Assign a member to a station",
      description:
        "The county office assigns directly; station staff invite instead (POST /stations/{stationId}/invitations). Idempotent: 201 when the member starts serving, 200 when they already did.",
      tag: "assignments",
      responses: [
        { status: 201, description: "Assigned", schema: "Assignment" },
        { status: 200, description: "Already assigned", schema: "Assignment" },
        ...commonErrors(400, 403, 404),
      ],
    }),
    body: v.optional(assignmentInput),
    async handle({ path, principal, body }) {
      const basis = body?.basis ?? "nearby";
      const result = await assignMember(path.stationId, path.memberId, basis, undefined, actorOf(principal));
      return result.created ? created(result.assignment) : ok(result.assignment);
    },
  }),
  defineOperation({
    route: "DELETE /stations/{stationId}/members/{memberId}",
    allow: ["admin", "member"],
    path: stationMemberPath,
    operationId: "unassignMember",
    ...(documented && {
      summary: "委员退出工作站（室） · Remove a member from a station",
      description:
        "The county office removes a member; a member may leave a station themself. Station staff do neither. The lead member cannot leave until another lead member is chosen (409).",
      tag: "assignments",
      responses: [{ status: 204, description: "Removed" }, ...commonErrors(403, 404, 409)],
    }),
    async handle({ path, principal }) {
      const stationId = path.stationId;
      // A member may only leave: anyone else's assignment does not exist for them.
      if (principal.role === "member" && principal.memberId !== path.memberId)
        throw new NotFoundError("assignment", `${stationId}/${path.memberId}`);
      // A member learns nothing of stations they do not serve at: only "not serving here".
      if (principal.role !== "member") await getStation(stationId);
      const event = principal.role === "member" ? "left" : "removed";
      await unassignMember(stationId, path.memberId, { event, actor: actorOf(principal) });
      return noContent();
    },
  }),
];
