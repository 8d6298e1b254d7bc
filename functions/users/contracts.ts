/** Request shapes of the users who may sign in (decision 0024), kept by the county office. */
import * as v from "valibot";
import { maxStationsPerUser, userRoles } from "../domain/users";
import { id, listOf, listQueryEntries, shortText, strictObject, version } from "../kernel/contracts";

/**
 * A token subject (`sub`) as identity providers write them: Cognito and Keycloak a UUID, others an
 * opaque id, some with `|` or `:` (`wecom|zhangsan`). No slashes or spaces, so it is one path segment.
 */
export const subject = /* @__PURE__ */ (() =>
  v.pipe(v.string(), v.regex(/^[\w.@|:+=-]{1,200}$/, "invalid_subject")))();

export const userPath = /* @__PURE__ */ (() => strictObject({ subject }))();

/** PUT /users/{subject}: the whole record, created or replaced. */
export const userPut = /* @__PURE__ */ (() =>
  strictObject({
    name: shortText(50),
    role: v.picklist(userRoles),
    /** Stations a staff user runs (staff: at least one; other roles: none). */
    stationIds: v.optional(listOf(id, maxStationsPerUser)),
    /** The member record a member user is (member: required). */
    memberId: v.optional(id),
    /** Default true. */
    active: v.optional(v.boolean()),
    version: v.optional(version),
  }))();
export type UserPut = v.InferOutput<typeof userPut>;

/** PATCH /users/{subject}: what changes; `null` clears memberId; `active: false` deactivates. */
export const userPatch = /* @__PURE__ */ (() =>
  strictObject({
    name: v.optional(shortText(50)),
    role: v.optional(v.picklist(userRoles)),
    stationIds: v.optional(listOf(id, maxStationsPerUser)),
    memberId: v.optional(v.nullable(id)),
    active: v.optional(v.boolean()),
    version: v.optional(version),
  }))();
export type UserPatch = v.InferOutput<typeof userPatch>;

const queryBoolean = /* @__PURE__ */ (() =>
  v.pipe(
    v.picklist(["true", "false"]),
    v.transform((text) => text === "true"),
  ))();

export const userListQuery = /* @__PURE__ */ (() =>
  strictObject({
    ...listQueryEntries,
    role: v.optional(v.picklist(userRoles)),
    active: v.optional(queryBoolean),
  }))();
