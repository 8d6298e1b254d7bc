/** Request shapes for invitations (validated at runtime). */
import * as v from "valibot";
import { invitationStatuses } from "../domain/invitations/invitations";
import { id, listQueryEntries, longText, strictObject } from "../kernel/contracts";

export const invitationCreate = /* @__PURE__ */ (() =>
  strictObject({
    memberId: id,
    /** A word from the station to the member, sent with the notice. */
    note: v.optional(longText(500)),
    /** Invited to this topic's activities only, not to serve at the station. */
    topicId: v.optional(id),
  }))();
export type InvitationCreate = v.InferOutput<typeof invitationCreate>;

export const invitationListQuery = /* @__PURE__ */ (() =>
  strictObject({
    ...listQueryEntries,
    status: v.optional(v.picklist(invitationStatuses)),
  }))();

export const invitationPath = /* @__PURE__ */ (() => strictObject({ invitationId: id }))();

/** An answer or a withdrawal may carry a word (a reason for declining, say); the body may be `{}`. */
export const invitationAnswer = /* @__PURE__ */ (() => strictObject({ note: v.optional(longText(500)) }))();
