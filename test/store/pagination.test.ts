/**
 * Paging through lists. This file has a table of its own, so the "all stations" and "all members"
 * collections hold exactly what it creates.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../functions/domain/errors";
import type { Member, Station } from "../../functions/registry/responses";
import { listStationAssignments } from "../../functions/registry/store/assignments";
import { createMember, listAllMembers, listMembers } from "../../functions/registry/store/members";
import { createStation, listStations } from "../../functions/registry/store/stations";
import { allPages, memberInput, stationInput, unique, useFreshTable } from "./fixtures";

const zone = unique("工业园区");
const sector = unique("科技界");
const stations: Station[] = [];
const members: Member[] = [];

beforeAll(async () => {
  await useFreshTable("store-pagination");
  // Created one after another: ids are time-sortable, so creation order is the expected list order.
  for (let i = 0; i < 25; i++) {
    stations.push(
      await createStation(
        stationInput({ zone: i < 12 ? zone : unique("城市社区"), kind: i % 3 === 0 ? "room" : "station" }),
      ),
    );
  }
  for (let i = 0; i < 25; i++)
    members.push(await createMember(memberInput({ sector: i % 2 === 0 ? sector : unique("农业界") })));
});

const ids = (list: readonly { id: string }[]) => list.map((item) => item.id);

describe("listStations", () => {
  it("25 stations in pages of 10: 10, 10, 5, then no cursor; none lost, none repeated, in id order", async () => {
    const { items, pages } = await allPages((cursor) => listStations({}, { limit: 10, cursor }));
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(ids(items)).toEqual(ids(stations));
    expect(new Set(ids(items)).size).toBe(25);
    expect([...ids(items)].sort()).toEqual(ids(items));
  });

  it("gives the same order every time (a stable order)", async () => {
    const first = await allPages((cursor) => listStations({}, { limit: 7, cursor }));
    const second = await allPages((cursor) => listStations({}, { limit: 7, cursor }));
    expect(ids(second.items)).toEqual(ids(first.items));
    expect(ids(first.items)).toEqual(ids(stations));
  });

  it("a page as large as the list holds all of it", async () => {
    const page = await listStations({}, { limit: 100, cursor: undefined });
    expect(ids(page.items)).toEqual(ids(stations));
    expect(page.cursor).toBeNull();
  });

  it("a page exactly the size of the list may end with one empty page, but loses nothing", async () => {
    const { items, pages } = await allPages((cursor) => listStations({}, { limit: 25, cursor }));
    expect(ids(items)).toEqual(ids(stations));
    expect(pages.slice(1).every((page) => page.length === 0)).toBe(true);
  });

  it("pages through a filtered list without losses", async () => {
    const rooms = stations.filter((s) => s.kind === "room");
    const { items, pages } = await allPages((cursor) => listStations({ kind: "room" }, { limit: 3, cursor }));
    expect(ids(items)).toEqual(ids(rooms));
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(3);
    for (const item of items) expect(item.kind).toBe("room");
  });

  it("pages through one zone (GSI2) without losses", async () => {
    const inZone = stations.filter((s) => s.zone === zone);
    expect(inZone).toHaveLength(12);
    const { items, pages } = await allPages((cursor) => listStations({ zone }, { limit: 5, cursor }));
    expect(pages.map((page) => page.length)).toEqual([5, 5, 2]);
    expect(ids(items)).toEqual(ids(inZone));
  });

  it("refuses a cursor taken from another list", async () => {
    const zonePage = await listStations({ zone }, { limit: 5, cursor: undefined });
    expect(zonePage.cursor).not.toBeNull();
    const intoAll = listStations({}, { limit: 5, cursor: zonePage.cursor ?? "" });
    await expect(intoAll).rejects.toBeInstanceOf(ValidationError);
    await expect(intoAll).rejects.toMatchObject({ problems: [{ field: "cursor", code: "invalid_cursor" }] });

    const allPage = await listStations({}, { limit: 5, cursor: undefined });
    await expect(listMembers({}, { limit: 5, cursor: allPage.cursor ?? "" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      listStations({ zone: "营前" }, { limit: 5, cursor: zonePage.cursor ?? "" }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses a garbled cursor", async () => {
    await expect(listStations({}, { limit: 5, cursor: "garbage" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("listMembers", () => {
  it("25 members in pages of 10, none lost or repeated, in id order", async () => {
    const { items, pages } = await allPages((cursor) => listMembers({}, { limit: 10, cursor }));
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(ids(items)).toEqual(ids(members));
  });

  it("pages through one sector (GSI2)", async () => {
    const inSector = members.filter((m) => m.sector === sector);
    expect(inSector).toHaveLength(13);
    const { items } = await allPages((cursor) => listMembers({ sector }, { limit: 4, cursor }));
    expect(ids(items)).toEqual(ids(inSector));
  });

  it("listAllMembers reads the whole register", async () => {
    expect(ids(await listAllMembers())).toEqual(ids(members));
  });
});

/* A well-formed but impossible start key must not reach DynamoDB, whose ValidationException would be a 500. */
describe("forged cursors that pass the shape check", () => {
  const forge = (plain: Record<string, string>) => Buffer.from(JSON.stringify(plain)).toString("base64url");

  it("a station-members cursor whose sort key is outside the member range is a 400", async () => {
    const stationId = stations[0]?.id ?? "";
    const cursor = forge({ PK: `STATION#${stationId}`, SK: "META" });
    await expect(listStationAssignments(stationId, { limit: 5, cursor })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it("a cursor with empty key values is a 400", async () => {
    const cursor = forge({ PK: "", SK: "", GSI1PK: "STATIONS", GSI1SK: "" });
    await expect(listStations({}, { limit: 5, cursor })).rejects.toBeInstanceOf(ValidationError);
  });
});
