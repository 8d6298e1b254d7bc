/** Members: register (admin, staff), list and read, and change (admin, or staff for its members). */

import { assertCanChangeMember, assertCanSeeMember, requireWriter } from "../../domain/access";
import { commonErrors } from "../../kernel/http/error-responses";
import { created, defineOperation, ok, versionTag } from "../../kernel/http/operation";
import { expectedVersion } from "../../kernel/http/versioning";
import { memberCreate, memberListQuery, memberPatch, memberPath } from "../contracts";
import { stationIdsOfMember } from "../store/assignments";
import { createMember, getMember, listMembers, updateMember } from "../store/members";
import { memberColumns } from "./member-columns";

export const memberOperations = [
  defineOperation({
    route: "POST /members",
    idempotent: true,
    allow: ["admin", "staff"],
    operationId: "createMember",
    summary: "登记委员 · Register a member",
    description: "The mobile number is normalized to 11 digits and must be unique.",
    tag: "members",
    body: memberCreate,
    responses: [{ status: 201, description: "Created", schema: "Member" }, ...commonErrors(400, 403, 409)],
    async handle({ principal, body }) {
      requireWriter(principal);
      const result = await createMember(body);
      return created(result, { ...versionTag(result.version), location: `/members/${result.id}` });
    },
  }),
  defineOperation({
    route: "GET /members",
    operationId: "listMembers",
    summary: "委员列表 · List members",
    description: "Members see only their own record.",
    tag: "members",
    query: memberListQuery,
    csv: { fileName: "members", columns: memberColumns },
    responses: [
      { status: 200, description: "A page of members", schema: "MemberPage" },
      ...commonErrors(400),
    ],
    async handle({ principal, query }) {
      if (principal.role === "member") {
        const own = principal.memberId
          ? await getMember(principal.memberId).catch(() => undefined)
          : undefined;
        const items = own && (query.sector === undefined || own.sector === query.sector) ? [own] : [];
        return ok({ items, cursor: null });
      }
      return ok(
        await listMembers({ sector: query.sector }, { limit: query.limit ?? 50, cursor: query.cursor }),
      );
    },
  }),
  defineOperation({
    route: "GET /members/{memberId}",
    path: memberPath,
    operationId: "getMember",
    summary: "委员详情 · Read a member",
    tag: "members",
    responses: [{ status: 200, description: "The member", schema: "Member" }, ...commonErrors(404)],
    async handle({ path, principal }) {
      const memberId = path.memberId;
      assertCanSeeMember(principal, memberId);
      const result = await getMember(memberId);
      return ok(result, versionTag(result.version));
    },
  }),
  defineOperation({
    route: "PATCH /members/{memberId}",
    allow: ["admin", "staff"],
    path: memberPath,
    operationId: "updateMember",
    summary: "修改委员信息 · Change a member",
    description: "Staff may change members who serve at one of their stations (or at none yet).",
    tag: "members",
    body: memberPatch,
    responses: [
      { status: 200, description: "The changed member", schema: "Member" },
      ...commonErrors(400, 403, 404, 409),
    ],
    async handle({ path, request, principal, body }) {
      const memberId = path.memberId;
      requireWriter(principal);
      if (principal.role !== "admin") {
        await getMember(memberId);
        assertCanChangeMember(principal, await stationIdsOfMember(memberId));
      }
      const result = await updateMember(memberId, body, expectedVersion(request, body.version));
      return ok(result, versionTag(result.version));
    },
  }),
];
