/** Races between writers: optimistic versions, uniqueness guards, and counters kept by assignments. */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConflictError } from "../../functions/domain/errors";
import { dynamodb } from "../../functions/kernel/table/client";
import {
  allStationAssignments,
  assignMember,
  stationIdsOfMember,
  unassignMember,
} from "../../functions/registry/store/assignments";
import { createMember, getMember, listMembers, updateMember } from "../../functions/registry/store/members";
import {
  createStation,
  getStation,
  stationsInZone,
  updateStation,
} from "../../functions/registry/store/stations";
import { memberInput, newPhone, stationInput, unique, useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-concurrency");
});

function outcomes<T>(results: PromiseSettledResult<T>[]) {
  const fulfilled = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  return { fulfilled, rejected };
}

describe("concurrent PATCHes", () => {
  it("10 station PATCHes with the same version: exactly one wins, the others get 409", async () => {
    const station = await createStation(stationInput());
    const townships = Array.from({ length: 10 }, (_, i) => `乡镇${i}`);
    const { fulfilled, rejected } = outcomes(
      await Promise.allSettled(townships.map((township) => updateStation(station.id, { township }, 1))),
    );
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(9);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ reason: "version_mismatch" });
    }
    const stored = await getStation(station.id);
    expect(stored.version).toBe(2);
    expect(stored.township).toBe(fulfilled[0]?.township);
  });

  it("10 member PATCHes with the same version: exactly one wins, the others get 409", async () => {
    const member = await createMember(memberInput());
    const professions = Array.from({ length: 10 }, (_, i) => `职业${i}`);
    const { fulfilled, rejected } = outcomes(
      await Promise.allSettled(professions.map((profession) => updateMember(member.id, { profession }, 1))),
    );
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(9);
    for (const error of rejected) expect(error).toMatchObject({ reason: "version_mismatch" });
    expect(await getMember(member.id)).toMatchObject({ version: 2, profession: fulfilled[0]?.profession });
  });

  it("PATCHes without a version never lose each other's changes", async () => {
    const station = await createStation(stationInput());
    const items = ["venue", "signage", "rules", "process", "activities", "results"] as const;
    const { fulfilled, rejected } = outcomes(
      await Promise.allSettled(
        items.map((item) => updateStation(station.id, { standards: { [item]: { met: true } } }, undefined)),
      ),
    );
    // Without If-Match the store retries on fresh data; a writer may still give up with a 409 when
    // it loses every retry, but whatever succeeded must be in the stored record.
    for (const error of rejected) expect(error).toMatchObject({ reason: "version_mismatch" });
    const stored = await getStation(station.id);
    expect(stored.version).toBe(1 + fulfilled.length);
    const met = items.filter((item) => stored.standards[item].met);
    expect(met).toHaveLength(fulfilled.length);
    expect(fulfilled.length).toBeGreaterThan(0);
  });

  it("after a successful PATCH, the next one must use the new version", async () => {
    const member = await createMember(memberInput());
    const winner = await updateMember(member.id, { name: "王五" }, 1);
    await expect(updateMember(member.id, { name: "赵六" }, 1)).rejects.toMatchObject({ currentVersion: 2 });
    await expect(updateMember(member.id, { name: "赵六" }, winner.version)).resolves.toMatchObject({
      version: 3,
    });
  });
});

