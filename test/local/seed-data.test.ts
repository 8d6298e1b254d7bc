import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { hostVenueTypes, standardItems } from "../../functions/domain/registry/stations";
import { type TopicStep, topicSteps } from "../../functions/domain/topics/steps";
import { topicSources } from "../../functions/domain/topics/vocabulary";
import { contactCreate } from "../../functions/registry/contact-contracts";
import { memberCreate, stationCreate } from "../../functions/registry/contracts";
import { stepEvidence, topicCreate, topicReject } from "../../functions/topics/contracts";
import {
  type DemoPerson,
  demoAssignments,
  demoContacts,
  demoMembers,
  demoStations,
  demoTopics,
  demoZones,
  type EvidenceRefs,
} from "../../infra/local/demo/data";
import { stepsBefore } from "../../infra/local/demo/seed";

const assignments = demoAssignments();

/** A distinct, valid id per key (the API's are ULIDs). */
const fakeIds = new Map<string, string>();
const fakeId = (key: string) => {
  if (!fakeIds.has(key)) fakeIds.set(key, `01${String(fakeIds.size + 1).padStart(24, "0")}`);
  return fakeIds.get(key) as string;
};

/** Evidence built with stand-in ids and dates, noting which members it names. */
function evidenceOf(step: TopicStep, topic: (typeof demoTopics)[number]) {
  const named: string[] = [];
  const refs: EvidenceRefs = {
    member: (key) => {
      named.push(key);
      return fakeId(key);
    },
    daysAgo: (days) => `2026-0${days > 31 ? 1 : 2}-${String(1 + (days % 28)).padStart(2, "0")}`,
  };
  const build = topic.evidence[step] as ((refs: EvidenceRefs) => unknown) | undefined;
  return { evidence: build?.(refs), named };
}

