import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiCall, type DemoData, SeedError, seedDemoData, seedOnce } from "../../infra/local/seed";
import { demoAssignments, demoMembers, demoStations } from "../../infra/local/seed-data";

/** An in-memory stand-in for the API that records calls and hands out ids. */
function fakeApi(options: { failOn?: (method: string, path: string) => boolean; stations?: unknown[] } = {}) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  let next = 0;
  const call: ApiCall = async (method, path, body) => {
    calls.push({ method, path, body });
    if (options.failOn?.(method, path)) {
      const text = JSON.stringify({ error: { code: "validation", message: "phone is not valid" } });
      return { status: 400, text, json: JSON.parse(text) };
    }
    if (method === "GET") {
      const json = { items: options.stations ?? [], cursor: null };
      return { status: 200, text: JSON.stringify(json), json };
    }
    if (method === "POST") {
      next += 1;
      const json = { id: `ID${String(next).padStart(3, "0")}`, ...(body as object) };
      return { status: 201, text: JSON.stringify(json), json };
    }
    return { status: 200, text: "{}", json: {} };
  };
  return { call, calls };
}

const small: DemoData = {
  members: demoMembers.slice(0, 2),
  stations: demoStations.filter((s) => s.key === "ds"),
  assignments: demoAssignments(demoMembers.slice(0, 2), demoStations).filter((a) => a.stationKey === "ds"),
};

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "hsl-seed-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("seedDemoData", () => {
  it("creates members, then stations led by the created members, then assignments by id", async () => {
    const api = fakeApi();
    const result = await seedDemoData(api.call);
    const kinds = api.calls.map((c) => `${c.method} ${c.path.split("/")[1]}`);
    const lastMember = kinds.lastIndexOf("POST members");
    const firstStation = kinds.indexOf("POST stations");
    const lastStation = kinds.lastIndexOf("POST stations");
    const firstAssignment = kinds.indexOf("PUT stations");
    expect(lastMember).toBeLessThan(firstStation);
    expect(lastStation).toBeLessThan(firstAssignment);
    expect(kinds.filter((k) => k === "POST members")).toHaveLength(demoMembers.length);
    expect(kinds.filter((k) => k === "POST stations")).toHaveLength(demoStations.length);
    expect(result.assignments).toBe(demoAssignments().length);

    // The first station is led by member m01, which was created first and got id ID001.
    const firstStationBody = api.calls[firstStation]?.body as { leadMemberId?: string; name: string };
    expect(firstStationBody.name).toBe("东山片区委员工作站");
    expect(firstStationBody.leadMemberId).toBe(result.memberIds.m01);
    // Assignments address the ids the API gave, with the basis in the body.
    const put = api.calls[firstAssignment];
    expect(put?.path).toBe(`/stations/${result.stationIds.ds}/members/${result.memberIds.m01}`);
    expect(put?.body).toEqual({ basis: "choice" });
  });

  it("stops at the first failure and reports the response body", async () => {
    const api = fakeApi({ failOn: (method, path) => method === "POST" && path === "/stations" });
    const error = await seedDemoData(api.call, small).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect((error as Error).message).toContain("POST /stations answered 400");
    expect((error as Error).message).toContain("phone is not valid");
    expect(api.calls.filter((c) => c.method === "PUT")).toHaveLength(0);
  });
});

describe("seedOnce", () => {
  it("seeds an empty table, leaves a marker, and does not seed again", async () => {
    const marker = join(dataDir, "seeded-test.json");
    const first = fakeApi();
    expect((await seedOnce({ call: first.call, markerPath: marker, data: small })).kind).toBe("seeded");
    expect(JSON.parse(await readFile(marker, "utf8"))).toHaveProperty("stationIds.ds");
    const second = fakeApi();
    expect(await seedOnce({ call: second.call, markerPath: marker, data: small })).toEqual({
      kind: "skipped",
      reason: "marker",
    });
    expect(second.calls).toHaveLength(0);
  });

  it("does not seed a table that already holds stations, even without a marker", async () => {
    const api = fakeApi({ stations: [{ id: "X" }] });
    const outcome = await seedOnce({ call: api.call, markerPath: undefined, data: small });
    expect(outcome).toEqual({ kind: "skipped", reason: "data-present" });
    expect(api.calls.map((c) => c.method)).toEqual(["GET"]);
  });

  it("fails loudly when the API does not answer a list", async () => {
    const call: ApiCall = async () => ({ status: 200, text: "{}", json: {} });
    await expect(seedOnce({ call, markerPath: undefined, data: small })).rejects.toThrow(
      /did not answer a list/,
    );
  });
});
