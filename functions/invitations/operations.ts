/**
 * Invitations over HTTP (委员下沉 by invitation): the station's staff invite a member to serve at the
 * station or to take part in one of its topics; the member accepts or declines; the staff withdraw.
 * The county office may do what the staff do, anywhere. Station routes are served by the `stations`
 * function, the member's and the invitation's own by `members`.
 */
import type * as v from "valibot";
import { assertCanSeeMember, assertCanSeeStation } from "../domain/access";
import { clock } from "../kernel/clock";
import { commonErrors } from "../kernel/http/error-responses";
import { created, defineOperation, ok } from "../kernel/http/operation";
import { defaultNotifier } from "../notices/recording-notifier";
import { memberPath, stationPath } from "../registry/contracts";
import { getMember } from "../registry/store/members";
import { getStation } from "../registry/store/stations";
import { invitationColumns } from "./columns";
import { invitationAnswer, invitationCreate, invitationListQuery, invitationPath } from "./contracts";
import { answer, invite, withdraw } from "./invite";
import { invitationPage } from "./store";

type ListQuery = v.InferOutput<typeof invitationListQuery>;

const pageOptions = (query: ListQuery) => ({
  limit: query.limit ?? 50,
  cursor: query.cursor,
  status: query.status,
  now: clock().now(),
});

export const stationInvitationOperations = [
  defineOperation({
    route: "POST /stations/{stationId}/invitations",
    allow: ["admin", "staff"],
    path: stationPath,
    operationId: "inviteMember",
    summary: "邀请委员下沉 · Invite a member to a station or one of its topics",
    description:
      "With `topicId`, the member is invited to that topic's activities only, not to serve at the station. 409 `already_serving` when the member serves there (or takes part in the topic) already, `invitation_pending` when an unexpired invitation waits. The member is notified. An invitation expires after INVITATION_DAYS days (default 14).",
    tag: "invitations",
    body: invitationCreate,
    responses: [
      { status: 201, description: "Invited", schema: "Invitation" },
      ...commonErrors(400, 403, 404, 409),
    ],
    async handle({ path, principal, body }) {
      return created(await invite(principal, path.stationId, body, defaultNotifier()));
    },
  }),
  defineOperation({
    route: "GET /stations/{stationId}/invitations",
    allow: ["admin", "staff"],
    path: stationPath,
    operationId: "listStationInvitations",
    summary: "工作站（室）发出的邀请 · A station's invitations",
    description:
      "Newest first, a page at a time; `status` filters (a pending invitation past its expiry is `expired`). `?format=csv` for a spreadsheet.",
    tag: "invitations",
    query: invitationListQuery,
    csv: { fileName: "station-invitations", columns: invitationColumns },
    responses: [
      { status: 200, description: "A page of invitations", schema: "InvitationPage" },
      ...commonErrors(400, 403, 404),
    ],
    async handle({ path, principal, query }) {
      assertCanSeeStation(principal, path.stationId);
      await getStation(path.stationId);
      return ok(await invitationPage({ stationId: path.stationId }, pageOptions(query)));
    },
  }),
];

const answerOperation = (reply: "accepted" | "declined") =>
  defineOperation({
    route:
      reply === "accepted"
        ? "POST /invitations/{invitationId}/accept"
        : "POST /invitations/{invitationId}/decline",
    allow: ["member"],
    path: invitationPath,
    operationId: reply === "accepted" ? "acceptInvitation" : "declineInvitation",
    summary: reply === "accepted" ? "接受邀请 · Accept an invitation" : "谢绝邀请 · Decline an invitation",
    description:
      reply === "accepted"
        ? "Only the invited member. A station invitation makes them serve there (basis `choice`); a topic invitation makes them a participant of the topic. 409 `invitation_closed` when it was answered, withdrawn or has expired."
        : "Only the invited member. 409 `invitation_closed` when it was answered, withdrawn or has expired.",
    tag: "invitations",
    responses: [
      { status: 200, description: "The answered invitation", schema: "Invitation" },
      ...commonErrors(400, 403, 404, 409),
    ],
    body: invitationAnswer,
    async handle({ path, principal, body }) {
      return ok(await answer(principal, path.invitationId, reply, body.note));
    },
  });

export const memberInvitationOperations = [
  defineOperation({
    route: "GET /members/{memberId}/invitations",
    allow: ["admin", "member"],
    path: memberPath,
    operationId: "listMemberInvitations",
    summary: "委员收到的邀请 · A member's invitations",
    description:
      "The county office, or the member themself. Newest first, a page at a time; `status` filters. `?format=csv` for a spreadsheet.",
    tag: "invitations",
    query: invitationListQuery,
    csv: { fileName: "member-invitations", columns: invitationColumns },
    responses: [
      { status: 200, description: "A page of invitations", schema: "InvitationPage" },
      ...commonErrors(400, 403, 404),
    ],
    async handle({ path, principal, query }) {
      assertCanSeeMember(principal, path.memberId);
      await getMember(path.memberId);
      return ok(await invitationPage({ memberId: path.memberId }, pageOptions(query)));
    },
  }),
  answerOperation("accepted"),
  answerOperation("declined"),
  defineOperation({
    route: "POST /invitations/{invitationId}/withdraw",
    allow: ["admin", "staff"],
    path: invitationPath,
    operationId: "withdrawInvitation",
    summary: "撤回邀请 · Withdraw an invitation",
    description:
      "The staff of the inviting station, or the county office. 409 `invitation_closed` when it was answered or has expired.",
    tag: "invitations",
    responses: [
      { status: 200, description: "The withdrawn invitation", schema: "Invitation" },
      ...commonErrors(400, 403, 404, 409),
    ],
    body: invitationAnswer,
    async handle({ path, principal, body }) {
      return ok(await withdraw(principal, path.invitationId, body.note));
    },
  }),
];
