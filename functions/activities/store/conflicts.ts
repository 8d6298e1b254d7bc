/**
 * Writes that count touch one hot item, the station's tally of the year: concurrent transactions on
 * it clash (TransactionConflict), and nothing of a clashed transaction was written. Such a write is
 * tried again after a short random pause, a few times, before the caller is told to retry (429).
 */
import { ThrottledError } from "../../domain/errors";

export const maxConflictAttempts = 8;

export async function retryClashes<T>(write: () => Promise<T>, attempts = maxConflictAttempts): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof ThrottledError) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 5)));
    }
  }
}
