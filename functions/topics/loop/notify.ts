/**
 * Notices about a topic's step, from the loop. Recorded with the change that causes them (a step
 * entered, alarms counted as sent), in one transaction: the change and its notices land together.
 */
import type { NotificationRequest, PreparedNotice } from "../../notices/notifier";
import type { TopicServices } from "../services";
import { CompanionWriteRefused, type NewTopicEvent, type StoredTopic, saveTopic } from "../store/topics";

/** Which notice each refused write belongs to (each notice brings its own writes, in order). */
function noticesOfWrites(notices: readonly PreparedNotice[], positions: readonly number[]): Set<number> {
  const owner = notices.flatMap((notice, index) => notice.writes.map(() => index));
  return new Set(positions.map((position) => owner[position] ?? -1));
}

/**
 * Saves the topic's change with the notices it causes, in one request. A notice whose key was used
 * already is on record (an earlier run of the same task recorded it): the change is saved without it.
 * Optimistic like `saveTopic`: a stale read throws StaleWriteError, for the caller to read again.
 */
export async function saveWithNotices(
  services: TopicServices,
  change: {
    readonly current: StoredTopic;
    readonly next: (topic: StoredTopic) => StoredTopic;
    readonly events: readonly NewTopicEvent[];
    readonly now: Date;
    readonly bookkeeping: boolean;
  },
  notices: readonly NotificationRequest[],
): Promise<StoredTopic> {
  let pending = notices.map((request) => services.notifier.prepare(request));
  for (;;) {
    try {
      const saved = await saveTopic(change.current, change.next, change.events, change.now, {
        bookkeeping: change.bookkeeping,
        alsoWrite: pending.flatMap((notice) => notice.writes),
      });
      for (const notice of pending) await notice.committed();
      return saved;
    } catch (error) {
      if (!(error instanceof CompanionWriteRefused)) throw error;
      const refused = noticesOfWrites(pending, error.positions);
      if (refused.has(-1) || refused.size === 0) throw error;
      pending = pending.filter((_, index) => !refused.has(index));
    }
  }
}