describe("uniqueness under concurrency", () => {
  it("10 concurrent registrations of one station name: exactly one station", async () => {
    const zone = unique("寺下");
    const name = unique("寺下委员工作站");
    const { fulfilled, rejected } = outcomes(
      await Promise.allSettled(Array.from({ length: 10 }, () => createStation(stationInput({ zone, name })))),
    );
    expect(fulfilled).toHaveLength(1);
    for (const error of rejected) expect(error).toMatchObject({ reason: "already_exists" });
    expect((await stationsInZone(zone)).map((s) => s.id)).toEqual([fulfilled[0]?.id]);
  });

  it("10 concurrent registrations of one mobile number: exactly one member", async () => {
    const sector = unique("妇联");
    const phone = newPhone();
    const { fulfilled, rejected } = outcomes(
      await Promise.allSettled(
        Array.from({ length: 10 }, () => createMember(memberInput({ sector, phone }))),
      ),
    );
    expect(fulfilled).toHaveLength(1);
    for (const error of rejected) expect(error).toMatchObject({ reason: "already_exists" });
    const listed = await listMembers({ sector }, { limit: 100, cursor: undefined });
    expect(listed.items.map((m) => m.id)).toEqual([fulfilled[0]?.id]);
  });

  it("two members racing to take the same new number: one gets it", async () => {
    const a = await createMember(memberInput());
    const b = await createMember(memberInput());
    const phone = newPhone();
    const { fulfilled, rejected } = outcomes(
      await Promise.allSettled([updateMember(a.id, { phone }, 1), updateMember(b.id, { phone }, 1)]),
    );
    expect(fulfilled).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ reason: "already_exists", problems: [{ field: "phone" }] });
    const holders = [await getMember(a.id), await getMember(b.id)].filter((m) => m.phone === phone);
    expect(holders).toHaveLength(1);
  });
});

/**
 * Runs `action` once, just before the next command named `commandName` is sent: a deterministic way
 * to put another writer between a store function's read and its write.
 */
let interjection: { commandName: string; action: () => Promise<unknown> } | undefined;
let installed = false;
function beforeNext(commandName: string, action: () => Promise<unknown>) {
  if (!installed) {
    dynamodb().middlewareStack.add(
      (next, context) => async (args) => {
        if (interjection && context.commandName === interjection.commandName) {
          const { action: run } = interjection;
          interjection = undefined;
          await run();
        }
        return next(args);
      },
      { step: "initialize", name: "testInterjection" },
    );
    installed = true;
  }
  interjection = { commandName, action };
}

afterEach(() => {
  interjection = undefined;
});

describe("races between updates and assignments", () => {
  it("a PATCH racing an assignment keeps the station's memberCount (updateStation rewrites it)", async () => {
    const station = await createStation(stationInput());
    const member = await createMember(memberInput());
    beforeNext("TransactWriteItemsCommand", () => assignMember(station.id, member.id, "nearby"));
    await updateStation(station.id, { status: "active" }, undefined);
    expect(await allStationAssignments(station.id)).toHaveLength(1);
    expect((await getStation(station.id)).memberCount).toBe(1);
  });

  it("a new lead member cannot be removed while the PATCH naming them is under way", async () => {
    const station = await createStation(stationInput());
    const member = await createMember(memberInput());
    await assignMember(station.id, member.id, "nearby");
    beforeNext("TransactWriteItemsCommand", () =>
      unassignMember(station.id, member.id).catch(() => undefined),
    );
    await updateStation(station.id, { leadMemberId: member.id }, 1).catch(() => undefined);
    const stored = await getStation(station.id);
    // Either the PATCH or the removal must lose; the lead member always serves at the station.
    if (stored.leadMemberId === member.id) expect(await stationIdsOfMember(member.id)).toEqual([station.id]);
    expect(stored.memberCount).toBe((await allStationAssignments(station.id)).length);
  });

  it("a repeated PUT racing a DELETE of the same assignment fails with a domain error, not a raw DynamoDB one", async () => {
    const station = await createStation(stationInput());
    const member = await createMember(memberInput());
    await assignMember(station.id, member.id, "nearby");
    beforeNext("UpdateItemCommand", () => unassignMember(station.id, member.id));
    const outcome = await assignMember(station.id, member.id, "choice").then(
      (result) => result,
      (error: unknown) => error,
    );
    // Acceptable: the member serves again (a fresh assignment), or a typed NotFound/Conflict.
    if (outcome instanceof Error)
      expect(outcome.name).toMatch(/^(NotFoundError|ConflictError|ThrottledError)$/);
    const assigned = await allStationAssignments(station.id);
    expect((await getStation(station.id)).memberCount).toBe(assigned.length);
  });
});
