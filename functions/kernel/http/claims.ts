/**
 * The token claims the API relies on. Cognito puts them in the ID token; the local runtime signs
 * the same claims with its own key. API Gateway's JWT authorizer passes them to the function as
 * strings — a list claim such as `cognito:groups` arrives as "[admin staff]".
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
