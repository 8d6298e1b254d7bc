/**
 * Invitations over HTTP, the member's side: the member lists and accepts or declines what they were
 * sent; the staff (or the county office) withdraw one. Served by the `members` function; the
 * station's side is station-operations.ts, a module of its own so that each function bundles only
 * its own side.
 */
import { assertCanSeeMember } from "../domain/access";
import { commonErrors } from "../kernel/http/error-responses";
import { defineOperation, documented, ok } from "../kernel/http/operation";
import { memberPath } from "../registry/contracts";
import { getMember } from "../registry/store/members";
import { invitationColumns } from "./columns";
import { invitationAnswer, invitationListQuery, invitationPath } from "./contracts";
import { answer, withdraw } from "./invite";
import { pageOptions } from "./page-options";
import { invitationPage } from "./store";

const answerOperation = (reply: "accepted" | "declined") =>
  defineOperation({
    route:
      reply === "accepted"
        ? "POST /invitations/{invitationId}/accept"
        : "POST /invitations/{invitationId}/decline",
    allow: ["member"],
    path: invitationPath,
    operationId: reply === "accepted" ? "acceptInvitation" : "declineInvitation",
    ...(documented && {
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
    }),
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
    ...(documented && {
      summary: "委员收到的邀请 · A member's invitations",
      description:
        "The county office, or the member themself. Newest first, a page at a time; `status` filters. `?format=csv` for a spreadsheet.",
      tag: "invitations",
      responses: [
        { status: 200, description: "A page of invitations", schema: "InvitationPage" },
        ...commonErrors(400, 403, 404),
      ],
    }),
    query: invitationListQuery,
    csv: { fileName: "member-invitations", columns: invitationColumns },
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
    ...(documented && {
      summary: "撤回邀请 · Withdraw an invitation",
      description:
        "The staff of the inviting station, or the county office. 409 `invitation_closed` when it was answered or has expired.",
      tag: "invitations",
      responses: [
        { status: 200, description: "The withdrawn invitation", schema: "Invitation" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: invitationAnswer,
    async handle({ path, principal, body }) {
      return ok(await withdraw(principal, path.invitationId, body.note));
    },
  }),
];
