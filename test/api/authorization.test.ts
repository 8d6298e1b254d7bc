/**
 * Who may call an operation is decided before anything of the request's input is read: a caller
 * whose role may not call it is answered 403, never the details of a body they had no business
 * sending (which would tell them the shape of an admin-only route).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Api, createMember, createStation, expectApiError, type Station, startApi } from "./harness";

let api: Api;
let station: Station;
let staffToken: string;
let memberToken: string;

beforeAll(async () => {
  api = await startApi();
  station = await createStation(api);
  staffToken = await api.token({ role: "staff", stationIds: [station.id] });
  memberToken = await api.token({ role: "member", memberId: (await createMember(api)).id });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const badBody = { unexpected: true, name: 42 };

describe("roles are checked before the body", () => {
  it("staff registering a station (admin only) with a bad body: 403, no field details", async () => {
    const reply = await api.post("/stations", badBody, { token: staffToken });
    const error = expectApiError(reply, 403, "forbidden");
    expect(error.details ?? []).toEqual([]);
  });

  it("staff uploading a holiday calendar with a malformed JSON body: 403", async () => {
    const reply = await api.put("/holiday-calendars/2027", "{not json", { token: staffToken });
    expectApiError(reply, 403, "forbidden");
  });

  it("a member registering a topic with a bad body: 403 read-only, no field details", async () => {
    const reply = await api.post("/topics", badBody, { token: memberToken });
    const error = expectApiError(reply, 403, "forbidden");
    expect(error.message).toMatch(/只能查看/);
    expect(error.details ?? []).toEqual([]);
  });

  it("a member completing a step or changing a station: 403 before the path or body are looked at", async () => {
    for (const [method, path] of [
      ["post", "/topics/not-an-id/steps/collect/complete"],
      ["patch", `/stations/${station.id}`],
    ] as const) {
      const reply = await api[method](path, badBody, { token: memberToken });
      expectApiError(reply, 403, "forbidden");
    }
  });

  it("a caller who may: still told exactly which fields are wrong", async () => {
    const reply = await api.post("/stations", badBody);
    expect(expectApiError(reply, 400, "validation_failed").details?.map((d) => d.field)).toContain(
      "unexpected",
    );
  });
});
