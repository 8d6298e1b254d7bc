/** Lambda entry: topics through the six-step loop, the delivery log, the holiday calendars. */
import { createApiHandler } from "./kernel/http/api-handler";
import { notificationOperations } from "./notices/operations";
import { calendarOperations } from "./topics/operations/calendars";
import { topicCategoryOperations } from "./topics/operations/categories";
import { topicOperations } from "./topics/operations/topics";
import { noticeSubjects } from "./topics/visibility";

export const handler = createApiHandler([
  ...topicOperations,
  ...notificationOperations(noticeSubjects),
  ...calendarOperations,
  ...topicCategoryOperations,
]);
