/** Lambda entry: stations and rooms, who serves at them, member suggestions, and invitations sent. */
import { stationInvitationOperations } from "./invitations/station-operations";
import { createApiHandler } from "./kernel/http/api-handler";
// The messages its operations can answer with, beyond the kernel's (kernel/http/messages.ts).
import "./registry/messages/fields";
import "./registry/messages/registry";
import { assignmentOperations } from "./registry/operations/assignments";
import { stationOperations } from "./registry/operations/stations";
import { suggestionOperations } from "./registry/operations/suggestions";

export const handler = createApiHandler([
  ...stationOperations,
  ...assignmentOperations,
  ...suggestionOperations,
  ...stationInvitationOperations,
]);
