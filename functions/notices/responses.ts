/** Response shapes of the delivery log (OpenAPI components). */
import * as v from "valibot";
import { deliveryStatuses } from "../domain/notices/delivery";
import { id, int, isoTimestamp, pageOf } from "../kernel/contracts";

export const notification = v.object({
  id,
  topicId: v.optional(id),
  recipient: v.object({ id: v.string(), name: v.string() }),
  channel: v.picklist(["email", "sms", "inbox", "chat"]),
  templateId: v.string(),
  language: v.picklist(["zh-CN", "en"]),
  subject: v.string(),
  text: v.string(),
  /** queued → sending → sent | held (quiet hours) | failed | folded (into a digest) */
  status: v.picklist(deliveryStatuses),
  createdAt: isoTimestamp,
  attempts: v.optional(int),
  /** A retry's or the end of quiet hours: not sent before. */
  nextAttemptAt: v.optional(isoTimestamp),
  sentAt: v.optional(isoTimestamp),
  failedAt: v.optional(isoTimestamp),
  providerMessageId: v.optional(v.string()),
  lastError: v.optional(v.string()),
  retryNote: v.optional(v.string()),
  /** Folded: the digest that carries it, and why (over the daily SMS cap, or the recipient's digest). */
  foldedInto: v.optional(id),
  foldReason: v.optional(v.picklist(["daily_cap", "digest"])),
  /** A digest: the county day it covers and the subjects folded into it. */
  digestDay: v.optional(v.string()),
  foldedSubjects: v.optional(v.array(v.string())),
});
export const notificationPage = pageOf(notification);

/** Named schemas of the delivery log (OpenAPI components). */
export const noticeSchemas = { Notification: notification, NotificationPage: notificationPage } as const;
