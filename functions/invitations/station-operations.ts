/**
 * Invitations over HTTP, the station's side (委员下沉 by invitation): its staff, or the county office,
 * invite a member to serve at the station or to take part in one of its topics, and list what the
 * station sent. Served by the `stations` function; the member's side is member-operations.ts, a
 * module of its own so that each function bundles only its own side.
 */
import { assertCanSeeStation } from "../domain/access";
import { commonErrors } from "../kernel/http/error-responses";
import { created, defineOperation, documented, ok } from "../kernel/http/operation";
import { defaultNotifier } from "../notices/recording-notifier";
import { stationPath } from "../registry/contracts";
import { getStation } from "../registry/store/stations";
import { invitationColumns } from "./columns";
import { invitationCreate, invitationListQuery } from "./contracts";
import { invite } from "./invite";
import { pageOptions } from "./page-options";
import { invitationPage } from "./store";

export const stationInvitationOperations = [
  defineOperation({
    route: "POST /stations/{stationId}/invitations",
    allow: ["admin", "staff"],
    path: stationPath,
    operationId: "inviteMember",
    ...(documented && {
      summary: "邀请委员下沉 · Invite a member to a station or one of its topics",
      description:
        "With `topicId`, the member is invited to that topic's activities only, not to serve at the station. 409 `already_serving` when the member serves there (or takes part in the topic) already, `invitation_pending` when an unexpired invitation waits. The member is notified. An invitation expires after INVITATION_DAYS days (default 14).",
      tag: "invitations",
      responses: [
        { status: 201, description: "Invited", schema: "Invitation" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: invitationCreate,
    async handle({ path, principal, body }) {
      return created(await invite(principal, path.stationId, body, defaultNotifier()));
    },
  }),
  defineOperation({
    route: "GET /stations/{stationId}/invitations",
    allow: ["admin", "staff"],
    path: stationPath,
    operationId: "listStationInvitations",
    ...(documented && {
      summary: "工作站（室）发出的邀请 · A station's invitations",
      description:
        "Newest first, a page at a time; `status` filters (a pending invitation past its expiry is `expired`). `?format=csv` for a spreadsheet.",
      tag: "invitations",
      responses: [
        { status: 200, description: "A page of invitations", schema: "InvitationPage" },
        ...commonErrors(400, 403, 404),
      ],
    }),
    query: invitationListQuery,
    csv: { fileName: "station-invitations", columns: invitationColumns },
    async handle({ path, principal, query }) {
      assertCanSeeStation(principal, path.stationId);
      await getStation(path.stationId);
      return ok(await invitationPage({ stationId: path.stationId }, pageOptions(query)));
    },
  }),
];
