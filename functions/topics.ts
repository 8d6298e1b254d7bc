/** Lambda entry: topics through the six-step loop, the delivery log, the holiday calendars. */
import { createApiHandler } from "./kernel/http/api-handler";
// The messages its operations can answer with, beyond the kernel's (kernel/http/messages.ts).
import "./activities/messages/records";
import "./registry/messages/fields";
import "./topics/messages/intake";
import "./topics/messages/topics";
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
