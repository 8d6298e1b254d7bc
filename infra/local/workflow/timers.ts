/**
 * Timers for callback waits. A wait is given in simulated seconds; the clock's `realMs` turns it into
 * real milliseconds. Node's `setTimeout` fires at once for delays over 2^31-1 ms, so long waits are
 * chained below that limit, and no wait outlasts the package's own task timeout.
 */
import type { Clock } from "../../../functions/kernel/clock";

/** The longest delay Node's `setTimeout` honours (longer ones fire at once). */
export const maxTimerMs = 2 ** 31 - 1;

/** The `TimeoutSeconds` callback states get locally: the longest the package's own timer can wait. */
export const packageTimeoutSeconds = Math.floor(maxTimerMs / 1000);

/** A `setTimeout` for any delay: long delays are chained below Node's limit. Returns the cancel. */
export function longTimer(ms: number, fire: () => void): () => void {
  let handle: NodeJS.Timeout | undefined;
  const due = Date.now() + ms;
  const arm = () => {
    const left = due - Date.now();
    if (left <= 0) {
      handle = undefined;
      fire();
      return;
    }
    handle = setTimeout(arm, Math.min(left, maxTimerMs));
  };
  arm();
  return () => {
    if (handle) clearTimeout(handle);
    handle = undefined;
  };
}

/**
 * Fires after `seconds` on `clock` (in real time: the clock's `realMs`), at most the package's own
 * task timeout, so that this timer fires first and the state says States.Timeout. Returns the cancel.
 */
export function waitTimer(clock: Clock, seconds: number, fire: () => void): () => void {
  return longTimer(Math.min(clock.realMs(seconds), packageTimeoutSeconds * 1000), fire);
}
