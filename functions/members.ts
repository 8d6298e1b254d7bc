/** Lambda entry: the register of members, the invitations they answer, and the contacts directory. */
import { memberInvitationOperations } from "./invitations/operations";
import { createApiHandler } from "./kernel/http/api-handler";
import { contactOperations } from "./registry/operations/contacts";
import { memberOperations } from "./registry/operations/members";

export const handler = createApiHandler([
  ...memberOperations,
  ...memberInvitationOperations,
  ...contactOperations,
]);
