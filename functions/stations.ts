/** Lambda entry: stations and rooms, who serves at them, and member suggestions. */
import { createApiHandler } from "./api/dispatch";
import { assignmentOperations } from "./api/operations/assignments";
import { stationOperations } from "./api/operations/stations";
import { suggestionOperations } from "./api/operations/suggestions";

export const handler = createApiHandler([
  ...stationOperations,
  ...assignmentOperations,
  ...suggestionOperations,
]);
