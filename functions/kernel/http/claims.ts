/**
 * Token claim names. The API reads only `sub` (and checks `aud`/`client_id` and the token's use):
 * the role, stations and member live in the user record (decision 0024). The Cognito group and
 * custom attribute names remain because the stack's user pool keeps those attributes (Cognito
 * cannot remove them); nothing reads them any more.
 */
export const claimNames = {
  subject: "sub",
  groups: "cognito:groups",
  /** Comma-separated station ids a `staff` user may work on (a Cognito custom attribute). */
  stationIds: "custom:stationIds",
  /** The member record a `member` user is (a Cognito custom attribute). */
  memberId: "custom:memberId",
  name: "name",
} as const;

export const roles = ["admin", "staff", "member"] as const;
export type Role = (typeof roles)[number];
