/**
 * The notices' work queue (GSI3, sparse): a notice waiting (queued, held), being sent or failed is
 * in it, under its state and when it is next due; a sent or folded one is not. Every write that
 * changes a notice's state moves it here too, so that the senders' sweeps and the county office's
 * list of what failed query those notices alone instead of scanning the table.
 */
import { noticeQueueKeys } from "../kernel/table/keys";
import type { NotificationRecord } from "./notifier";

type Placed = Pick<NotificationRecord, "id" | "status" | "createdAt" | "nextAttemptAt" | "leaseUntil">;

/** The queue attributes of a notice as it stands; undefined once it is done with (sent, folded). */
export function queuePlaceOf(notice: Placed): ReturnType<typeof noticeQueueKeys> | undefined {
  switch (notice.status) {
    case "queued":
    case "held":
      return noticeQueueKeys(notice.id, notice.status, notice.nextAttemptAt);
    case "sending":
      return noticeQueueKeys(notice.id, "sending", notice.leaseUntil);
    case "failed":
      return noticeQueueKeys(notice.id, "failed", notice.createdAt);
    default:
      return undefined;
  }
}

/** An UpdateExpression's part that moves the notice in the queue: SET its place, or REMOVE it. */
export function queueUpdate(notice: Placed): {
  readonly set: readonly string[];
  readonly remove: readonly string[];
  readonly values: Readonly<Record<string, string>>;
} {
  const place = queuePlaceOf(notice);
  if (!place) return { set: [], remove: ["GSI3PK", "GSI3SK"], values: {} };
  return {
    set: ["GSI3PK = :queuePk", "GSI3SK = :queueSk"],
    remove: [],
    values: { ":queuePk": place.GSI3PK, ":queueSk": place.GSI3SK },
  };
}
