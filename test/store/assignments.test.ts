import { beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ThrottledError } from "../../functions/domain/errors";
import {
  allStationAssignments,
  assignMember,
  listStationAssignments,
  stationIdsOfMember,
  unassignMember,
} from "../../functions/registry/store/assignments";
import { createMember, getMember } from "../../functions/registry/store/members";
import { createStation, getStation, updateStation } from "../../functions/registry/store/stations";
import { memberInput, rejectionOf, stationInput, useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-assignments");
});

const unknownId = "01HZZZZZZZZZZZZZZZZZZZZZZZ";

async function counts(stationId: string, memberId: string) {
  return {
    memberCount: (await getStation(stationId)).memberCount,
    stationCount: (await getMember(memberId)).stationCount,
  };
}

describe("assignMember", () => {
  it("makes a member serve at a station, counted on both sides and findable from both", async () => {
    const station = await createStation(stationInput());
    const member = await createMember(memberInput());
    const result = await assignMember(station.id, member.id, "nearby", new Date("2024-06-01T01:00:00Z"));
    expect(result).toEqual({
      created: true,
      assignment: {
        stationId: station.id,
        memberId: member.id,
        basis: "nearby",
        assignedAt: "2024-06-01T01:00:00.000Z",
      },
    });
    expect(await counts(station.id, member.id)).toEqual({ memberCount: 1, stationCount: 1 });
    expect(await allStationAssignments(station.id)).toEqual([result.assignment]);
    expect(await stationIdsOfMember(member.id)).toEqual([station.id]);
  });

  it("is idempotent: a repeat changes the basis, keeps the first date and counts nothing twice", async () => {
    const station = await createStation(stationInput());
    const member = await createMember(memberInput());
    await assignMember(station.id, member.id, "nearby", new Date("2024-06-01T01:00:00Z"));
    const again = await assignMember(station.id, member.id, "topic", new Date("2024-07-01T01:00:00Z"));
    expect(again).toEqual({
      created: false,
      assignment: {
        stationId: station.id,
        memberId: member.id,
        basis: "topic",
        assignedAt: "2024-06-01T01:00:00.000Z",
      },
    });
    await assignMember(station.id, member.id, "topic");
    expect(await counts(station.id, member.id)).toEqual({ memberCount: 1, stationCount: 1 });
    expect(await allStationAssignments(station.id)).toEqual([again.assignment]);
  });

  it("an unknown station or member is not found, and nothing is written", async () => {
    const station = await createStation(stationInput());
    const member = await createMember(memberInput());
    const noStation = await rejectionOf(assignMember(unknownId, member.id, "nearby"));
    expect(noStation).toBeInstanceOf(NotFoundError);
    expect(noStation).toMatchObject({ resource: "station" });
    const noMember = await rejectionOf(assignMember(station.id, unknownId, "nearby"));
    expect(noMember).toBeInstanceOf(NotFoundError);
    expect(noMember).toMatchObject({ resource: "member" });
    expect(await counts(station.id, member.id)).toEqual({ memberCount: 0, stationCount: 0 });
    expect(await allStationAssignments(station.id)).toEqual([]);
    expect(await stationIdsOfMember(member.id)).toEqual([]);
  });

  it("a member may serve at several stations; each is counted", async () => {
    const member = await createMember(memberInput());
    const stations = [
      await createStation(stationInput()),
      await createStation(stationInput()),
      await createStation(stationInput()),
    ];
    for (const station of stations) await assignMember(station.id, member.id, "choice");
    expect((await getMember(member.id)).stationCount).toBe(3);
    expect((await stationIdsOfMember(member.id)).sort()).toEqual(stations.map((s) => s.id).sort());
    for (const station of stations) expect((await getStation(station.id)).memberCount).toBe(1);
  });
});

