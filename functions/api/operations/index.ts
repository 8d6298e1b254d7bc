/**
 * Every documented operation (for the OpenAPI document). The Lambda entries import only their own
 * operation modules: an operation list is a module-level value, so importing this file would bundle all.
 */
import { assignmentOperations } from "./assignments";
import { calendarOperations } from "./calendars";
import { memberOperations } from "./members";
import { notificationOperations } from "./notifications";
import { stationOperations } from "./stations";
import { suggestionOperations } from "./suggestions";
import { topicOperations } from "./topics";

export const registryOperations = [
  ...stationOperations,
  ...assignmentOperations,
  ...suggestionOperations,
  ...memberOperations,
  ...topicOperations,
  ...notificationOperations,
  ...calendarOperations,
];
