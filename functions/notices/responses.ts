/** Response shapes of the delivery log (OpenAPI components). */
import * as z from "zod/mini";
import { id, isoTimestamp, pageOf } from "../kernel/contracts";

export const notification = z.object({
  id,
  topicId: z.optional(id),
  recipient: z.object({ id: z.string(), name: z.string() }),
  channel: z.enum(["email", "sms", "inbox"]),
  templateId: z.string(),
  language: z.enum(["zh-CN", "en"]),
  subject: z.string(),
  text: z.string(),
  status: z.string(),
  createdAt: isoTimestamp,
});
export const notificationPage = pageOf(notification);

/** Named schemas of the delivery log (OpenAPI components). */
export const noticeSchemas = { NotificationPage: notificationPage } as const;
