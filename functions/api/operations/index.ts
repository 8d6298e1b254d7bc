import { assignmentOperations } from "./assignments";
import { memberOperations } from "./members";
import { stationOperations } from "./stations";
import { suggestionOperations } from "./suggestions";

/** Everything the registry function serves. */
export const registryOperations = [
  ...stationOperations,
  ...memberOperations,
  ...assignmentOperations,
  ...suggestionOperations,
];
