/** A quarterly check's claim: one runner at a time, and a run that failed partway can be taken up again at once. */
import { beforeAll, describe, expect, it } from "vitest";
import { claimCheck, releaseCheck } from "../../functions/activities/store/quota-checks";
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
