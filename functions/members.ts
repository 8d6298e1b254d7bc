/** Lambda entry: the register of members, the invitations they answer, the contacts directory, and the users who sign in. */
import { memberInvitationOperations } from "./invitations/member-operations";
import { createApiHandler } from "./kernel/http/api-handler";
// The messages its operations can answer with, beyond the kernel's (kernel/http/messages.ts).
import "./registry/messages/fields";
import "./registry/messages/registry";
import { contactOperations } from "./registry/operations/contacts";
import { memberOperations } from "./registry/operations/members";
import { userOperations } from "./users/operations";

export const handler = createApiHandler([
  ...memberOperations,
  ...memberInvitationOperations,
  ...contactOperations,
  ...userOperations,
]);
