/**
 * The HTTP routes, in API Gateway's own notation. The CDK stack creates exactly these routes, the
 * local gateway matches requests against them, and each API function dispatches on their route key.
 * This module has no imports so that infrastructure code can read it without pulling in handlers.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The Lambda function that serves a route: one per bounded part of the API (see docs/decisions). */
export type ApiFunctionName = "meta" | "stations" | "members" | "topics" | "activities" | "quota-checks";

export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly function: ApiFunctionName;
  /** `public` routes skip the JWT authorizer; every other route requires a valid token. */
  readonly auth: "public" | "jwt";
}

export const routes = [
  { method: "GET", path: "/health", auth: "public", function: "meta" },
  { method: "GET", path: "/openapi.json", auth: "public", function: "meta" },
  { method: "POST", path: "/stations", auth: "jwt", function: "stations" },
  { method: "GET", path: "/stations", auth: "jwt", function: "stations" },
  { method: "GET", path: "/stations/{stationId}", auth: "jwt", function: "stations" },
  { method: "PATCH", path: "/stations/{stationId}", auth: "jwt", function: "stations" },
  { method: "GET", path: "/stations/{stationId}/members", auth: "jwt", function: "stations" },
  { method: "PUT", path: "/stations/{stationId}/members/{memberId}", auth: "jwt", function: "stations" },
  { method: "DELETE", path: "/stations/{stationId}/members/{memberId}", auth: "jwt", function: "stations" },
  { method: "GET", path: "/stations/{stationId}/member-suggestions", auth: "jwt", function: "stations" },
  { method: "POST", path: "/stations/{stationId}/invitations", auth: "jwt", function: "stations" },
  { method: "GET", path: "/stations/{stationId}/invitations", auth: "jwt", function: "stations" },
  { method: "POST", path: "/members", auth: "jwt", function: "members" },
  { method: "GET", path: "/members", auth: "jwt", function: "members" },
  { method: "GET", path: "/members/{memberId}", auth: "jwt", function: "members" },
  { method: "PATCH", path: "/members/{memberId}", auth: "jwt", function: "members" },
  { method: "GET", path: "/members/{memberId}/history", auth: "jwt", function: "members" },
  { method: "GET", path: "/members/{memberId}/invitations", auth: "jwt", function: "members" },
  { method: "POST", path: "/contacts", auth: "jwt", function: "members" },
  { method: "GET", path: "/contacts", auth: "jwt", function: "members" },
  { method: "GET", path: "/contacts/{contactId}", auth: "jwt", function: "members" },
  { method: "PATCH", path: "/contacts/{contactId}", auth: "jwt", function: "members" },
  { method: "POST", path: "/invitations/{invitationId}/accept", auth: "jwt", function: "members" },
  { method: "POST", path: "/invitations/{invitationId}/decline", auth: "jwt", function: "members" },
  { method: "POST", path: "/invitations/{invitationId}/withdraw", auth: "jwt", function: "members" },
  // Users who may sign in (decision 0024), kept by the county office.
  { method: "GET", path: "/me", auth: "jwt", function: "members" },
  { method: "GET", path: "/users", auth: "jwt", function: "members" },
  { method: "GET", path: "/users/{subject}", auth: "jwt", function: "members" },
  { method: "PUT", path: "/users/{subject}", auth: "jwt", function: "members" },
  { method: "PATCH", path: "/users/{subject}", auth: "jwt", function: "members" },
  { method: "POST", path: "/topics", auth: "jwt", function: "topics" },
  { method: "GET", path: "/topics", auth: "jwt", function: "topics" },
  { method: "GET", path: "/topics/{topicId}", auth: "jwt", function: "topics" },
  { method: "POST", path: "/topics/{topicId}/steps/{step}/complete", auth: "jwt", function: "topics" },
  { method: "POST", path: "/topics/{topicId}/return", auth: "jwt", function: "topics" },
  { method: "POST", path: "/topics/{topicId}/reject", auth: "jwt", function: "topics" },
  { method: "PATCH", path: "/topics/{topicId}/deadline", auth: "jwt", function: "topics" },
  // Re-drive a stranded topic's loop (decision 0026).
  { method: "POST", path: "/topics/{topicId}/redrive", auth: "jwt", function: "topics" },
  { method: "GET", path: "/notifications", auth: "jwt", function: "topics" },
  { method: "POST", path: "/notifications/{notificationId}/retry", auth: "jwt", function: "topics" },
  { method: "GET", path: "/holiday-calendars", auth: "jwt", function: "topics" },
  { method: "PUT", path: "/holiday-calendars/{year}", auth: "jwt", function: "topics" },
  // —— activities and the duty roster (issue #12) ——
  { method: "POST", path: "/stations/{stationId}/activities", auth: "jwt", function: "activities" },
  { method: "GET", path: "/stations/{stationId}/activities", auth: "jwt", function: "activities" },
  { method: "GET", path: "/activities/{activityId}", auth: "jwt", function: "activities" },
  { method: "PATCH", path: "/activities/{activityId}", auth: "jwt", function: "activities" },
  { method: "DELETE", path: "/activities/{activityId}", auth: "jwt", function: "activities" },
  { method: "GET", path: "/activities/{activityId}/history", auth: "jwt", function: "activities" },
  { method: "GET", path: "/members/{memberId}/attendance", auth: "jwt", function: "activities" },
  { method: "POST", path: "/stations/{stationId}/duty-shifts", auth: "jwt", function: "activities" },
  { method: "GET", path: "/stations/{stationId}/duty-shifts", auth: "jwt", function: "activities" },
  { method: "DELETE", path: "/duty-shifts/{shiftId}", auth: "jwt", function: "activities" },
  { method: "POST", path: "/duty-shifts/{shiftId}/check-in", auth: "jwt", function: "activities" },
  // —— end of activities and the duty roster ——
  // Topic categories (issue #12)
  { method: "GET", path: "/topic-categories", auth: "jwt", function: "topics" },
  { method: "PATCH", path: "/topics/{topicId}", auth: "jwt", function: "topics" },
  // 社情民意 items (issue #12, the activities part)
  { method: "POST", path: "/stations/{stationId}/opinions", auth: "jwt", function: "activities" },
  { method: "GET", path: "/stations/{stationId}/opinions", auth: "jwt", function: "activities" },
  { method: "GET", path: "/opinions/{opinionId}", auth: "jwt", function: "activities" },
  { method: "POST", path: "/opinions/{opinionId}/report", auth: "jwt", function: "activities" },
  { method: "POST", path: "/opinions/{opinionId}/adopt", auth: "jwt", function: "activities" },
  { method: "POST", path: "/opinions/{opinionId}/decline", auth: "jwt", function: "activities" },
  { method: "POST", path: "/opinions/{opinionId}/promote", auth: "jwt", function: "activities" },
  // The year's plan, the quota and the quarterly check (decision 0022).
  { method: "PUT", path: "/stations/{stationId}/plans/{year}", auth: "jwt", function: "activities" },
  { method: "GET", path: "/stations/{stationId}/plans/{year}", auth: "jwt", function: "activities" },
  { method: "GET", path: "/stations/{stationId}/quota", auth: "jwt", function: "activities" },
  { method: "GET", path: "/quota", auth: "jwt", function: "activities" },
  // 量化考评 (decision 0027).
  { method: "GET", path: "/evaluations", auth: "jwt", function: "activities" },
  { method: "POST", path: "/quota-checks", auth: "jwt", function: "quota-checks" },
  { method: "GET", path: "/quota-checks", auth: "jwt", function: "quota-checks" },
  { method: "GET", path: "/quota-checks/{checkId}", auth: "jwt", function: "quota-checks" },
] as const satisfies readonly RouteDefinition[];

export type RouteKey = `${(typeof routes)[number]["method"]} ${(typeof routes)[number]["path"]}`;

export function routeKeyOf(route: RouteDefinition): string {
  return `${route.method} ${route.path}`;
}
