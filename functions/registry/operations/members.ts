/**
 * Members (政协委员), the county's roster: registered and changed by the county office; a member keeps
 * their own contacts and preferences; everyone else sees contacts only where they need them.
 */
import { assertCanSeeMember } from "../../domain/access";
import { ForbiddenError } from "../../domain/errors";
import { maySeeMemberContacts } from "../../domain/registry/privacy";
import { commonErrors } from "../../kernel/http/error-responses";
import { created, defineOperation, documented, ok, versionTag } from "../../kernel/http/operation";
import { expectedVersion } from "../../kernel/http/versioning";
import { memberCreate, memberListQuery, memberPatch, memberPath, ownContactFields } from "../contracts";
import { historyOf, stationsServedBy } from "../member-record";
import { memberAsSeenBy } from "../member-view";
import { createMember, getMember, listMembers, updateMember } from "../store/members";
import { memberColumns } from "./member-columns";

export const memberOperations = [
  defineOperation({
    route: "POST /members",
    idempotent: true,
    allow: ["admin"],
    operationId: "createMember",
    ...(documented && {
      summary: "登记委员 · Register a member (county office)",
      description:
        "Members are the county's roster: the county office registers them. The mobile number is normalized to 11 digits and must be unique.",
      tag: "members",
      responses: [{ status: 201, description: "Created", schema: "Member" }, ...commonErrors(400, 403, 409)],
    }),
    body: memberCreate,
    async handle({ principal, body }) {
      const result = await createMember(body);
      return created(memberAsSeenBy(principal, result), {
        ...versionTag(result.version),
        location: `/members/${result.id}`,
      });
    },
  }),
  defineOperation({
    route: "GET /members",
    operationId: "listMembers",
    ...(documented && {
      summary: "委员列表 · List members",
      description: "Members see only their own record.",
      tag: "members",
      responses: [
        { status: 200, description: "A page of members", schema: "MemberPage" },
        ...commonErrors(400),
      ],
    }),
    query: memberListQuery,
    csv: { fileName: "members", columns: memberColumns },
    async handle({ principal, query }) {
      if (principal.role === "member") {
        const own = principal.memberId
          ? await getMember(principal.memberId).catch(() => undefined)
          : undefined;
        const items = own && (query.sector === undefined || own.sector === query.sector) ? [own] : [];
        return ok({ items: items.map((m) => memberAsSeenBy(principal, m)), cursor: null });
      }
      const page = await listMembers(
        { sector: query.sector },
        { limit: query.limit ?? 50, cursor: query.cursor },
      );
      return ok({ items: page.items.map((m) => memberAsSeenBy(principal, m)), cursor: page.cursor });
    },
  }),
  defineOperation({
    route: "GET /members/{memberId}",
    path: memberPath,
    operationId: "getMember",
    ...(documented && {
      summary: "委员详情 · Read a member",
      tag: "members",
      description:
        "`stations` (where the member serves, how and since when) is shown to the county office, the member and the staff of a station where they serve.",
      responses: [{ status: 200, description: "The member", schema: "MemberDetail" }, ...commonErrors(404)],
    }),
    async handle({ path, principal }) {
      const memberId = path.memberId;
      assertCanSeeMember(principal, memberId);
      const result = await getMember(memberId);
      const view = memberAsSeenBy(principal, result);
      const detail = maySeeMemberContacts(principal, result)
        ? { ...view, stations: await stationsServedBy(memberId) }
        : view;
      return ok(detail, versionTag(result.version));
    },
  }),
  defineOperation({
    route: "GET /members/{memberId}/history",
    path: memberPath,
    operationId: "getMemberHistory",
    ...(documented && {
      summary: "委员下沉记录 · A member's assignment history",
      description:
        "Every change of where the member serves (assigned, invited, accepted, declined, withdrawn, left, removed), oldest first, with who made it. Visible to the county office, the member and the staff of a station where they serve.",
      tag: "members",
      responses: [{ status: 200, description: "The history", schema: "MemberHistory" }, ...commonErrors(404)],
    }),
    async handle({ path, principal }) {
      return ok({ items: await historyOf(principal, path.memberId) });
    },
  }),
  defineOperation({
    route: "PATCH /members/{memberId}",
    allow: ["admin", "member"],
    path: memberPath,
    operationId: "updateMember",
    ...(documented && {
      summary: "修改委员信息 · Change a member",
      description:
        "The county office changes any field; a member changes their own contacts and preferences (phone, email, preferences) only. Station staff never change a member record.",
      tag: "members",
      responses: [
        { status: 200, description: "The changed member", schema: "Member" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: memberPatch,
    async handle({ path, request, principal, body }) {
      if (principal.role === "member") {
        assertCanSeeMember(principal, path.memberId);
        const others = Object.keys(body).filter(
          (field) => !(ownContactFields as readonly string[]).includes(field),
        );
        if (others.length) throw new ForbiddenError("own_contacts_only");
      }
      const result = await updateMember(path.memberId, body, expectedVersion(request, body.version));
      return ok(memberAsSeenBy(principal, result), versionTag(result.version));
    },
  }),
];
