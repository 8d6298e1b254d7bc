/**
 * The users who may sign in (decision 0024): who they are here (role, stations, member record),
 * kept by the county office. Personal data: only admins see or change them.
 */
import { commonErrors } from "../kernel/http/error-responses";
import { created, defineOperation, documented, ok, versionTag } from "../kernel/http/operation";
import { expectedVersion } from "../kernel/http/versioning";
import { userListQuery, userPatch, userPath, userPut } from "./contracts";
import { getUser, listUsers, replaceUser, updateUser } from "./store";

const tag = "users";
const subjectNote =
  "`subject` is the token's `sub` as the identity provider (Cognito or the county's OIDC provider) writes it.";

export const userOperations = [
  defineOperation({
    route: "GET /me",
    allow: ["admin", "staff", "member"],
    operationId: "getSignedIn",
    ...(documented && {
      summary: "当前登录用户 · Who I am here",
      description:
        "The caller as the API resolved them from the token's subject and their user record: role, stations, member record. The token itself carries none of these (decision 0024).",
      tag,
      responses: [{ status: 200, description: "The caller", schema: "SignedIn" }, ...commonErrors(401, 403)],
    }),
    async handle({ principal }) {
      const { subject, name, role, stationIds, memberId } = principal;
      return ok({
        subject,
        ...(name ? { name } : {}),
        role,
        stationIds: [...stationIds],
        ...(memberId ? { memberId } : {}),
      });
    },
  }),
  defineOperation({
    route: "GET /users",
    allow: ["admin"],
    operationId: "listUsers",
    ...(documented && {
      summary: "登录用户 · List the users who may sign in (county office)",
      description: "Filter by `role` and `active`.",
      tag,
      responses: [
        { status: 200, description: "A page of users", schema: "UserPage" },
        ...commonErrors(400, 403),
      ],
    }),
    query: userListQuery,
    async handle({ query }) {
      const page = await listUsers(
        { role: query.role, active: query.active },
        { limit: query.limit ?? 50, cursor: query.cursor },
      );
      return ok(page);
    },
  }),
  defineOperation({
    route: "GET /users/{subject}",
    allow: ["admin"],
    path: userPath,
    operationId: "getUser",
    ...(documented && {
      summary: "登录用户详情 · Read a user (county office)",
      description: subjectNote,
      tag,
      responses: [{ status: 200, description: "The user", schema: "User" }, ...commonErrors(403, 404)],
    }),
    async handle({ path }) {
      const user = await getUser(path.subject);
      return ok(user, versionTag(user.version));
    },
  }),
  defineOperation({
    route: "PUT /users/{subject}",
    allow: ["admin"],
    path: userPath,
    operationId: "putUser",
    ...(documented && {
      summary: "开通或重设登录用户 · Create or replace a user (county office)",
      description: `${subjectNote} A staff user needs \`stationIds\` (at least one); a member user its \`memberId\`; other roles have no stations. Answers 201 when the user is new. A change takes effect within a minute, without a new token. With \`If-None-Match: *\` it only creates: 409 \`user_exists\` when the subject can sign in already.`,
      tag,
      responses: [
        { status: 200, description: "The replaced user", schema: "User" },
        { status: 201, description: "The new user", schema: "User" },
        ...commonErrors(400, 403, 409),
      ],
    }),
    body: userPut,
    async handle({ path, request, body }) {
      const onlyIfNew = request.headers["if-none-match"]?.trim() === "*";
      const outcome = await replaceUser(path.subject, body, expectedVersion(request, body.version), {
        onlyIfNew,
      });
      const headers = versionTag(outcome.user.version);
      if (!outcome.created) return ok(outcome.user, headers);
      return created(outcome.user, { ...headers, location: `/users/${encodeURIComponent(path.subject)}` });
    },
  }),
  defineOperation({
    route: "PATCH /users/{subject}",
    allow: ["admin"],
    path: userPath,
    operationId: "updateUser",
    ...(documented && {
      summary: "修改登录用户 · Change a user's role, stations or status (county office)",
      description:
        "Send If-Match with the version from the last read (or `version` in the body); a stale version answers 409. `active: false` deactivates the user: their requests are refused (403) within a minute. `memberId: null` clears it.",
      tag,
      responses: [
        { status: 200, description: "The changed user", schema: "User" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: userPatch,
    async handle({ path, request, body }) {
      const user = await updateUser(path.subject, body, expectedVersion(request, body.version));
      return ok(user, versionTag(user.version));
    },
  }),
];