const personBody = (who: DemoPerson) =>
  "memberKey" in who ? { name: "演示委员", memberId: fakeId(who.memberKey) } : who;

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
      const parsed = v.safeParse(memberCreate, member.body);
      expect(
        parsed.success,
        `${member.key}: ${JSON.stringify(parsed.issues && v.flatten(parsed.issues))}`,
      ).toBe(true);
    }
    for (const station of demoStations) {
      const body = station.leadMemberKey
        ? { ...station.body, leadMemberId: `01${"0".repeat(24)}` }
        : station.body;
      const parsed = v.safeParse(stationCreate, body);
      expect(
        parsed.success,
        `${station.key}: ${JSON.stringify(parsed.issues && v.flatten(parsed.issues))}`,
      ).toBe(true);
    }
  });

  it("has a contacts directory the stations reference: reachable by SMS, by e-mail, for the digest, and not at all", () => {
    for (const contact of demoContacts) {
      const parsed = v.safeParse(contactCreate, contact.body);
      expect(
        parsed.success,
        `${contact.key}: ${JSON.stringify(parsed.issues && v.flatten(parsed.issues))}`,
      ).toBe(true);
      expect(contact.body.name.startsWith("演示")).toBe(true);
      if (contact.body.phone) expect(contact.body.phone).toMatch(/^1380000\d{4}$/);
      if (contact.body.email) expect(contact.body.email.endsWith("@example.org")).toBe(true);
    }
    const byRole = (role: string) => demoContacts.filter((c) => c.body.role === role);
    expect(byRole("liaisonLeader").some((c) => c.body.phone)).toBe(true);
    expect(byRole("specialCommittee").some((c) => c.body.email)).toBe(true);
    expect(byRole("countyOffice").some((c) => c.body.email && c.body.digest)).toBe(true);
    expect(demoContacts.some((c) => !c.body.phone && !c.body.email)).toBe(true);
    const keys = new Set(demoContacts.map((c) => c.key));
    const referenced = demoStations.flatMap((s) => Object.values(s.liaisonContactKeys ?? {}));
    expect(referenced.length).toBeGreaterThan(0);
    for (const key of referenced) expect(keys.has(key), key).toBe(true);
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
      expect(body.liaison.leader?.startsWith("演示")).toBe(true);
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

describe("demo topics", () => {
  const stationByKey = new Map(demoStations.map((s) => [s.key, s]));
  const servesAt = (stationKey: string, memberKey: string) =>
    assignments.some((a) => a.stationKey === stationKey && a.memberKey === memberKey);

  it("are about ten, spread over the zones, the sources and the whole loop", () => {
    expect(demoTopics.length).toBeGreaterThanOrEqual(8);
    expect(demoTopics.length).toBeLessThanOrEqual(12);
    expect(new Set(demoTopics.map((t) => t.key)).size).toBe(demoTopics.length);
    expect(new Set(demoTopics.map((t) => t.title)).size).toBe(demoTopics.length);
    expect(new Set(demoTopics.map((t) => t.source))).toEqual(new Set(topicSources));
    expect(new Set(demoTopics.map((t) => stationByKey.get(t.stationKey)?.body.zone))).toEqual(
      new Set(demoZones),
    );
    const stages = demoTopics.map((t) => t.stage);
    for (const stage of ["collect", "determine", "research", "consult", "report"] as const) {
      expect(stages, stage).toContain(stage);
    }
    expect(stages.filter((s) => s === "closed")).toHaveLength(1);
    expect(stages.filter((s) => s === "declined")).toHaveLength(1);
    expect(stages.filter((s) => s === "collect").length).toBeGreaterThanOrEqual(2);
  });

  it("sit at active stations and name members who serve there", () => {
    for (const topic of demoTopics) {
      const station = stationByKey.get(topic.stationKey);
      expect(station?.body.status, topic.key).toBe("active");
      const people = [topic.responsible, ...Object.values(topic.responsibles ?? {})];
      for (const who of people) {
        if ("memberKey" in who) expect(servesAt(topic.stationKey, who.memberKey), topic.key).toBe(true);
      }
      for (const step of stepsBefore(topic.stage)) {
        for (const key of evidenceOf(step, topic).named) {
          expect(servesAt(topic.stationKey, key), `${topic.key} ${step}: ${key}`).toBe(true);
        }
      }
    }
  });

  it("are valid input for the API: the topic, each completed step's evidence, the reason to decline", () => {
    for (const topic of demoTopics) {
      const responsibles = Object.fromEntries(
        Object.entries(topic.responsibles ?? {}).map(([step, who]) => [step, personBody(who)]),
      );
      const body = {
        title: topic.title,
        description: topic.description,
        source: topic.source,
        stationId: fakeId(topic.stationKey),
        responsible: personBody(topic.responsible),
        ...(Object.keys(responsibles).length ? { responsibles } : {}),
      };
      const parsed = v.safeParse(topicCreate, body);
      expect(
        parsed.success,
        `${topic.key}: ${JSON.stringify(parsed.issues && v.flatten(parsed.issues))}`,
      ).toBe(true);
      // Evidence for exactly the steps the seed completes.
      expect(Object.keys(topic.evidence).sort(), topic.key).toEqual([...stepsBefore(topic.stage)].sort());
      for (const step of stepsBefore(topic.stage)) {
        const result = v.safeParse(stepEvidence[step], evidenceOf(step, topic).evidence);
        expect(
          result.success,
          `${topic.key} ${step}: ${JSON.stringify(result.issues && v.flatten(result.issues))}`,
        ).toBe(true);
      }
      if (topic.stage === "declined") {
        expect(
          v.safeParse(topicReject, { step: "determine", reason: topic.declineReason }).success,
          topic.key,
        ).toBe(true);
      } else expect(topic.declineReason, topic.key).toBeUndefined();
    }
    expect(stepsBefore("closed")).toEqual(topicSteps);
  });

  it("are plainly fictional: 演示 titles and people, the fake 1390000xxxx range", () => {
    for (const topic of demoTopics) {
      expect(topic.title, topic.key).toContain("（演示）");
      for (const who of [topic.responsible, ...Object.values(topic.responsibles ?? {})]) {
        if ("memberKey" in who) continue;
        expect(who.name.startsWith("演示"), topic.key).toBe(true);
        expect(who.phone, topic.key).toMatch(/^1390000\d{4}$/);
      }
      const collected = evidenceOf("collect", topic).evidence as
        | { raisedBy: { name: string; contact?: string }[] }
        | undefined;
      for (const raiser of collected?.raisedBy ?? []) {
        expect(raiser.name.startsWith("演示"), topic.key).toBe(true);
        if (raiser.contact) expect(raiser.contact, topic.key).toMatch(/^1390000\d{4}$/);
      }
    }
  });
});
