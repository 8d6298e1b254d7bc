/** What the bench's load runs on: a fixed number of workers taking jobs in order. */

/** Runs `count` jobs on `workers` workers; resolves once all are done, rejects on the first failure. */
export async function pool(
  count: number,
  workers: number,
  job: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) await job(index);
  };
  await Promise.all(Array.from({ length: Math.min(workers, count) }, worker));
}
