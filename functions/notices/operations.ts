/** The delivery log: what was sent to whom about a topic. */
import * as v from "valibot";
import { type Principal, requireAdmin } from "../domain/access";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors";
import { deliveryStatuses, failureText } from "../domain/notices/delivery";
import type { Language } from "../domain/registry/members";
import { maskContactsInText } from "../domain/registry/privacy";
import { endOfLocalDay, localTime } from "../domain/topics/calendar";
import { config } from "../kernel/config";
import { id, isoDate, listQueryEntries, longText, shortText, strictObject } from "../kernel/contracts";
import { commonErrors } from "../kernel/http/error-responses";
import { defineOperation, documented, ok } from "../kernel/http/operation";
import { pageInHand } from "../kernel/paging";
import { queuedNoticeStates } from "../kernel/table/keys";
import { notificationsInState, requeueFailedNotification } from "./delivery-store";
import { notificationColumns } from "./notification-columns";
import type { NotificationRecord } from "./notifier";
import { deliveryQueue } from "./queue";
import { findNotification, listNotifications } from "./store";

const notificationQuery = strictObject({
  ...listQueryEntries,
  topicId: v.optional(id),
  recipient: v.optional(shortText(200)),
  channel: v.optional(v.picklist(["email", "sms", "inbox", "chat"])),
  status: v.optional(v.picklist(deliveryStatuses)),
  /** Recorded on or after this county date, and on or before `to`. */
  from: v.optional(isoDate),
  to: v.optional(isoDate),
});

const notificationPath = strictObject({ notificationId: id });

/** Why the notice is sent again (a number corrected, say); the body may be `{}`. */
const retryBody = strictObject({ note: v.optional(longText(500)) });

/**
 * Ids of people who are not members carry their contact (`person:13800138000`); only an admin, who
 * filters by them, sees them whole.
 */
const masked = (recipientId: string) =>
  recipientId.replace(/(\d{3})\d{4}(\d{4})/g, "$1****$2").replace(/^(person:[^@]{0,2})[^@]*@/, "$1***@");

/** A provider's error may quote the number or address it refused (an SES sandbox rejection does). */
const maskedText = (text: string) =>
  text.replace(/(\d{3})\d{4}(\d{4})/g, "$1****$2").replace(/([\w.+-]{1,2})[\w.+-]*@/g, "$1***@");

const lastErrorShown = (lastError: string, admin: boolean, language: Language) => {
  const text = failureText(lastError, language);
  return admin ? text : maskedText(text);
};

/**
 * A notice as the delivery log shows it: no idempotency key, no claim, a failure of ours in the
 * reader's language, contacts masked but for an admin — in the recipient's id, and wherever a number
 * or address was written into a name and so into the notice's text (records from before names were
 * refused with one, decision 0016 addendum).
 */
function present(record: NotificationRecord, principal: Principal, language: Language) {
  const {
    idempotencyKey: _key,
    leaseUntil: _claim,
    variables: _params,
    countedOn: _counted,
    expiresAt: _expiry,
    recipient,
    ...shown
  } = record;
  if (principal.role === "admin")
    return {
      ...shown,
      ...(shown.lastError ? { lastError: lastErrorShown(shown.lastError, true, language) } : {}),
      recipient: { id: recipient.id, name: recipient.name },
    };
  return {
    ...shown,
    subject: maskContactsInText(shown.subject),
    text: maskContactsInText(shown.text),
    ...(shown.lastError ? { lastError: lastErrorShown(shown.lastError, false, language) } : {}),
    recipient: { id: masked(recipient.id), name: maskContactsInText(recipient.name) },
  };
}

/** A page of the log as the caller sees it. */
const presentPage = (
  found: { readonly items: readonly NotificationRecord[]; readonly cursor: string | null },
  principal: Principal,
  language: Language,
) => ({ items: found.items.map((record) => present(record, principal, language)), cursor: found.cursor });

