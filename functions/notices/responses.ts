/** Response shapes of the delivery log (OpenAPI components). */
import * as v from "valibot";
import { id, isoTimestamp, pageOf } from "../kernel/contracts";

export const notification = v.object({
  id,
  topicId: v.optional(id),
  recipient: v.object({ id: v.string(), name: v.string() }),
  channel: v.picklist(["email", "sms", "inbox"]),
  templateId: v.string(),
  language: v.picklist(["zh-CN", "en"]),
  subject: v.string(),
  text: v.string(),
  status: v.string(),
  createdAt: isoTimestamp,
});
export const notificationPage = pageOf(notification);

/** Named schemas of the delivery log (OpenAPI components). */
export const noticeSchemas = { NotificationPage: notificationPage } as const;
