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

/** Who the caller is here, as the API resolved them: what the console shows and offers. */
export const signedInView = v.object({
  subject: v.string(),
  name: v.optional(v.string()),
  role: v.picklist(userRoles),
  stationIds: v.array(id),
  memberId: v.optional(id),
});

export const userSchemas = {
  SignedIn: signedInView,
  User: userView,
  UserPage: pageOf(userView),
} as const;
