/** Response shapes of invitations (OpenAPI components). */
import * as v from "valibot";
import { invitationStatuses } from "../domain/invitations/invitations";
import { id, isoTimestamp, pageOf } from "../kernel/contracts";

const actor = v.object({
  subject: v.string(),
  name: v.optional(v.string()),
  role: v.picklist(["admin", "staff", "member", "system"]),
});

export const invitation = v.object({
  id,
  stationId: id,
  stationName: v.string(),
  memberId: id,
  memberName: v.string(),
  topicId: v.optional(id),
  /** The title of the topic invited to, as it was when invited. */
  topicTitle: v.optional(v.string()),
  note: v.optional(v.string()),
  /** `expired` is read from `expiresAt`: a pending invitation past it can no longer be accepted. */
  status: v.picklist(invitationStatuses),
  invitedBy: actor,
  createdAt: isoTimestamp,
  expiresAt: isoTimestamp,
  answeredAt: v.optional(isoTimestamp),
  answeredBy: v.optional(actor),
  /** The word given with the answer or the withdrawal. */
  answerNote: v.optional(v.string()),
});
export type Invitation = v.InferOutput<typeof invitation>;

export const invitationPage = pageOf(invitation);

export const invitationSchemas = {
  Invitation: invitation,
  InvitationPage: invitationPage,
} as const;
