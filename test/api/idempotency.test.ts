/**
 * Creates honour `Idempotency-Key`: a client that retries after a lost answer gets the first answer
 * again and nothing is created twice; the same key for another request is refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { topicInput } from "../workflow/harness";
import {
  type Api,
  createStation,
  expectApiError,
  listAll,
  type Station,
  startApi,
  stationInput,
  unique,
} from "./harness";

let api: Api;
let station: Station;
let staffToken: string;

beforeAll(async () => {
  api = await startApi();
  station = await createStation(api);
  staffToken = await api.token({ role: "staff", stationIds: [station.id], subject: "staff-idem" });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const withKey = (key: string, token?: string) => ({
  headers: { "idempotency-key": key },
  ...(token ? { token } : {}),
});

async function topicsTitled(title: string) {
  const topics = await listAll<{ title: string }>(api, `/topics?stationId=${station.id}`);
  return topics.filter((topic) => topic.title === title);
}

describe("Idempotency-Key on POST /topics", () => {
  it("the same key again answers the first answer and registers nothing more", async () => {
    const title = unique("加装电梯");
    const key = unique("key-");
    const body = topicInput(station.id, { title });
    const first = await api.post("/topics", body, withKey(key, staffToken));
    expect(first.status, first.text).toBe(201);
    const again = await api.post("/topics", body, withKey(key, staffToken));
    expect(again.status).toBe(201);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await topicsTitled(title)).toHaveLength(1);
  });

  it("the same key with a different body: 422, and nothing registered", async () => {
    const key = unique("key-");
    const title = unique("河道整治");
    expect((await api.post("/topics", topicInput(station.id), withKey(key, staffToken))).status).toBe(201);
    const reply = await api.post("/topics", topicInput(station.id, { title }), withKey(key, staffToken));
    expectApiError(reply, 422, "idempotency_key_reused");
    expect(await topicsTitled(title)).toHaveLength(0);
  });

  it("ten concurrent retries with one key register one topic", async () => {
    const title = unique("停车难");
    const key = unique("key-");
    const body = topicInput(station.id, { title });
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => api.post("/topics", body, withKey(key, staffToken))),
    );
    for (const reply of replies) expect([201, 409], reply.text).toContain(reply.status);
    const created = replies.filter((reply) => reply.status === 201).map((r) => r.json<{ id: string }>().id);
    expect(new Set(created).size).toBe(1);
    for (const reply of replies.filter((r) => r.status === 409)) {
      expect(reply.error.code).toBe("request_in_progress");
      expect(reply.headers.get("retry-after")).toBe("1");
    }
    expect(await topicsTitled(title)).toHaveLength(1);
  });

  it("keys belong to their caller: another user's identical key creates its own topic", async () => {
    const title = unique("垃圾分类");
    const key = unique("shared-");
    const body = topicInput(station.id, { title });
    expect((await api.post("/topics", body, withKey(key, staffToken))).status).toBe(201);
    expect((await api.post("/topics", body, withKey(key))).status).toBe(201);
    expect(await topicsTitled(title)).toHaveLength(2);
  });

  it("a create that failed lets its key go, so the corrected retry goes through", async () => {
    const key = unique("key-");
    const missingResponsible = topicInput(station.id, {
      responsible: { name: "甲", memberId: "01ARZ3NDEKTSV4RRFFQ69G5FAV" },
    });
    const failed = await api.post("/topics", missingResponsible, withKey(key, staffToken));
    expect(failed.status, failed.text).toBe(400);
    const fixed = await api.post("/topics", topicInput(station.id), withKey(key, staffToken));
    expect(fixed.status, fixed.text).toBe(201);
  });

  it("a malformed key is refused naming the header", async () => {
    const reply = await api.post("/topics", topicInput(station.id), withKey("has spaces in it", staffToken));
    expect(expectApiError(reply, 400, "validation_failed").details?.map((d) => d.field)).toEqual([
      "Idempotency-Key",
    ]);
  });
});

describe("Idempotency-Key on the registry's creates", () => {
  it("POST /stations and POST /members twice with a key: one record each", async () => {
    const key = unique("key-");
    const body = stationInput();
    const first = await api.post("/stations", body, withKey(key));
    const again = await api.post("/stations", body, withKey(key));
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json<Station>().id).toBe(first.json<Station>().id);
    const memberKey = unique("key-");
    const member = {
      name: "李四",
      sector: "教育界",
      profession: "教师",
      expertise: [],
      phone: "13912340000",
    };
    const m1 = await api.post("/members", member, withKey(memberKey));
    const m2 = await api.post("/members", member, withKey(memberKey));
    expect([m1.status, m2.status], m2.text).toEqual([201, 201]);
    expect(m2.headers.get("idempotent-replayed")).toBe("true");
  });
});
