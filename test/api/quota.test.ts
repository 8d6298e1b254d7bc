/**
 * The year's plan, the quota views and the quarterly check through the API (decision 0022): pace at
 * quarter and year ends (2024 is a leap year), the plan used by pace, who the check tells, the year's
 * first check closing the year before, and a check run twice or at once recorded once, telling no one twice.
 */

import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tallyWrite } from "../../functions/activities/store/tally";
import { countedOn, type YearCounter } from "../../functions/domain/quota/tally";
import { dynamodb, tableName } from "../../functions/kernel/table/client";
import { scanAll } from "../../functions/kernel/table/items";
import { stationKey } from "../../functions/kernel/table/keys";
import { writeTransaction } from "../../functions/kernel/table/transaction";
import {
  type Api,
  createMember,
  createStation,
  expectApiError,
  listAll,
  nextPhone,
  parseCsv,
  type Station,
  startApi,
} from "./harness";

interface Pace {
  count: number;
  target: number;
  expected: number;
  status: string;
  forecast: number;
  toTarget: number;
  behindPace: number;
}
interface Quota {
  stationId: string;
  year: number;
  yearElapsed: number;
  quarterlyElapsed: number;
  consultations: Pace;
  opinions: Pace;
  status: string;
  asOf: string;
  behindPaceText: string;
  activities: { type: string; done: number; planned: number; plannedByNow: number }[];
  plan: { version: number } | null;
  coverage?: { members: number; withoutActivity: { memberId: string }[] };
}
interface Check {
  id: string;
  status: string;
  years: { year: number; closing: boolean; stations: number; byStatus: Record<string, number> }[];
  notices: number;
  runs: number;
}
interface Notice {
  templateId: string;
  recipient: { id: string };
  text: string;
}

let api: Api;
const people: Record<string, Station> = {};

/**
 * Registered long ago: the check judges a station only on years and quarters since it was registered,
 * and these stations are judged on past years.
 */
async function registeredIn2020(station: Station): Promise<Station> {
  await dynamodb().send(
    new UpdateItemCommand({
      TableName: tableName(),
      Key: marshall(stationKey(station.id)),
      UpdateExpression: "SET createdAt = :long",
      ExpressionAttributeValues: marshall({ ":long": "2020-01-01T00:00:00.000Z" }),
    }),
  );
  return station;
}

