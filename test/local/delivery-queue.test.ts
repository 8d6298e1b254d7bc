/**
 * The local sender's queue on its own (no table): it delivers what is enqueued and what a sweep finds,
 * one sweep at a time, and stops promptly even in the middle of a sweep.
 */
import { describe, expect, it } from "vitest";
import { startLocalDelivery } from "../../infra/local/delivery";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("the local delivery queue", () => {
  it("delivers what is enqueued and what the start-up sweep finds, each once", async () => {
    const delivered: string[] = [];
    const queue = startLocalDelivery({
      deliver: async (id) => delivered.push(id),
      dueIds: async () => ["left-by-a-dead-run", "left-by-a-dead-run"],
      sweepEveryMs: 60_000,
    });
    await queue.enqueue("new");
    await queue.sweep();
    await queue.settled();
    expect(delivered.sort()).toEqual(["left-by-a-dead-run", "new"]);
    await queue.stop();
  });

  it("runs one sweep at a time, however often it is asked", async () => {
    let scans = 0;
    const scan = deferred<string[]>();
    const queue = startLocalDelivery({
      deliver: async () => {},
      dueIds: () => {
        scans++;
        return scan.promise;
      },
      sweepEveryMs: 60_000,
    });
    const first = queue.sweep();
    const second = queue.sweep();
    expect(scans).toBe(1);
    scan.resolve([]);
    await Promise.all([first, second]);
    await queue.stop();
  });

  it("stops while a sweep's scan is still out, delivering nothing it finds afterwards", async () => {
    const delivered: string[] = [];
    const scan = deferred<string[]>();
    const queue = startLocalDelivery({
      deliver: async (id) => delivered.push(id),
      dueIds: () => scan.promise,
      sweepEveryMs: 60_000,
    });
    await tick();
    const stopping = queue.stop();
    scan.resolve(["found-too-late"]);
    await expect(
      Promise.race([
        stopping.then(() => "stopped"),
        tick()
          .then(() => tick())
          .then(() => "hung"),
      ]),
    ).resolves.toBe("stopped");
    expect(delivered).toEqual([]);
  });

  it("waits for a delivery in flight when it stops", async () => {
    const delivery = deferred<void>();
    let finished = false;
    const queue = startLocalDelivery({
      deliver: async () => {
        await delivery.promise;
        finished = true;
      },
      dueIds: async () => [],
      sweepEveryMs: 60_000,
    });
    await queue.enqueue("slow");
    const stopping = queue.stop();
    delivery.resolve();
    await stopping;
    expect(finished).toBe(true);
  });
});
