/** Request shapes for invitations (validated at runtime). */
import * as z from "zod/mini";
import { invitationStatuses } from "../domain/invitations/invitations";
import { id, listQuery, longText } from "../kernel/contracts";

export const invitationCreate = z.strictObject({
  memberId: id,
  /** A word from the station to the member, sent with the notice. */
  note: z.optional(longText(500)),
  /** Invited to this topic's activities only, not to serve at the station. */
  topicId: z.optional(id),
});
export type InvitationCreate = z.output<typeof invitationCreate>;

export const invitationListQuery = z.strictObject({
  ...listQuery.shape,
  status: z.optional(z.enum(invitationStatuses)),
});

export const invitationPath = z.strictObject({ invitationId: id });

/** An answer or a withdrawal may carry a word (a reason for declining, say); the body may be `{}`. */
export const invitationAnswer = z.strictObject({ note: z.optional(longText(500)) });
