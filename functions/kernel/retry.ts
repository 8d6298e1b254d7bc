/**
 * Optimistic concurrency: a change is computed from what was read and written on condition that
 * nothing changed meanwhile. When another writer got there first, the store throws StaleWriteError,
 * and the change is simply computed again from a fresh read.
 */
import { StaleWriteError } from "../domain/errors";

/**
 * Reads before each write, so a retry is the backoff: no sleep. Past this many, the item is too hot
 * to win and the caller is told so (409, which a client retries with the version it is shown).
 */
export const maxOptimisticAttempts = 8;

/** Runs `readAndWrite` until it lands, re-running it (re-reading) when it lost a race. */
export async function retryStaleWrites<T>(
  readAndWrite: () => Promise<T>,
  attempts = maxOptimisticAttempts,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readAndWrite();
    } catch (error) {
      if (!(error instanceof StaleWriteError) || attempt >= attempts) throw error;
    }
  }
}