/** A station whose tallies count, by year, what was dated in that year's first quarter. */
async function activeStation(
  name: string,
  tallies: Record<number, Partial<Record<YearCounter, number>>>,
  registered: "long ago" | "now" = "long ago",
): Promise<Station> {
  const lead = await createMember(api, { name: `${name}牵头委员` });
  const station = await createStation(api, {
    status: "active",
    leadMemberId: lead.id,
    contact: { name: `${name}联络员`, phone: nextPhone() },
    liaison: { leader: `${name}联系领导`, committee: "提案委员会", phone: nextPhone() },
    chatRobot: {
      platform: "wecom",
      webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=quota-${nextPhone()}`,
    },
  });
  for (const [year, delta] of Object.entries(tallies))
    await writeTransaction(tallyWrite(station.id, Number(year), countedOn(`${year}-01-15`, delta)));
  return registered === "now" ? station : registeredIn2020(station);
}

/** Asks for the check of `asOf` and follows it to the end, as the console does: 202, then GET until done. */
async function checkOf(asOf: string): Promise<{ status: number; check: Check }> {
  const reply = await api.post("/quota-checks", { asOf });
  if (reply.status !== 202) return { status: reply.status, check: reply.json<Check>() };
  const location = reply.headers.get("location") ?? "";
  expect(reply.json<Check>().status).toBe("running");
  for (let tries = 0; tries < 200; tries++) {
    const check = (await api.get(location)).json<Check>();
    if (check.status === "done") return { status: 202, check };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${location} not done after 10 s`);
}

const notices = async (template?: string) =>
  (await scanAll<Notice>({ expression: "#entity = :notice", values: { ":notice": "notification" } })).filter(
    (n) => !template || n.templateId === template,
  );

const quota = async (stationId: string, query: string) => {
  const reply = await api.get(`/stations/${stationId}/quota?${query}`);
  expect(reply.status, reply.text).toBe(200);
  return reply.json<Quota>();
};

beforeAll(async () => {
  api = await startApi();
  people.behind = await activeStation("甲", { 2025: { activity_consultation: 2, opinions: 3 } });
  people.atRisk = await activeStation("乙", {});
  people.met = await activeStation("丙", {
    2024: { activity_consultation: 4, opinions: 10 },
    2025: { activity_consultation: 4, opinions: 10 },
  });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

describe("pace through the API", () => {
  it("at the end of a leap year's Q1: a quarter of the year, one consultation and two opinions expected", async () => {
    const seeded = await activeStation("丁", { 2024: { activity_consultation: 1, opinions: 1 } });
    const q1 = await quota(seeded.id, "year=2024&quarter=1");
    expect(q1.quarterlyElapsed).toBe(0.25);
    expect(q1.yearElapsed).toBeCloseTo(91 / 366, 4);
    expect(q1.consultations).toMatchObject({ count: 1, expected: 1, status: "on_pace", forecast: 4 });
    // Still to do this year (9) and behind pace (1) are two figures, each named for what it is.
    expect(q1.opinions).toMatchObject({
      count: 1,
      expected: 2,
      status: "behind",
      toTarget: 9,
      behindPace: 1,
    });
    expect(q1.consultations).toMatchObject({ toTarget: 3, behindPace: 0 });
    expect(q1.behindPaceText).toBe("社情民意1条");
    // The year over: short of a target is at risk; a past year is shown as of its end, not now.
    const year = await quota(seeded.id, "year=2024");
    expect(year).toMatchObject({ quarterlyElapsed: 1, yearElapsed: 1, status: "at_risk" });
    expect(year.asOf).toBe("2024-12-31T16:00:00.000Z");
    expect(year.consultations).toMatchObject({ expected: 4, toTarget: 3, behindPace: 3 });
    expect(year.behindPaceText).toBe("协商议事3次、社情民意9条");
  });

  it("as of a past quarter's end, counts what is dated up to it, however late it was recorded", async () => {
    const station = await activeStation("己", {});
    const consultation = async (date: string) => {
      const reply = await api.post(`/stations/${station.id}/activities`, {
        type: "consultation",
        date,
        place: "议事厅",
        memberIds: [],
        residentsReached: 5,
      });
      expect(reply.status, reply.text).toBe(201);
      return reply.json<{ id: string; version: number }>();
    };
    const march = await consultation("2026-03-20");
    await consultation("2026-05-08");
    expect((await quota(station.id, "year=2026&quarter=1")).consultations.count).toBe(1);
    expect((await quota(station.id, "year=2026&quarter=2")).consultations.count).toBe(2);
    expect((await quota(station.id, "year=2026")).consultations.count).toBe(2);
    // A correction that moves the March consultation into April leaves Q1 with none.
    const moved = await api.patch(`/activities/${march.id}`, {
      date: "2026-04-02",
      reason: "日期记错",
      version: march.version,
    });
    expect(moved.status, moved.text).toBe(200);
    expect((await quota(station.id, "year=2026&quarter=1")).consultations).toMatchObject({
      count: 0,
      status: "behind",
    });
    expect((await quota(station.id, "year=2026&quarter=2")).consultations.count).toBe(2);
    const county = (await api.get("/quota?year=2026&quarter=1&limit=100")).json<{ items: Quota[] }>();
    expect(county.items.find((item) => item.stationId === station.id)?.consultations.count).toBe(0);
  });

  it("holds a station to its plan once it has one, and shows the plan beside what was done", async () => {
    const station = await activeStation("戊", { 2025: { opinions: 1, activity_visit: 1 } });
    expect((await quota(station.id, "year=2025&quarter=1")).status).toBe("behind");
    const quarters = [
      { consultations: 0, opinions: 1, activities: { visit: 2 }, notes: "走访为主" },
      { consultations: 2, opinions: 3 },
      { consultations: 1, opinions: 3 },
      { consultations: 1, opinions: 3 },
    ];
    const saved = await api.put(`/stations/${station.id}/plans/2025`, { quarters });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json<{ version: number }>().version).toBe(1);
    const q1 = await quota(station.id, "year=2025&quarter=1");
    expect(q1.status).toBe("on_pace");
    expect(q1.activities.find((line) => line.type === "visit")).toMatchObject({
      done: 1,
      planned: 2,
      plannedByNow: 2,
    });
    expect(q1.plan?.version).toBe(1);
    // The counts are still there beside the plan.
    expect(q1.opinions.count).toBe(1);
    // A stale or missing version is refused; the current one is accepted.
    expectApiError(
      await api.put(`/stations/${station.id}/plans/2025`, { quarters }),
      409,
      "version_mismatch",
    );
    const again = await api.put(`/stations/${station.id}/plans/2025`, { quarters, version: 1 });
    expect(again.status, again.text).toBe(200);
    expect((await api.get(`/stations/${station.id}/plans/2025`)).json<{ version: number }>().version).toBe(2);
  });

  it("refuses a plan without four quarters, naming the field; staff of another station may not plan", async () => {
    const error = expectApiError(
      await api.put(`/stations/${people.met?.id}/plans/2025`, {
        quarters: [{ consultations: 1, opinions: 1 }],
      }),
      400,
      "validation_failed",
    );
    expect(error.details?.map((d) => d.field)).toContain("quarters");
    const staff = await api.token({
      role: "staff",
      stationIds: [people.behind?.id ?? ""],
      subject: "staff-q",
    });
    const quarters = Array.from({ length: 4 }, () => ({ consultations: 1, opinions: 3 }));
    expectApiError(
      await api.put(`/stations/${people.met?.id}/plans/2025`, { quarters }, { token: staff }),
      404,
      "not_found",
    );
    expectApiError(await api.get(`/stations/${people.met?.id}/plans/2024`), 404, "not_found");
  });

  it("refuses a plan whose year falls short of the targets: it would silence every check", async () => {
    const empty = Array.from({ length: 4 }, () => ({ consultations: 0, opinions: 2 }));
    const error = expectApiError(
      await api.put(`/stations/${people.met?.id}/plans/2026`, { quarters: empty }),
      400,
      "validation_failed",
    );
    expect(error.details).toEqual([
      {
        field: "quarters",
        code: "plan_below_target",
        message: "全年计划的协商议事活动合计 0 次，少于年度目标 4 次",
      },
      {
        field: "quarters",
        code: "plan_below_target",
        message: "全年计划的社情民意信息合计 8 条，少于年度目标 10 条",
      },
    ]);
    expectApiError(await api.get(`/stations/${people.met?.id}/plans/2026`), 404, "not_found");
  });
});

describe("the quarterly check", () => {
  it("the year's first check closes the year before and tells the county office once", async () => {
    const { status, check } = await checkOf("2025-01-02");
    expect(status).toBe(202);
    expect(check).toMatchObject({ id: "2025-Q1", status: "done", runs: 1 });
    expect(check.years).toHaveLength(1);
    expect(check.years[0]).toMatchObject({ year: 2024, closing: true });
    expect(check.years[0]?.byStatus.met).toBe(1);
    expect(await notices("quota_behind")).toEqual([]);
    const summary = await notices("quota_summary");
    expect(summary.map((n) => n.recipient.id)).toEqual(["county-office"]);
    expect(summary[0]?.text).toMatch(/2024年度已结/);
  });

  it("tells the lead member and contact of a station behind, and the liaison of one at risk", async () => {
    const { status, check } = await checkOf("2025-07-01");
    expect(status).toBe(202);
    expect(check.id).toBe("2025-Q3");
    expect(check.years.map((y) => [y.year, y.closing])).toEqual([[2025, false]]);
    const behind = (await notices("quota_behind")).map((n) => n.recipient.id);
    const { behind: a, atRisk: b, met: c } = people as Record<string, Station>;
    expect(behind).toEqual(
      expect.arrayContaining([
        `member:${a?.leadMemberId}`,
        `station-contact:${a?.id}`,
        `chat:${a?.id}`,
        `member:${b?.leadMemberId}`,
        `chat:${b?.id}`,
      ]),
    );
    expect(behind.some((id) => id.includes(c?.id ?? "-") || id === `member:${c?.leadMemberId}`)).toBe(false);
    const atRisk = await notices("quota_at_risk");
    expect(atRisk.map((n) => n.recipient.id)).toContain(`liaison:${b?.id}`);
    expect(atRisk.map((n) => n.recipient.id)).not.toContain(`liaison:${a?.id}`);
    const detail = await api.get("/quota-checks/2025-Q3?limit=100");
    const results = detail.json<{
      results: { items: { stationId: string; status: string; told: string[] }[] };
    }>().results.items;
    expect(results.find((r) => r.stationId === a?.id)).toMatchObject({ status: "behind" });
    expect(results.find((r) => r.stationId === b?.id)?.told).toContain("乙联系领导、提案委员会");
    expect(results.find((r) => r.stationId === c?.id)).toMatchObject({ status: "met", told: [] });
    // Staff of many stations (past DynamoDB's 100 operands of IN) see their own stations' results only.
    const many = Array.from({ length: 120 }, (_, i) => `01J${String(i).padStart(23, "0")}`);
    const staff = await api.token({
      role: "staff",
      stationIds: [...many, a?.id ?? ""],
      subject: "staff-many",
    });
    const seen = (await api.get("/quota-checks/2025-Q3?limit=100", { token: staff })).json<{
      results: { items: { stationId: string }[] };
    }>().results.items;
    expect(seen.map((r) => r.stationId)).toEqual([a?.id]);
  });

  it("an earlier quarter's check, asked for again, answers as recorded and tells no one twice", async () => {
    const before = (await notices()).length;
    const again = await api.post("/quota-checks", { asOf: "2025-08-15" });
    expect(again.status, again.text).toBe(200);
    expect(again.json<Check>()).toMatchObject({ id: "2025-Q3", runs: 1 });
    expect((await notices()).length).toBe(before);
  });

  it("run twice at once, is done once", async () => {
    const before = (await notices()).length;
    const replies = await Promise.all([1, 2, 3].map(() => checkOf("2025-10-09")));
    for (const { status } of replies) expect([200, 202]).toContain(status);
    expect(replies.map(({ check }) => check.status)).toEqual(["done", "done", "done"]);
    const checks = await listAll<Check>(api, "/quota-checks");
    expect(checks.map((c) => c.id)).toEqual(["2025-Q4", "2025-Q3", "2025-Q1"]);
    expect(checks[0]).toMatchObject({ status: "done", runs: 1 });
    const added = (await notices()).length - before;
    expect(added).toBe(checks[0]?.notices);
  });

  it("closes a year once, by the first check of the next year that ran, when its Q1 check did not", async () => {
    const { check: q2 } = await checkOf("2026-04-01");
    expect(q2.years.map((year) => year.year)).toEqual([2025, 2026]);
    const { check: q3 } = await checkOf("2026-07-01");
    expect(q3.years.map((year) => year.year)).toEqual([2026]);
  });

  it("closes a year once whatever order its checks run in, and judges no station before it was registered", async () => {
    const room = await activeStation("新建室", {}, "now");
    const { check: q4 } = await checkOf("2023-10-09");
    expect(q4.years.map((year) => [year.year, year.closing])).toEqual([
      [2022, true],
      [2023, false],
    ]);
    const { check: q3 } = await checkOf("2023-07-03");
    expect(q3.years.map((year) => [year.year, year.closing])).toEqual([[2023, false]]);
    const { check: q2 } = await checkOf("2023-04-03");
    expect(q2.years.map((year) => [year.year, year.closing])).toEqual([[2023, false]]);
    // The room registered now is in none of them, and no one of it was told anything.
    for (const id of ["2023-Q4", "2023-Q3", "2023-Q2"]) {
      const results = (await api.get(`/quota-checks/${id}?limit=100`)).json<{
        results: { items: { stationId: string }[] };
      }>().results.items;
      expect(results.length).toBeGreaterThan(0);
      expect(results.map((result) => result.stationId)).not.toContain(room.id);
    }
    const told = (await notices()).map((n) => n.recipient.id);
    expect(told.filter((id) => id.includes(room.id) || id === `member:${room.leadMemberId}`)).toEqual([]);
  });

  it("the current quarter's check, asked for again, runs again with what was recorded since, telling no one twice", async () => {
    const first = await api.post("/quota-checks", {});
    const id = first.json<Check>().id;
    const done = async () => {
      for (let tries = 0; tries < 200; tries++) {
        const check = (await api.get(`/quota-checks/${id}`)).json<Check>();
        if (check.status === "done") return check;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`${id} not done after 10 s`);
    };
    const before = await done();
    const told = await notices();
    const added = await activeStation("庚", {});
    const again = await api.post("/quota-checks", {});
    expect(again.status, again.text).toBe(202);
    expect(again.json<Check>()).toMatchObject({ id, status: "running", runs: before.runs + 1 });
    const after = await done();
    expect(after.years.map((year) => year.stations)).toEqual(before.years.map((year) => year.stations + 1));
    // Nothing told the first time is told again: what is new is about the station added.
    const others = (list: Notice[]) =>
      list.filter(
        (n) => !n.recipient.id.includes(added.id) && n.recipient.id !== `member:${added.leadMemberId}`,
      );
    expect(others(await notices()).length).toBe(others(told).length);
  });

  it("is the county office's to run", async () => {
    const staff = await api.token({
      role: "staff",
      stationIds: [people.behind?.id ?? ""],
      subject: "staff-q2",
    });
    expectApiError(await api.post("/quota-checks", {}, { token: staff }), 403, "forbidden");
    expectApiError(await api.post("/quota-checks", { asOf: "2025-02-30" }), 400, "validation_failed");
    // A quarter not yet begun: judged on today's counts, its real check would later be skipped.
    const future = expectApiError(
      await api.post("/quota-checks", { asOf: "2099-10-08" }),
      400,
      "validation_failed",
    );
    expect(future.details).toEqual([
      {
        field: "asOf",
        code: "as_of_in_future",
        message: "检查日期不能晚于现在：季度尚未开始的检查会按今天的数据评判",
      },
    ]);
    expect((await api.get("/quota-checks/2099-Q4")).status).toBe(404);
    expectApiError(await api.get("/quota-checks/2019-Q1"), 404, "not_found");
  });
});

describe("the county's list", () => {
  it("pages the stations with coverage for the county office, and exports CSV", async () => {
    const idle = await createMember(api, { name: "未下沉委员" });
    const reply = await api.get("/quota?year=2025&quarter=2&limit=100");
    expect(reply.status, reply.text).toBe(200);
    const page = reply.json<{
      items: Quota[];
      coverage: { servingNowhere: { memberId: string }[]; withoutActivity: unknown[] };
    }>();
    expect(page.items.length).toBeGreaterThanOrEqual(3);
    expect(page.coverage.servingNowhere.map((m) => m.memberId)).toContain(idle.id);
    expect(page.coverage.withoutActivity.length).toBeGreaterThan(0);
    const csv = await api.get("/quota?year=2025&format=csv");
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(parseCsv(csv.text)[0]).toContain("进度");
  });

  it("shows staff their own stations only", async () => {
    const staff = await api.token({
      role: "staff",
      stationIds: [people.behind?.id ?? ""],
      subject: "staff-q3",
    });
    const page = (await api.get("/quota?year=2025", { token: staff })).json<{
      items: Quota[];
      coverage?: unknown;
    }>();
    expect(page.items.map((q) => q.stationId)).toEqual([people.behind?.id]);
    expect(page.coverage).toBeUndefined();
    const mine = await api.get(`/stations/${people.behind?.id}/quota?year=2025`, { token: staff });
    expect(mine.json<Quota>().coverage?.members).toBe(1);
  });
});