describe("unassignMember", () => {
  it("ends the assignment and gives both counters back", async () => {
    const station = await createStation(stationInput());
    const member = await createMember(memberInput());
    const other = await createMember(memberInput());
    await assignMember(station.id, member.id, "nearby");
    await assignMember(station.id, other.id, "nearby");
    await unassignMember(station.id, member.id);
    expect(await counts(station.id, member.id)).toEqual({ memberCount: 1, stationCount: 0 });
    expect((await allStationAssignments(station.id)).map((a) => a.memberId)).toEqual([other.id]);
    expect(await stationIdsOfMember(member.id)).toEqual([]);
  });

  it("removing a member who does not serve there is not found, and counts nothing", async () => {
    const station = await createStation(stationInput());
    const member = await createMember(memberInput());
    await assignMember(station.id, member.id, "nearby");
    await unassignMember(station.id, member.id);
    const error = await rejectionOf(unassignMember(station.id, member.id));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: "assignment" });
    expect(await counts(station.id, member.id)).toEqual({ memberCount: 0, stationCount: 0 });
  });

  it("the lead member cannot leave (409) until another lead is chosen", async () => {
    const lead = await createMember(memberInput());
    const successor = await createMember(memberInput());
    const station = await createStation(stationInput({ leadMemberId: lead.id }));
    const error = await rejectionOf(unassignMember(station.id, lead.id));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      reason: "lead_member",
      problems: [{ field: "memberId", code: "lead_member" }],
    });
    expect(await counts(station.id, lead.id)).toEqual({ memberCount: 1, stationCount: 1 });
    expect(await stationIdsOfMember(lead.id)).toEqual([station.id]);

    await assignMember(station.id, successor.id, "choice");
    await updateStation(station.id, { leadMemberId: successor.id }, 1);
    await unassignMember(station.id, lead.id);
    expect(await counts(station.id, lead.id)).toEqual({ memberCount: 1, stationCount: 0 });
    expect((await allStationAssignments(station.id)).map((a) => a.memberId)).toEqual([successor.id]);
  });
});

describe("listStationAssignments", () => {
  it("pages through a station's members without duplicates or losses", async () => {
    const station = await createStation(stationInput());
    const members = [];
    for (let i = 0; i < 12; i++) members.push(await createMember(memberInput()));
    for (const member of members) await assignMember(station.id, member.id, "nearby");
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listStationAssignments(station.id, { limit: 5, cursor });
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((a) => a.memberId));
      cursor = page.cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(members.map((m) => m.id));
    expect((await getStation(station.id)).memberCount).toBe(12);
  });

  it("a cursor from another station's list is refused", async () => {
    const a = await createStation(stationInput());
    const b = await createStation(stationInput());
    for (let i = 0; i < 3; i++) await assignMember(a.id, (await createMember(memberInput())).id, "nearby");
    const page = await listStationAssignments(a.id, { limit: 2, cursor: undefined });
    expect(page.cursor).not.toBeNull();
    await expect(listStationAssignments(b.id, { limit: 2, cursor: page.cursor ?? "" })).rejects.toMatchObject(
      {
        problems: [{ field: "cursor", code: "invalid_cursor" }],
      },
    );
  });
});

describe("assignments under concurrency", () => {
  it("20 concurrent assigns of the same member make exactly one assignment, counted once", async () => {
    const station = await createStation(stationInput());
    const member = await createMember(memberInput());
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => assignMember(station.id, member.id, "nearby")),
    );
    const created = results.filter((r) => r.status === "fulfilled" && r.value.created);
    expect(created).toHaveLength(1);
    // The others either saw the assignment (200) or were told to retry (429); nothing else.
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(ThrottledError);
    }
    expect(await counts(station.id, member.id)).toEqual({ memberCount: 1, stationCount: 1 });
    expect(await allStationAssignments(station.id)).toHaveLength(1);
    expect(await stationIdsOfMember(member.id)).toEqual([station.id]);
  });

  it("20 members assigned concurrently to one station are each counted", async () => {
    const station = await createStation(stationInput());
    const members = await Promise.all(Array.from({ length: 20 }, () => createMember(memberInput())));
    const results = await Promise.allSettled(members.map((m) => assignMember(station.id, m.id, "nearby")));
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(ThrottledError);
    }
    const assigned = await allStationAssignments(station.id);
    const succeeded = results.filter((r) => r.status === "fulfilled").length;
    expect(assigned).toHaveLength(succeeded);
    expect((await getStation(station.id)).memberCount).toBe(succeeded);
    const assignedIds = new Set(assigned.map((a) => a.memberId));
    for (const member of members) {
      expect((await getMember(member.id)).stationCount).toBe(assignedIds.has(member.id) ? 1 : 0);
    }
  });

  it("concurrent assigns and unassigns leave the counters equal to the assignments", async () => {
    const station = await createStation(stationInput());
    const members = await Promise.all(Array.from({ length: 8 }, () => createMember(memberInput())));
    for (const member of members.slice(0, 4)) await assignMember(station.id, member.id, "nearby");
    await Promise.allSettled([
      ...members.map((m) => assignMember(station.id, m.id, "choice")),
      ...members.map((m) => unassignMember(station.id, m.id)),
      ...members.map((m) => assignMember(station.id, m.id, "topic")),
    ]);
    const assigned = new Set((await allStationAssignments(station.id)).map((a) => a.memberId));
    expect((await getStation(station.id)).memberCount).toBe(assigned.size);
    for (const member of members) {
      expect((await getMember(member.id)).stationCount).toBe(assigned.has(member.id) ? 1 : 0);
    }
  });
});
