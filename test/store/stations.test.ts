import { beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "../../functions/domain/errors";
import { assignMember, stationIdsOfMember } from "../../functions/registry/store/assignments";
import { createMember, getMember } from "../../functions/registry/store/members";
import {
  createStation,
  findStation,
  getStation,
  getStations,
  listStations,
  stationsInZone,
  updateStation,
} from "../../functions/registry/store/stations";
import { allPages, memberInput, rejectionOf, stationInput, unique, useFreshTable } from "./fixtures";

const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const allSix = {
  venue: { met: true },
  signage: { met: true },
  rules: { met: true },
  process: { met: true },
  activities: { met: true },
  results: { met: true, note: "两件建议已办结" },
};

beforeAll(async () => {
  await useFreshTable("store-stations");
});

describe("createStation", () => {
  it("registers a station with a server id, version 1 and a complete 六有 checklist", async () => {
    const input = stationInput({
      township: "东山镇",
      standards: { venue: { met: true, note: "党群服务中心二楼" } },
    });
    const station = await createStation(input, new Date("2024-03-01T02:00:00Z"));
    expect(station.id).toMatch(ulid);
    expect(station).toMatchObject({
      kind: "station",
      name: input.name,
      zone: input.zone,
      township: "东山镇",
      status: "preparing",
      version: 1,
      memberCount: 0,
      meetsStandard: false,
      standardsMet: 1,
      createdAt: "2024-03-01T02:00:00.000Z",
      updatedAt: "2024-03-01T02:00:00.000Z",
    });
    expect(station.standards.venue).toEqual({ met: true, note: "党群服务中心二楼" });
    expect(station.standards.results).toEqual({ met: false });
    expect(await getStation(station.id)).toEqual(station);
  });

  it("a station with all six items met is reported as meeting the standard", async () => {
    const station = await createStation(stationInput({ standards: allSix, status: "active" }));
    expect(station).toMatchObject({ meetsStandard: true, standardsMet: 6, status: "active" });
    expect((await getStation(station.id)).meetsStandard).toBe(true);
  });

  it("refuses a second station with the same name (409), and stores nothing for it", async () => {
    const zone = unique("营前");
    const first = await createStation(stationInput({ zone }));
    const error = await rejectionOf(createStation(stationInput({ name: first.name, zone })));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      reason: "already_exists",
      problems: [{ field: "name", code: "name_taken" }],
    });
    expect((await stationsInZone(zone)).map((s) => s.id)).toEqual([first.id]);
  });

  it("with a lead member: the lead serves there from the start, and both counters say so", async () => {
    const lead = await createMember(memberInput());
    const station = await createStation(stationInput({ leadMemberId: lead.id }));
    expect(station).toMatchObject({ leadMemberId: lead.id, memberCount: 1 });
    expect((await getMember(lead.id)).stationCount).toBe(1);
    expect(await stationIdsOfMember(lead.id)).toEqual([station.id]);
  });

  it("with a lead member who does not exist: 400 on leadMemberId, and the name stays free", async () => {
    const input = stationInput({ leadMemberId: "01HZZZZZZZZZZZZZZZZZZZZZZZ" });
    const error = await rejectionOf(createStation(input));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      expect.objectContaining({ field: "leadMemberId", code: "member_not_found" }),
    ]);
    expect(await stationsInZone(input.zone)).toEqual([]);
    const { leadMemberId: _none, ...withoutLead } = input;
    await expect(createStation(withoutLead)).resolves.toMatchObject({ name: input.name });
  });
});

describe("reading stations", () => {
  it("an unknown id is not found", async () => {
    expect(await findStation("01HZZZZZZZZZZZZZZZZZZZZZZZ")).toBeUndefined();
    const error = await rejectionOf(getStation("01HZZZZZZZZZZZZZZZZZZZZZZZ"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: "station" });
  });

  it("getStations returns those that exist, in the order asked, once each", async () => {
    const a = await createStation(stationInput());
    const b = await createStation(stationInput());
    const found = await getStations([b.id, "01HZZZZZZZZZZZZZZZZZZZZZZZ", a.id, b.id]);
    expect(found.map((s) => s.id)).toEqual([b.id, a.id]);
    expect(found[0]).toEqual(b);
  });
});

