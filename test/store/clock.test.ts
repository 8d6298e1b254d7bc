/**
 * Every timestamp the registry writes comes from the one clock, so a simulated clock (`npm start --
 * --speed N`) dates assignments, registrations and updates as it dates deadlines.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setClock, simulatedClock } from "../../functions/kernel/clock";
import { assignMember } from "../../functions/registry/store/assignments";
import { createMember, updateMember } from "../../functions/registry/store/members";
import { createStation, updateStation } from "../../functions/registry/store/stations";
import { memberInput, stationInput, useFreshTable } from "./fixtures";

const simulatedNow = new Date("2031-03-04T05:06:07.000Z");

beforeAll(async () => {
  await useFreshTable("store-clock");
  // Speed 1 from a fixed origin: "now" stays within a second of the origin during the test.
  setClock(simulatedClock(simulatedNow, 1));
});

afterAll(() => setClock(undefined));

const inTheSimulatedSecond = (iso: string) =>
  Math.abs(new Date(iso).getTime() - simulatedNow.getTime()) < 60_000;

describe("timestamps follow the one clock", () => {
  it("dates stations, members and assignments by the simulated clock, not the machine's", async () => {
    const station = await createStation(stationInput());
    const member = await createMember(memberInput());
    const { assignment } = await assignMember(station.id, member.id, "choice");
    const renamed = await updateStation(station.id, { zone: "西山" }, undefined);
    const edited = await updateMember(member.id, { profession: "教师" }, undefined);
    for (const stamp of [
      station.createdAt,
      member.createdAt,
      assignment.assignedAt,
      renamed.updatedAt,
      edited.updatedAt,
    ]) {
      expect(stamp, stamp).toSatisfy(inTheSimulatedSecond);
    }
  });
});
