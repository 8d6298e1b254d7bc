/**
 * 量化考评 through the API (decision 0027): stations and members scored from what was recorded —
 * the tally, the 六有 checklist, activities attended, duty shifts, 社情民意 items and the steps a
 * member was responsible for — ranked county-wide, each with its breakdown; who sees which lines;
 * the CSV export; bad input.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tallyWrite } from "../../functions/activities/store/tally";
import { countedOn } from "../../functions/domain/quota/tally";
import { localDate, yearOf } from "../../functions/domain/topics/calendar";
import { writeTransaction } from "../../functions/kernel/table/transaction";
import { createTopic, eventually } from "../workflow/harness";
import { type Api, assign, createMember, createStation, expectApiError, parseCsv, startApi } from "./harness";

interface Score {
  criterion: string;
  label: string;
  figure: number;
  of: number;
  points: number;
  max: number;
}
interface Line {
  stationId?: string;
  memberId?: string;
  name: string;
  rank: number;
  total: number;
  max: number;
  scores: Score[];
}
interface Evaluation {
  year: number;
  kind: string;
  evaluated: number;
  items: Line[];
}

const allMet = Object.fromEntries(
  ["venue", "signage", "rules", "process", "activities", "results"].map((item) => [item, { met: true }]),
);

let api: Api;
const ids: Record<string, string> = {};
const year = yearOf(localDate(new Date(), "Asia/Shanghai"));

const evaluation = async (query: string, token?: string) => {
  const reply = await api.get(`/evaluations?${query}`, token ? { token } : {});
  expect(reply.status, reply.text).toBe(200);
  return reply.json<Evaluation>();
};
const scoreOf = (line: Line | undefined, criterion: string) =>
  line?.scores.find((score) => score.criterion === criterion);

beforeAll(async () => {
  api = await startApi();
  const a = await createStation(api, { name: "东山委员工作站", status: "active", standards: allMet });
  const b = await createStation(api, { name: "营前委员工作站", status: "active" });
  const m1 = await createMember(api, { name: "委员甲" });
  const m2 = await createMember(api, { name: "委员乙" });
  await assign(api, a.id, m1.id);
  await assign(api, b.id, m2.id);
  Object.assign(ids, { a: a.id, b: b.id, m1: m1.id, m2: m2.id });
  // The 4 and the 10 met at A (counted as the quota counts them); B did one consultation.
  await writeTransaction(
    tallyWrite(a.id, year, countedOn(`${year}-01-15`, { activity_consultation: 4, opinions: 9 })),
  );
  await writeTransaction(tallyWrite(b.id, year, countedOn(`${year}-01-15`, { activity_consultation: 1 })));
  // What the member did, through the API: a duty activity, a 社情民意 item, a step they were responsible for.
  const duty = await api.post(`/stations/${a.id}/activities`, {
    type: "duty",
    date: `${year}-01-20`,
    place: "工作站接待室",
    memberIds: [m1.id],
    residentsReached: 3,
  });
  expect(duty.status, duty.text).toBe(201);
  const opinion = await api.post(`/stations/${a.id}/opinions`, {
    title: "路灯不亮",
    content: "三号楼前路灯损坏。",
    source: "member",
    memberId: m1.id,
    receivedOn: `${year}-01-21`,
  });
  expect(opinion.status, opinion.text).toBe(201);
  const topic = await createTopic(api, a.id, { responsible: { name: "委员甲", memberId: m1.id } });
  await eventually(async () => {
    const reply = await api.post(`/topics/${topic.id}/steps/collect/complete`, {
      summary: "居民反映",
      raisedBy: [{ name: "居民戊", contact: "13900000123" }],
    });
    return reply.status === 200 ? true : undefined;
  }, "collect completed");
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

describe("the stations' evaluation", () => {
  it("scores each station with its breakdown and ranks the county", async () => {
    const found = await evaluation(`year=${year}&kind=station`);
    expect(found).toMatchObject({ year, kind: "station", evaluated: 2 });
    const [first, second] = found.items;
    expect(first).toMatchObject({ stationId: ids.a, rank: 1, max: 100 });
    expect(second).toMatchObject({ stationId: ids.b, rank: 2 });
    expect(scoreOf(first, "consultations")).toMatchObject({
      label: "协商议事活动",
      figure: 4,
      of: 4,
      points: 25,
      max: 25,
    });
    // 9 items and the member's one: the 10 met.
    expect(scoreOf(first, "opinions")).toMatchObject({ figure: 10, of: 10, points: 20 });
    // The duty activity is one of the X (of 6 by default).
    expect(scoreOf(first, "activities")).toMatchObject({ figure: 1, of: 6, points: 2.5, max: 15 });
    expect(scoreOf(first, "stepsOnTime")).toMatchObject({ figure: 1, of: 1, points: 15 });
    expect(scoreOf(first, "topicsClosed")).toMatchObject({ figure: 0, of: 2, points: 0 });
    expect(scoreOf(first, "standards")).toMatchObject({ label: "“六有”标准", figure: 6, points: 10 });
    expect(first?.total).toBe(72.5);
    expect(scoreOf(second, "consultations")).toMatchObject({ figure: 1, points: 6.3 });
    expect(second?.total).toBe(6.3);
    // Labels in English on request.
    const english = await api.get(`/evaluations?year=${year}`, { headers: { "accept-language": "en" } });
    expect(scoreOf(english.json<Evaluation>().items[0], "consultations")?.label).toBe("Consultations");
  });

  it("a year with nothing recorded scores only the 六有", async () => {
    const found = await evaluation("year=2001&kind=station");
    expect(found.items.map((line) => line.total)).toEqual([10, 0]);
  });
});

describe("the members' evaluation", () => {
  it("counts activities attended, duty shifts, items submitted and steps on time", async () => {
    const found = await evaluation(`year=${year}&kind=member`);
    expect(found.evaluated).toBe(2);
    const m1 = found.items.find((line) => line.memberId === ids.m1);
    expect(m1?.rank).toBe(1);
    expect(scoreOf(m1, "attended")).toMatchObject({ label: "参加活动", figure: 1, of: 6, points: 5.8 });
    expect(scoreOf(m1, "duty")).toMatchObject({ figure: 1, of: 4, points: 6.3 });
    expect(scoreOf(m1, "opinions")).toMatchObject({ figure: 1, of: 2, points: 10 });
    expect(scoreOf(m1, "stepsOnTime")).toMatchObject({ figure: 1, of: 1, points: 20 });
    expect(m1?.total).toBe(42.1);
    expect(found.items.find((line) => line.memberId === ids.m2)).toMatchObject({ rank: 2, total: 0 });
  });
});

describe("who sees what", () => {
  it("staff see their stations and the members serving there, with the county's ranks", async () => {
    const staff = await api.token({ role: "staff", stationIds: [ids.b ?? ""], subject: "staff-eval" });
    const stations = await evaluation(`year=${year}`, staff);
    expect(stations.evaluated).toBe(2);
    expect(stations.items.map((line) => [line.stationId, line.rank])).toEqual([[ids.b, 2]]);
    const members = await evaluation(`year=${year}&kind=member`, staff);
    expect(members.items.map((line) => line.memberId)).toEqual([ids.m2]);
  });

  it("a member sees only their own evaluation", async () => {
    const member = await api.token({ role: "member", memberId: ids.m1 ?? "", subject: "member-eval" });
    const own = await evaluation(`year=${year}&kind=member`, member);
    expect(own.items.map((line) => [line.memberId, line.rank])).toEqual([[ids.m1, 1]]);
    const error = expectApiError(
      await api.get(`/evaluations?year=${year}`, { token: member }),
      403,
      "forbidden",
    );
    expect(error.message).toBe("委员只能查看本人的量化考评");
  });
});

describe("the CSV export", () => {
  it("answers the stations with a BOM and Chinese headers, by ?format=csv or Accept", async () => {
    const reply = await api.get(`/evaluations?year=${year}&format=csv`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, first] = parseCsv(reply.text);
    expect(header?.slice(0, 6)).toEqual(["排名", "编号", "名称", "片区", "总分", "满分"]);
    expect(header).toContain("协商议事活动");
    expect(header).toContain("协商议事活动得分");
    expect(first?.slice(0, 3)).toEqual(["1", ids.a, "东山委员工作站"]);
    expect(first?.[header?.indexOf("协商议事活动") ?? -1]).toBe("4/4");
    const accepted = await api.get(`/evaluations?year=${year}&kind=member`, {
      headers: { accept: "text/csv" },
    });
    const [memberHeader] = parseCsv(accepted.text);
    expect(memberHeader?.slice(0, 4)).toEqual(["排名", "编号", "姓名", "界别"]);
    expect(memberHeader).toContain("值班履职");
  });
});

describe("bad input", () => {
  it("a year that is not a number, or an unknown kind, is a 400 naming the field", async () => {
    const notYear = expectApiError(await api.get("/evaluations?year=abc"), 400, "validation_failed");
    expect(notYear.details?.map((detail) => detail.field)).toEqual(["year"]);
    const notKind = expectApiError(await api.get("/evaluations?kind=zone"), 400, "validation_failed");
    expect(notKind.details?.map((detail) => detail.field)).toEqual(["kind"]);
    expectApiError(await api.get("/evaluations?colour=red"), 400, "validation_failed");
  });
});
