import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { memberCreate, stationCreate } from "../../functions/contracts/registry";
import { hostVenueTypes, standardItems } from "../../functions/domain/stations";
import { demoAssignments, demoMembers, demoStations, demoZones } from "../../infra/local/seed-data";

const assignments = demoAssignments();

describe("demo data", () => {
  it("has the six zone stations of the source document", () => {
    const zoneStations = demoStations.filter((s) => s.body.kind === "station");
    expect(zoneStations.map((s) => s.body.name).sort()).toEqual(
      demoZones.map((zone) => `${zone}片区委员工作站`).sort(),
    );
    for (const station of zoneStations) expect(station.body.name).toBe(`${station.body.zone}片区委员工作站`);
  });

  it("has about twenty rooms spread over every zone, hosted by every kind of venue", () => {
    const rooms = demoStations.filter((s) => s.body.kind === "room");
    expect(rooms.length).toBeGreaterThanOrEqual(18);
    expect(rooms.length).toBeLessThanOrEqual(24);
    expect(new Set(rooms.map((r) => r.body.zone))).toEqual(new Set(demoZones));
    expect(new Set(demoStations.map((s) => s.body.hostVenue.type))).toEqual(new Set(hostVenueTypes));
  });

  it("is valid input for the API: every body passes the request schemas", () => {
    for (const member of demoMembers) {
      const parsed = z.safeParse(memberCreate, member.body);
      expect(parsed.success, `${member.key}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    for (const station of demoStations) {
      const body = station.leadMemberKey
        ? { ...station.body, leadMemberId: `01${"0".repeat(24)}` }
        : station.body;
      const parsed = z.safeParse(stationCreate, body);
      expect(parsed.success, `${station.key}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it("is plainly fictional: demo names, fake phone range, example.org mail", () => {
    expect(demoMembers.length).toBeGreaterThanOrEqual(36);
    for (const { body } of demoMembers) {
      expect(body.name.startsWith("演示委员·")).toBe(true);
      expect(body.phone).toMatch(/^1380000\d{4}$/);
      if (body.email) expect(body.email.endsWith("@example.org")).toBe(true);
    }
    expect(new Set(demoMembers.map((m) => m.body.phone)).size).toBe(demoMembers.length);
    for (const { body } of demoStations) {
      if (body.kind === "room") expect(body.name).toContain("演示");
      expect(body.liaison.leader.startsWith("演示")).toBe(true);
      if (body.contact) expect(body.contact.phone).toMatch(/^1380000\d{4}$/);
    }
  });

  it("covers several sectors and gives everyone expertise", () => {
    expect(new Set(demoMembers.map((m) => m.body.sector)).size).toBeGreaterThanOrEqual(10);
    for (const { body } of demoMembers) expect(body.expertise.length).toBeGreaterThan(0);
  });

  it("puts every member at one to three stations, mostly in their home zone", () => {
    const zoneOf = new Map(demoStations.map((s) => [s.key, s.body.zone]));
    for (const member of demoMembers) {
      const mine = assignments.filter((a) => a.memberKey === member.key);
      expect(mine.length, member.key).toBeGreaterThanOrEqual(1);
      expect(mine.length, member.key).toBeLessThanOrEqual(3);
    }
    const home = assignments.filter(
      (a) => zoneOf.get(a.stationKey) === demoMembers.find((m) => m.key === a.memberKey)?.home,
    );
    expect(home.length / assignments.length).toBeGreaterThan(0.8);
    for (const assignment of assignments) {
      const inHome =
        zoneOf.get(assignment.stationKey) === demoMembers.find((m) => m.key === assignment.memberKey)?.home;
      if (assignment.basis === "topic") expect(inHome).toBe(false);
      if (assignment.basis === "nearby") expect(inHome).toBe(true);
    }
    expect(new Set(assignments.map((a) => a.basis))).toEqual(new Set(["nearby", "choice", "topic"]));
  });

  it("assigns each station's lead member to it, by choice", () => {
    for (const station of demoStations) {
      expect(station.leadMemberKey, station.key).toBeDefined();
      expect(assignments).toContainEqual({
        stationKey: station.key,
        memberKey: station.leadMemberKey,
        basis: "choice",
      });
    }
  });

  it("has stations that do not meet every 六有 item, and some that do", () => {
    const complete = (s: (typeof demoStations)[number]) =>
      standardItems.every((item) => s.body.standards?.[item]?.met === true);
    expect(demoStations.filter(complete).length).toBeGreaterThan(0);
    expect(demoStations.filter((s) => !complete(s)).length).toBeGreaterThanOrEqual(5);
  });
});
