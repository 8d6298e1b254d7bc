/** Response shapes of the users who may sign in: OpenAPI components. */
import * as v from "valibot";
import { userRoles } from "../domain/users";
import { id, isoTimestamp, pageOf, version } from "../kernel/contracts";

export const userView = v.object({
  subject: v.string(),
  name: v.string(),
  role: v.picklist(userRoles),
  stationIds: v.array(id),
  memberId: v.optional(id),
  active: v.boolean(),
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});

export const userSchemas = {
  User: userView,
  UserPage: pageOf(userView),
} as const;
