/** Lambda entry: the register of members, and the invitations they answer. */
import { memberInvitationOperations } from "./invitations/operations";
import { createApiHandler } from "./kernel/http/api-handler";
import { memberOperations } from "./registry/operations/members";

export const handler = createApiHandler([...memberOperations, ...memberInvitationOperations]);