describe("updateStation", () => {
  it("applies a patch at the expected version and moves the version on", async () => {
    const station = await createStation(
      stationInput({ township: "东山镇", standards: { venue: { met: true } } }),
    );
    const updated = await updateStation(
      station.id,
      { status: "active", township: null, standards: { signage: { met: true, note: "已挂牌" } } },
      1,
      new Date("2030-01-01T00:00:00Z"),
    );
    expect(updated).toMatchObject({
      version: 2,
      status: "active",
      standardsMet: 2,
      updatedAt: "2030-01-01T00:00:00.000Z",
    });
    expect(updated.township).toBeUndefined();
    // The patch's checklist items are merged into the stored ones, not replacing them.
    expect(updated.standards.venue).toEqual({ met: true });
    expect(updated.standards.signage).toEqual({ met: true, note: "已挂牌" });
    expect(updated.createdAt).toBe(station.createdAt);
    expect(await getStation(station.id)).toEqual(updated);
  });

  it("answers 409 with the current version when the expected one is stale, and changes nothing", async () => {
    const station = await createStation(stationInput());
    await updateStation(station.id, { status: "active" }, 1);
    const error = await rejectionOf(updateStation(station.id, { status: "suspended" }, 1));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: "version_mismatch", currentVersion: 2 });
    expect(await getStation(station.id)).toMatchObject({ version: 2, status: "active" });
  });

  it("without an expected version, applies to whatever is stored", async () => {
    const station = await createStation(stationInput());
    await updateStation(station.id, { status: "active" }, undefined);
    const updated = await updateStation(
      station.id,
      { liaison: { leader: "王主席", committee: "经济委" } },
      undefined,
    );
    expect(updated).toMatchObject({
      version: 3,
      status: "active",
      liaison: { leader: "王主席", committee: "经济委" },
    });
  });

  it("an unknown station is not found", async () => {
    await expect(
      updateStation("01HZZZZZZZZZZZZZZZZZZZZZZZ", { status: "active" }, undefined),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("renaming frees the old name and takes the new one", async () => {
    const station = await createStation(stationInput());
    const oldName = station.name;
    const newName = unique("社溪委员工作站");
    await updateStation(station.id, { name: newName }, 1);
    await expect(createStation(stationInput({ name: oldName }))).resolves.toMatchObject({ name: oldName });
    await expect(createStation(stationInput({ name: newName }))).rejects.toMatchObject({
      reason: "already_exists",
    });
  });

  it("renaming onto another station's name is a conflict, and nothing changes", async () => {
    const taken = await createStation(stationInput());
    const station = await createStation(stationInput());
    const error = await rejectionOf(updateStation(station.id, { name: taken.name, status: "active" }, 1));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: "already_exists", problems: [{ field: "name" }] });
    expect(await getStation(station.id)).toEqual(station);
    // The station keeps its own name: nobody else can take it.
    await expect(createStation(stationInput({ name: station.name }))).rejects.toBeInstanceOf(ConflictError);
  });

  it("a new lead member must already serve at the station; naming them counts nothing twice", async () => {
    const lead = await createMember(memberInput());
    const station = await createStation(stationInput());
    const refused = await rejectionOf(updateStation(station.id, { leadMemberId: lead.id }, 1));
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).problems[0]).toMatchObject({
      field: "leadMemberId",
      code: "lead_not_serving",
    });
    expect(await getStation(station.id)).toEqual(station);
    expect((await getMember(lead.id)).stationCount).toBe(0);

    await assignMember(station.id, lead.id, "choice");
    const updated = await updateStation(station.id, { leadMemberId: lead.id }, 1);
    expect(updated).toMatchObject({ leadMemberId: lead.id, memberCount: 1 });
    expect((await getMember(lead.id)).stationCount).toBe(1);
    expect(await stationIdsOfMember(lead.id)).toEqual([station.id]);

    // Naming the same lead again, or clearing the lead, counts nothing twice.
    await updateStation(station.id, { leadMemberId: lead.id }, undefined);
    const cleared = await updateStation(station.id, { leadMemberId: null }, undefined);
    expect(cleared.leadMemberId).toBeUndefined();
    expect(cleared.memberCount).toBe(1);
    expect((await getMember(lead.id)).stationCount).toBe(1);
  });

  it("a lead member who does not exist is refused on leadMemberId, and nothing changes", async () => {
    const station = await createStation(stationInput());
    const error = await rejectionOf(
      updateStation(station.id, { leadMemberId: "01HZZZZZZZZZZZZZZZZZZZZZZZ", name: unique("新名") }, 1),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]).toMatchObject({
      field: "leadMemberId",
      code: "lead_not_serving",
    });
    expect(await getStation(station.id)).toEqual(station);
  });
});

describe("stations by zone (GSI2)", () => {
  it("lists only the zone's stations, with filters, and follows a change of zone", async () => {
    const dongshan = unique("东山");
    const yingqian = unique("营前");
    const a = await createStation(stationInput({ zone: dongshan }));
    const b = await createStation(stationInput({ zone: dongshan, kind: "room", status: "active" }));
    const c = await createStation(stationInput({ zone: yingqian }));

    const ids = async (zone: string, extra: object = {}) =>
      (await allPages((cursor) => listStations({ zone, ...extra }, { limit: 10, cursor }))).items.map(
        (s) => s.id,
      );
    expect(await ids(dongshan)).toEqual([a.id, b.id]);
    expect(await ids(yingqian)).toEqual([c.id]);
    expect(await ids(dongshan, { kind: "room" })).toEqual([b.id]);
    expect(await ids(dongshan, { status: "active", kind: "room" })).toEqual([b.id]);
    expect(await ids(dongshan, { status: "suspended" })).toEqual([]);
    expect((await stationsInZone(dongshan)).map((s) => s.id)).toEqual([a.id, b.id]);

    await updateStation(a.id, { zone: yingqian }, 1);
    expect(await ids(dongshan)).toEqual([b.id]);
    expect(await ids(yingqian)).toEqual([a.id, c.id]);
    const moved = (await stationsInZone(yingqian)).find((s) => s.id === a.id);
    expect(moved).toMatchObject({ zone: yingqian, version: 2 });
  });

  it("an empty zone lists nothing", async () => {
    expect(await listStations({ zone: unique("无此片区") }, { limit: 10, cursor: undefined })).toEqual({
      items: [],
      cursor: null,
    });
  });
});
