/**
 * A quarterly check's claim: one runner at a time, a run that failed partway can be taken up again at
 * once, and a check asked for is handed on with its claim to the run that carries it out.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestedCheckEvent } from "../../functions/activities/quota/check-launcher";
import { requestQuotaCheck } from "../../functions/activities/quota/requested-check";
import { claimCheck, releaseCheck, takeOverCheck } from "../../functions/activities/store/quota-checks";
import { useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-quota-checks");
});

const record = {
  id: "2031-Q2",
  trigger: "schedule",
  asOf: "2031-04-01T01:00:00.000Z",
  date: "2031-04-01",
} as const;
const now = new Date("2031-04-01T01:00:00.000Z");
const lease = 16 * 60_000;

describe("a quarterly check's claim", () => {
  it("is held by one runner until it is released, then taken again at once", async () => {
    expect((await claimCheck(record, now, lease)).claimed).toBe(true);
    expect((await claimCheck(record, new Date(now.getTime() + 60_000), lease)).claimed).toBe(false);
    await releaseCheck(record.id, new Date(now.getTime() + 60_000));
    const again = await claimCheck(record, new Date(now.getTime() + 61_000), lease);
    expect(again.claimed).toBe(true);
    expect(again.check?.runs).toBe(2);
  });
});

describe("a check asked for", () => {
  const handOver = { ...record, id: "2031-Q3", asOf: "2031-07-01T01:00:00.000Z", date: "2031-07-01" };
  const later = (ms: number) => new Date(now.getTime() + 92 * 86_400_000 + ms);

  it("is taken over only by the run it was handed to, and only while still running", async () => {
    const claim = await claimCheck(handOver, later(0), 5 * 60_000);
    if (!claim.claimed) throw new Error("not claimed");
    expect(await takeOverCheck(handOver.id, "another-run", later(1_000), lease)).toBeUndefined();
    const taken = await takeOverCheck(handOver.id, claim.claimId, later(1_000), lease);
    expect(taken?.leaseUntil).toBe(new Date(later(1_000).getTime() + lease).toISOString());
    // The lease is now the run's own: a request meanwhile finds the check held.
    expect((await claimCheck(handOver, later(6 * 60_000), lease)).claimed).toBe(false);
  });

  it("that could not be handed on is released, so asking again claims it at once", async () => {
    const launched: RequestedCheckEvent[] = [];
    let failing = true;
    const services = {
      now: () => later(100 * 86_400_000),
      launcher: {
        async launch(event: RequestedCheckEvent) {
          if (failing) throw new Error("Lambda is throttling");
          launched.push(event);
        },
      },
    };
    const asOf = new Date("2031-10-08T01:00:00.000Z");
    await expect(requestQuotaCheck(services, asOf)).rejects.toThrow("Lambda is throttling");
    failing = false;
    const outcome = await requestQuotaCheck(services, asOf);
    expect(outcome).toMatchObject({
      state: "launched",
      check: { id: "2031-Q4", status: "running", runs: 2 },
    });
    expect(launched).toEqual([
      {
        job: "quarterlyCheck",
        requested: { checkId: "2031-Q4", claimId: outcome.check?.claimId, asOf: asOf.toISOString() },
      },
    ]);
    expect(await requestQuotaCheck(services, asOf)).toMatchObject({ state: "running" });
    expect(launched).toHaveLength(1);
  });
});
