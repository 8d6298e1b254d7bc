/** Response shapes of invitations (OpenAPI components). */
import * as z from "zod/mini";
import { invitationStatuses } from "../domain/invitations/invitations";
import { id, isoTimestamp, pageOf } from "../kernel/contracts";

const actor = z.object({
  subject: z.string(),
  name: z.optional(z.string()),
  role: z.enum(["admin", "staff", "member", "system"]),
});

export const invitation = z.object({
  id,
  stationId: id,
  stationName: z.string(),
  memberId: id,
  memberName: z.string(),
  topicId: z.optional(id),
  note: z.optional(z.string()),
  /** `expired` is read from `expiresAt`: a pending invitation past it can no longer be accepted. */
  status: z.enum(invitationStatuses),
  invitedBy: actor,
  createdAt: isoTimestamp,
  expiresAt: isoTimestamp,
  answeredAt: z.optional(isoTimestamp),
  answeredBy: z.optional(actor),
  /** The word given with the answer or the withdrawal. */
  answerNote: z.optional(z.string()),
});
export type Invitation = z.output<typeof invitation>;

export const invitationPage = pageOf(invitation);

export const invitationSchemas = {
  Invitation: invitation,
  InvitationPage: invitationPage,
} as const;