/** The county dates `from`–`to` as the instants a notice's `createdAt` must fall within. */
function createdWithin(query: { readonly from?: string; readonly to?: string }) {
  if (query.from && query.to && query.from > query.to)
    throw new ValidationError([{ field: "from", code: "dates_reversed", message: "dates_reversed" }]);
  const { timeZone } = config();
  return {
    ...(query.from ? { createdFrom: localTime(query.from, 0, timeZone).toISOString() } : {}),
    ...(query.to ? { createdTo: endOfLocalDay(query.to, timeZone).toISOString() } : {}),
  };
}

/** Every notice in a state that is not final, on a channel (or any), created within the county dates. */
async function inStateWithin(
  status: Parameters<typeof notificationsInState>[0],
  channel: string | undefined,
  { createdFrom = "", createdTo = "\uffff" }: ReturnType<typeof createdWithin>,
) {
  return (await notificationsInState(status)).filter(
    (n) => (!channel || n.channel === channel) && n.createdAt >= createdFrom && n.createdAt <= createdTo,
  );
}

/** What the delivery log needs to know of the topics it is filtered by, given by the part that owns them. */
export interface NoticeSubjects {
  /** Throws NotFoundError when the caller may not read the topic, so its existence is not disclosed. */
  readonly assertCanReadTopic: (principal: Principal, topicId: string) => Promise<void>;
}

export const notificationOperations = (subjects: NoticeSubjects) => [
  defineOperation({
    route: "GET /notifications",
    csv: { fileName: "notifications", columns: notificationColumns },
    operationId: "listNotifications",
    ...(documented && {
      summary: "通知发送记录 · The delivery log, by topic and/or recipient",
      description:
        "Give topicId (anyone who may read the topic) or recipient (admin: e.g. member:<id>, county-office), or both; channel, status and the county dates from/to narrow the list. An admin may give status alone (failed, held, queued, sending): every such notice across topics, e.g. status=failed — what reached nobody.",
      tag: "notifications",
      responses: [
        { status: 200, description: "A page of notifications, oldest first", schema: "NotificationPage" },
        ...commonErrors(400, 403, 404),
      ],
    }),
    query: notificationQuery,
    async handle({ principal, query, request }) {
      const page = { limit: query.limit ?? 50, cursor: query.cursor };
      const within = createdWithin(query);
      const queued = queuedNoticeStates.find((state) => state === query.status);
      if (!query.topicId && !query.recipient && queued) {
        // The county office's list across topics: what failed, is held or waits.
        requireAdmin(principal);
        const found = pageInHand(await inStateWithin(queued, query.channel, within), page);
        return ok(presentPage(found, principal, request.language));
      }
      if (query.topicId) {
        await subjects.assertCanReadTopic(principal, query.topicId);
      } else if (query.recipient) {
        requireAdmin(principal);
      } else {
        // Sent and folded notices are many and kept for months: listed by topic or recipient only.
        const message = query.status ? "filter_required_for_status" : "filter_required";
        throw new ValidationError([
          { field: "topicId", code: "filter_required", message, params: { status: query.status ?? "" } },
        ]);
      }
      const found = await listNotifications(
        {
          ...(query.topicId ? { topicId: query.topicId } : {}),
          ...(query.recipient ? { recipientId: query.recipient } : {}),
          ...(query.channel ? { channel: query.channel } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...within,
        },
        page,
      );
      return ok(presentPage(found, principal, request.language));
    },
  }),
  defineOperation({
    route: "POST /notifications/{notificationId}/retry",
    allow: ["admin"],
    path: notificationPath,
    body: retryBody,
    operationId: "retryNotification",
    ...(documented && {
      summary: "重新发送 · Send a failed notice again",
      description:
        "The county office, once the cause is fixed (a number corrected, a template approved): the notice is queued again with its attempts counted afresh. 409 `notification_not_failed` unless it failed.",
      tag: "notifications",
      responses: [
        { status: 200, description: "The notice, queued again", schema: "Notification" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    async handle({ path, principal, body, request }) {
      const requeued = await requeueFailedNotification(path.notificationId, body.note);
      if (!requeued) {
        if (!(await findNotification(path.notificationId)))
          throw new NotFoundError("notification", path.notificationId);
        throw new ConflictError("notification_not_failed");
      }
      await deliveryQueue().enqueue(requeued.id);
      return ok(present(requeued, principal, request.language));
    },
  }),
];
