/**
 * The local sender's queue: in-process, fed by the notifier as each notice is committed, and by a
 * sweep of the table — at start (what a killed run left queued or half-sent is found and sent) and
 * every few seconds (retries and quiet hours that have run out). On AWS an SQS queue takes its place.
 */
export interface LocalDeliveryOptions {
  /** Delivers one notice (the sender); its errors are logged and the sweep tries again. */
  readonly deliver: (id: string) => Promise<unknown>;
  /** Ids of notices due now (the sweep). */
  readonly dueIds: () => Promise<string[]>;
  /** Real milliseconds between sweeps. */
  readonly sweepEveryMs: number;
  /** At most this many notices in flight. */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

export interface LocalDelivery {
  enqueue(id: string): Promise<void>;
  /** Sweeps the table now; resolves once what it found is delivered. */
  sweep(): Promise<void>;
  /** Resolves when nothing is queued or in flight. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export function startLocalDelivery(options: LocalDeliveryOptions): LocalDelivery {
  const waiting = new Set<string>();
  const inFlight = new Set<string>();
  let idle: (() => void)[] = [];
  let stopped = false;
  const limit = options.concurrency ?? 4;

  const resolveIdle = () => {
    const waiters = idle;
    idle = [];
    for (const done of waiters) done();
  };

  const pump = () => {
    for (const id of waiting) {
      if (stopped || inFlight.size >= limit) break;
      if (inFlight.has(id)) continue;
      waiting.delete(id);
      inFlight.add(id);
      void options
        .deliver(id)
        .catch((error: unknown) => options.log?.(`[delivery] ${id}: ${(error as Error).message ?? error}`))
        .finally(() => {
          inFlight.delete(id);
          pump();
        });
    }
    // Once stopped, what still waits is left to the next start's sweep: only deliveries in flight count.
    if ((waiting.size === 0 || stopped) && inFlight.size === 0) resolveIdle();
  };

  const settled = () =>
    (waiting.size === 0 || stopped) && inFlight.size === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => idle.push(resolve));

  const enqueue = async (id: string) => {
    if (stopped) return;
    waiting.add(id);
    pump();
  };

  const sweepTable = async () => {
    const due = await options.dueIds();
    if (stopped) return;
    for (const id of due) if (!inFlight.has(id)) waiting.add(id);
    pump();
    await settled();
  };

  // One sweep at a time: on a large table a sweep may outlast the interval.
  let sweeping: Promise<void> | undefined;
  const sweep = () => {
    sweeping ??= sweepTable()
      .catch((error: unknown) => options.log?.(`[delivery] sweep: ${(error as Error).message}`))
      .finally(() => {
        sweeping = undefined;
      });
    return sweeping;
  };
  const timer = setInterval(() => void sweep(), options.sweepEveryMs);
  timer.unref();
  void sweep();

  return {
    enqueue,
    sweep,
    settled,
    async stop() {
      stopped = true;
      clearInterval(timer);
      waiting.clear();
      pump();
      await sweeping;
      await settled();
    },
  };
}
