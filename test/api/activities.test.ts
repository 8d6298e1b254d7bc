/**
 * Activities through the local gateway (issue #12): recorded, listed (and as CSV), corrected and
 * deleted with a reason, audited — and the station's tally exact under retries, concurrent writes
 * and corrections (decision 0020). A topic's 开展协商 counts as one consultation, once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { memberAttendance, readTally } from "../../functions/activities/store/tally";
import { setClock, simulatedClock } from "../../functions/kernel/clock";
import { yearCounters } from "../support/tally";
import { completeWhenReady, createTopic, evidenceFor, parkedAt } from "../workflow/harness";
import {
  type Api,
  assign,
  createMember,
  createStation,
  expectApiError,
  type Member,
  parseCsv,
  type Station,
  startApi,
} from "./harness";

interface Activity {
  id: string;
  stationId: string;
  type: string;
  label?: string;
  date: string;
  year: number;
  memberIds: string[];
  residentsReached: number;
  source: string;
  status: string;
  topicId?: string;
  deletedReason?: string;
  version: number;
}

interface HistoryLine {
  kind: string;
  reason?: string;
  actor: { subject: string };
  changes?: Record<string, { from: unknown; to: unknown }>;
}

let api: Api;
let station: Station;
let other: Station;
let members: Member[];
let staff: string;

beforeAll(async () => {
  api = await startApi();
  // Mid-June 2027 in the county: "today" for the date rule.
  setClock(simulatedClock(new Date("2027-06-15T02:00:00Z"), 1));
  station = await createStation(api);
  other = await createStation(api);
  members = [await createMember(api), await createMember(api), await createMember(api)];
  staff = await api.token({ role: "staff", stationIds: [station.id], subject: "staff-activities" });
});

afterAll(async () => {
  setClock(undefined);
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const counters = yearCounters;

const visit = (overrides: Record<string, unknown> = {}) => ({
  type: "visit",
  date: "2027-06-10",
  place: "城东社区",
  memberIds: [members[0]?.id],
  residentsReached: 12,
  summary: "走访独居老人",
  ...overrides,
});

async function record(body: Record<string, unknown>, stationId = station.id): Promise<Activity> {
  const reply = await api.post(`/stations/${stationId}/activities`, body);
  expect(reply.status, reply.text).toBe(201);
  return reply.json<Activity>();
}

describe("recording an activity", () => {
  it("records it, counts it in the tally of its year and in each member's attendance", async () => {
    const before = await memberAttendance(members[1]?.id ?? "", 2027);
    const activity = await record(visit({ memberIds: [members[1]?.id, members[2]?.id], date: "2027-03-02" }));
    expect(activity).toMatchObject({
      type: "visit",
      year: 2027,
      source: "manual",
      status: "recorded",
      version: 1,
    });
    expect((await counters(station.id, 2027)).activity_visit).toBeGreaterThanOrEqual(1);
    expect(await memberAttendance(members[1]?.id ?? "", 2027)).toBe(before + 1);
    const read = await api.get(`/activities/${activity.id}`, { token: staff });
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"1"');
  });

  it("refuses bad input with the failing fields, changing nothing", async () => {
    const tally = await counters(station.id, 2027);
    const cases: [Record<string, unknown>, string[]][] = [
      [visit({ type: "other" }), ["label"]],
      [visit({ label: "读书会" }), ["label"]],
      [visit({ date: "2027-06-16" }), ["date"]],
      [visit({ memberIds: ["01ARZ3NDEKTSV4RRFFQ69G5FAV"] }), ["memberIds.0"]],
      [visit({ memberIds: [members[0]?.id, members[0]?.id] }), ["memberIds"]],
      [visit({ residentsReached: -1 }), ["residentsReached"]],
      [visit({ type: "party" }), ["type"]],
      [visit({ topicId: "01ARZ3NDEKTSV4RRFFQ69G5FAV" }), ["topicId"]],
      [visit({ memberIds: Array.from({ length: 46 }, () => members[0]?.id) }), ["memberIds"]],
    ];
    for (const [body, fields] of cases) {
      const reply = await api.post(`/stations/${station.id}/activities`, body);
      expectApiError(reply, 400, "validation_failed");
      expect(reply.fields, JSON.stringify(body)).toEqual(fields);
    }
    expect(await counters(station.id, 2027)).toEqual(tally);
    const other = await record(visit({ type: "other", label: "读书会" }));
    expect(other.label).toBe("读书会");
  });

  it("lets staff record only at their stations, and members only read theirs", async () => {
    expectApiError(
      await api.post(`/stations/${other.id}/activities`, visit(), { token: staff }),
      404,
      "not_found",
    );
    expect((await api.post(`/stations/${station.id}/activities`, visit(), { token: staff })).status).toBe(
      201,
    );
    const member = members[2] as Member;
    await assign(api, station.id, member.id);
    const token = await api.token({ role: "member", memberId: member.id, subject: "member-activities" });
    expectApiError(
      await api.post(`/stations/${station.id}/activities`, visit(), { token }),
      403,
      "forbidden",
    );
    expect((await api.get(`/stations/${station.id}/activities`, { token })).status).toBe(200);
    expectApiError(await api.get(`/stations/${other.id}/activities`, { token }), 404, "not_found");
    const attendance = await api.get(`/members/${member.id}/attendance?year=2027`, { token });
    expect(attendance.json()).toEqual({ memberId: member.id, year: 2027, attended: expect.any(Number) });
    expectApiError(await api.get(`/members/${members[0]?.id}/attendance`, { token }), 404, "not_found");
  });
});

describe("the tally", () => {
  it("counts N concurrent records exactly N times", async () => {
    const fresh = await createStation(api);
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        api.post(`/stations/${fresh.id}/activities`, visit({ type: "study" })),
      ),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(12).fill(201));
    expect(await counters(fresh.id, 2027)).toEqual({ activity_study: 12 });
  });

  it("counts a retried request (same Idempotency-Key) once, even when the retries race", async () => {
    const fresh = await createStation(api);
    const headers = { "idempotency-key": "activity-retry-1" };
    const first = await api.post(`/stations/${fresh.id}/activities`, visit(), { headers });
    expect(first.status).toBe(201);
    const again = await Promise.all(
      [1, 2, 3].map(() => api.post(`/stations/${fresh.id}/activities`, visit(), { headers })),
    );
    for (const reply of again) expect(reply.json<Activity>().id).toBe(first.json<Activity>().id);
    expect(await counters(fresh.id, 2027)).toEqual({ activity_visit: 1 });
  });

  it("moves with a correction of type, year and members, and withdraws a deletion", async () => {
    const fresh = await createStation(api);
    const [a, b] = members as [Member, Member];
    const activity = await record(visit({ memberIds: [a.id] }), fresh.id);
    const attendedA = await memberAttendance(a.id, 2027);
    const attendedB26 = await memberAttendance(b.id, 2026);
    const patched = await api.patch(
      `/activities/${activity.id}`,
      { type: "consultation", date: "2026-12-20", memberIds: [b.id], reason: "录入时类型和日期有误" },
      { headers: { "if-match": '"1"' } },
    );
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json<Activity>()).toMatchObject({ type: "consultation", year: 2026, version: 2 });
    expect(await counters(fresh.id, 2027)).toEqual({ activity_visit: 0 });
    expect(await counters(fresh.id, 2026)).toEqual({ activity_consultation: 1 });
    expect((await readTally(fresh.id, 2026)).counters.q4_activity_consultation).toBe(1);
    expect(await memberAttendance(a.id, 2027)).toBe(attendedA - 1);
    expect(await memberAttendance(b.id, 2026)).toBe(attendedB26 + 1);

    const deleted = await api.delete(`/activities/${activity.id}?reason=${encodeURIComponent("重复登记")}`);
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.json<Activity>()).toMatchObject({
      status: "deleted",
      deletedReason: "重复登记",
      version: 3,
    });
    expect(await counters(fresh.id, 2026)).toEqual({ activity_consultation: 0 });
    expect(await memberAttendance(b.id, 2026)).toBe(attendedB26);
    const list = await api.get(`/stations/${fresh.id}/activities`);
    expect(list.json<{ items: Activity[] }>().items).toEqual([]);
    expectApiError(await api.delete(`/activities/${activity.id}?reason=again`), 409, "activity_deleted");
    expectApiError(
      await api.patch(`/activities/${activity.id}`, { place: "x", reason: "y" }),
      409,
      "activity_deleted",
    );
    expect(await counters(fresh.id, 2026)).toEqual({ activity_consultation: 0 });

    const history = (await api.get(`/activities/${activity.id}/history`)).json<{ items: HistoryLine[] }>()
      .items;
    expect(history.map((line) => line.kind)).toEqual(["recorded", "corrected", "deleted"]);
    expect(history[1]?.reason).toBe("录入时类型和日期有误");
    expect(history[1]?.changes).toMatchObject({
      type: { from: "visit", to: "consultation" },
      date: { from: "2027-06-10", to: "2026-12-20" },
    });
    expect(history[2]).toMatchObject({ kind: "deleted", reason: "重复登记" });
  });

  it("lets one of two corrections on the same version win, and counts it once", async () => {
    const fresh = await createStation(api);
    const activity = await record(visit(), fresh.id);
    const replies = await Promise.all(
      ["study", "service", "fellowship", "reception"].map((type) =>
        api.patch(
          `/activities/${activity.id}`,
          { type, reason: "更正类型" },
          { headers: { "if-match": '"1"' } },
        ),
      ),
    );
    const won = replies.filter((reply) => reply.status === 200);
    expect(won).toHaveLength(1);
    for (const reply of replies.filter((r) => r.status !== 200))
      expectApiError(reply, 409, "version_mismatch");
    const winner = won[0]?.json<Activity>().type ?? "";
    const tally = await counters(fresh.id, 2027);
    expect(tally).toMatchObject({ activity_visit: 0, [`activity_${winner}`]: 1 });
    expect(Object.values(tally).reduce<number>((sum, n) => sum + (n ?? 0), 0)).toBe(1);
  });

  it("needs a reason to correct or delete, and refuses a bad If-Match", async () => {
    const activity = await record(visit());
    const noReason = await api.patch(`/activities/${activity.id}`, { place: "新地点" });
    expectApiError(noReason, 400, "validation_failed");
    expect(noReason.fields).toEqual(["reason"]);
    const noDeleteReason = await api.delete(`/activities/${activity.id}`);
    expectApiError(noDeleteReason, 400, "validation_failed");
    expect(noDeleteReason.fields).toEqual(["reason"]);
    expectApiError(
      await api.patch(
        `/activities/${activity.id}`,
        { place: "新地点", reason: "x" },
        { headers: { "if-match": '"7"' } },
      ),
      409,
      "version_mismatch",
    );
  });
});

describe("listing", () => {
  it("filters by year and type, and answers CSV with Chinese headers and type names", async () => {
    const fresh = await createStation(api);
    await record(visit({ date: "2026-05-01" }), fresh.id);
    await record(visit({ type: "study", date: "2027-01-05" }), fresh.id);
    await record(visit({ type: "other", label: "读书会", date: "2027-02-05" }), fresh.id);
    const year = (await api.get(`/stations/${fresh.id}/activities?year=2027`)).json<{ items: Activity[] }>();
    expect(year.items.map((a) => a.date)).toEqual(["2027-02-05", "2027-01-05"]);
    const studies = (await api.get(`/stations/${fresh.id}/activities?type=study`)).json<{
      items: Activity[];
    }>();
    expect(studies.items.map((a) => a.type)).toEqual(["study"]);
    const csv = await api.get(`/stations/${fresh.id}/activities?year=2027&format=csv`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.text);
    expect(rows[0]?.slice(0, 4)).toEqual(["编号", "日期", "类型", "活动名称"]);
    expect(rows.slice(1).map((row) => row[2])).toEqual(["自选动作", "学习"]);
    expect(rows[1]?.[3]).toBe("读书会");
  });
});

describe("a topic's 开展协商", () => {
  it("counts as one consultation when completed, once, even completed again after a return", async () => {
    const lead = members[0] as Member;
    const home = await createStation(api);
    await assign(api, home.id, lead.id);
    const topic = await createTopic(api, home.id);
    for (const step of ["collect", "determine", "research", "consult"] as const)
      await completeWhenReady(api, topic.id, step, [lead.id]);
    const activity = (await api.get(`/activities/${topic.id}`)).json<Activity>();
    expect(activity).toMatchObject({
      type: "consultation",
      source: "topic",
      topicId: topic.id,
      date: "2026-11-20",
    });
    expect(activity.memberIds).toEqual([lead.id]);
    expect(await counters(home.id, 2026)).toEqual({ activity_consultation: 1 });

    // A retried completion is refused (the step moved on); nothing counts again.
    const retried = await api.post(`/topics/${topic.id}/steps/consult/complete`, { meeting: {} });
    expect(retried.status).not.toBe(200);
    // Sent back to 开展协商 and completed again: still one consultation.
    await parkedAt(api, topic.id, "report");
    const back = await api.post(`/topics/${topic.id}/return`, {
      step: "report",
      toStep: "consult",
      reason: "补充协商",
    });
    expect(back.status, back.text).toBe(200);
    await completeWhenReady(api, topic.id, "consult", [lead.id]);
    expect(await counters(home.id, 2026)).toEqual({ activity_consultation: 1 });
  });

  it("stays as the topic counts it: not deleted, nor made another kind, apart from the topic; its details can be corrected", async () => {
    const lead = members[0] as Member;
    const home = await createStation(api);
    await assign(api, home.id, lead.id);
    const topic = await createTopic(api, home.id);
    for (const step of ["collect", "determine", "research", "consult"] as const)
      await completeWhenReady(api, topic.id, step, [lead.id]);
    const year = (await api.get(`/activities/${topic.id}`)).json<Activity>().date.slice(0, 4);
    const before = await counters(home.id, Number(year));

    const deleted = expectApiError(
      await api.delete(`/activities/${topic.id}?reason=${encodeURIComponent("录错了")}`),
      409,
      "activity_from_topic",
    );
    expect(deleted.message).toContain("开展协商");
    expectApiError(
      await api.patch(`/activities/${topic.id}`, { type: "visit", reason: "改为走访" }),
      409,
      "activity_from_topic",
    );
    expect(await counters(home.id, Number(year))).toEqual(before);
    const fixed = await api.patch(`/activities/${topic.id}`, { place: "社区议事厅", reason: "地点写错" });
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.json<Activity>()).toMatchObject({
      type: "consultation",
      place: "社区议事厅",
      status: "recorded",
    });
    expect(await counters(home.id, Number(year))).toEqual(before);
  });

  it("refuses a meeting no activity could record, naming the field, and counts nothing", async () => {
    const lead = members[0] as Member;
    const home = await createStation(api);
    const topic = await createTopic(api, home.id);
    for (const step of ["collect", "determine", "research"] as const)
      await completeWhenReady(api, topic.id, step, [lead.id]);
    await parkedAt(api, topic.id, "consult");
    const meeting = (change: Record<string, unknown>, participants: Record<string, unknown> = {}) => {
      const evidence = evidenceFor("consult", [lead.id]) as { meeting: { participants: object } };
      return {
        meeting: {
          ...evidence.meeting,
          ...change,
          participants: { ...evidence.meeting.participants, ...participants },
        },
      };
    };
    const complete = (body: unknown) => api.post(`/topics/${topic.id}/steps/consult/complete`, body);
    const fieldsOf = (error: { details?: { field: string }[] }) => error.details?.map((d) => d.field);

    // The simulated county date is 2027-06-15.
    const future = expectApiError(await complete(meeting({ date: "2027-06-16" })), 400, "validation_failed");
    expect(fieldsOf(future)).toEqual(["meeting.date"]);
    const unknown = expectApiError(
      await complete(meeting({}, { members: [lead.id, "01J0000000000000000000ZZZZ"] })),
      400,
      "validation_failed",
    );
    expect(unknown.details).toEqual([
      expect.objectContaining({ field: "meeting.participants.members.1", code: "not_found" }),
    ]);
    const twice = expectApiError(
      await complete(meeting({}, { members: [lead.id, lead.id] })),
      400,
      "validation_failed",
    );
    expect(fieldsOf(twice)).toEqual(["meeting.participants.members"]);
    const crowd = Array.from({ length: 46 }, (_, i) => `01J${String(i).padStart(23, "0")}`);
    const tooMany = expectApiError(await complete(meeting({}, { members: crowd })), 400, "validation_failed");
    expect(fieldsOf(tooMany)).toContain("meeting.participants.members");

    expect((await api.get(`/topics/${topic.id}`)).json<{ step: string }>().step).toBe("consult");
    expect((await api.get(`/activities/${topic.id}`)).status).toBe(404);
    expect(await counters(home.id, 2027)).toEqual({ topics: 1 });
  });
});
