/** Lambda entry: topics through the six-step loop, the delivery log, the holiday calendars. */
import { createApiHandler } from "./api/dispatch";
import { calendarOperations } from "./api/operations/calendars";
import { notificationOperations } from "./api/operations/notifications";
import { topicOperations } from "./api/operations/topics";

export const handler = createApiHandler([
  ...topicOperations,
  ...notificationOperations,
  ...calendarOperations,
]);
