import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TopicStep, topicSteps } from "../../functions/domain/topics/steps";
import {
  demoAssignments,
  demoContacts,
  demoMembers,
  demoStations,
  demoTopics,
} from "../../infra/local/demo/data";
import {
  type ApiCall,
  type ApiResponse,
  type DemoData,
  describe as describeOutcome,
  isoDateBefore,
  SeedError,
  seedDemoData,
  seedOnce,
  stepsBefore,
} from "../../infra/local/demo/seed";

interface FakeTopic {
  id: string;
  body: { title: string; stationId: string };
  step: TopicStep;
  status: "open" | "closed";
  closedAs?: "completed" | "rejected";
  /** The loop has not entered `step` yet: it does on the next call about this topic. */
  entering: boolean;
  /** Answers still to give 409 step_in_transition (beyond entering a step). */
  busy: number;
  timeline: { kind: string; step: TopicStep }[];
  evidence: Record<string, unknown>;
}

const answer = (status: number, json: unknown): ApiResponse => ({
  status,
  text: JSON.stringify(json),
  json,
});
const conflict = (code: string) => answer(409, { error: { code, message: code } });

/**
 * An in-memory stand-in for the API that records calls and hands out ids. Topics move through the
 * steps like the real loop: a new step is entered one call later, and a decision before that answers
 * 409 step_in_transition.
 */
function fakeApi(
  options: {
    failOn?: (method: string, path: string) => boolean;
    stations?: unknown[];
    /** Extra 409 step_in_transition answers to each decision (Infinity: the loop never moves). */
    busy?: number;
  } = {},
) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const topics = new Map<string, FakeTopic>();
  let next = 0;
  const settle = (topic: FakeTopic) => {
    if (!topic.entering) return false;
    topic.entering = false;
    topic.timeline.push({ kind: "step_started", step: topic.step });
    return true;
  };
  const view = (topic: FakeTopic) => {
    const { entering: _e, busy: _b, body, ...rest } = topic;
    return { ...body, ...rest };
  };
  const call: ApiCall = async (method, path, body) => {
    calls.push({ method, path, body });
    if (options.failOn?.(method, path)) {
      return answer(400, { error: { code: "validation", message: "phone is not valid" } });
    }
    const [, resource, topicId, action, step, verb] = path.split("/");
    const topic = resource === "topics" && topicId ? topics.get(topicId) : undefined;
    if (topic && method === "GET") {
      if (!settle(topic)) return answer(200, view(topic));
      return answer(200, { ...view(topic), timeline: topic.timeline.slice(0, -1) });
    }
    if (topic && method === "POST") {
      if (settle(topic) || topic.busy > 0) {
        topic.busy -= 1;
        return conflict("step_in_transition");
      }
      topic.busy = options.busy ?? 0;
      if (topic.status === "closed") return conflict("topic_closed");
      if (action === "reject") {
        if (topic.step !== "determine") return conflict("wrong_step");
        topic.timeline.push({ kind: "rejected", step: topic.step }, { kind: "closed", step: topic.step });
        Object.assign(topic, { status: "closed", closedAs: "rejected" });
        return answer(200, view(topic));
      }
      if (action !== "steps" || verb !== "complete" || step !== topic.step) return conflict("wrong_step");
      topic.evidence[step] = body;
      topic.timeline.push({ kind: "step_completed", step: topic.step });
      const following = topicSteps[topicSteps.indexOf(topic.step) + 1];
      if (following) Object.assign(topic, { step: following, entering: true });
      else {
        topic.timeline.push({ kind: "closed", step: topic.step });
        Object.assign(topic, { status: "closed", closedAs: "completed" });
      }
      return answer(200, view(topic));
    }
    if (method === "GET") return answer(200, { items: options.stations ?? [], cursor: null });
    if (method === "POST") {
      next += 1;
      const id = `ID${String(next).padStart(3, "0")}`;
      if (path === "/topics") {
        const created: FakeTopic = {
          id,
          body: body as FakeTopic["body"],
          step: "collect",
          status: "open",
          entering: true,
          busy: options.busy ?? 0,
          timeline: [{ kind: "created", step: "collect" }],
          evidence: {},
        };
        topics.set(id, created);
        return answer(201, view(created));
      }
      return answer(201, { id, ...(body as object) });
    }
    return answer(200, {});
  };
  return { call, calls, topics };
}

const fast = { pollMs: 1, today: new Date("2026-03-15T02:00:00Z") };

const small: DemoData = {
  members: demoMembers.slice(0, 2),
  contacts: demoContacts,
  stations: demoStations.filter((s) => s.key === "ds"),
  assignments: demoAssignments(demoMembers.slice(0, 2), demoStations).filter((a) => a.stationKey === "ds"),
  // Declined at 确定议题; its responsible person is staff, not a member.
  topics: demoTopics.filter((t) => t.key === "ds-daolu"),
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
    const result = await seedDemoData(api.call, undefined, fast);
    const kinds = api.calls.map((c) => `${c.method} ${c.path.split("/")[1]}`);
    const lastMember = kinds.lastIndexOf("POST members");
    const firstStation = kinds.indexOf("POST stations");
    const lastStation = kinds.lastIndexOf("POST stations");
    const firstAssignment = kinds.indexOf("PUT stations");
    expect(lastMember).toBeLessThan(firstStation);
    expect(lastStation).toBeLessThan(firstAssignment);
    expect(kinds.filter((k) => k === "POST members")).toHaveLength(demoMembers.length);
    expect(kinds.filter((k) => k === "POST stations")).toHaveLength(demoStations.length);
    // The contacts directory comes before the stations that reference it, by the ids it was given.
    expect(kinds.lastIndexOf("POST contacts")).toBeLessThan(firstStation);
    expect(kinds.filter((k) => k === "POST contacts")).toHaveLength(demoContacts.length);
    expect(result.assignments).toBe(demoAssignments().length);

    // The first station is led by member m01, which was created first and got id ID001.
    const firstStationBody = api.calls[firstStation]?.body as {
      leadMemberId?: string;
      name: string;
      liaison: { leaderContactId?: string; committeeContactId?: string };
    };
    expect(firstStationBody.name).toBe("东山片区委员工作站");
    expect(firstStationBody.leadMemberId).toBe(result.memberIds.m01);
    expect(firstStationBody.liaison).toMatchObject({
      leaderContactId: result.contactIds.li,
      committeeContactId: result.contactIds.tiwei,
    });
    // Assignments address the ids the API gave, with the basis in the body.
    const put = api.calls[firstAssignment];
    expect(put?.path).toBe(`/stations/${result.stationIds.ds}/members/${result.memberIds.m01}`);
    expect(put?.body).toEqual({ basis: "choice" });
    // Topics come last, at the stations the API created.
    expect(kinds.indexOf("POST topics")).toBeGreaterThan(kinds.lastIndexOf("PUT stations"));
    expect(api.calls.filter((c) => c.method === "POST" && c.path === "/topics")).toHaveLength(
      demoTopics.length,
    );
    expect(Object.keys(result.topicIds)).toEqual(demoTopics.map((t) => t.key));
    const elevator = api.topics.get(result.topicIds["cs-dianti"] ?? "");
    expect(elevator?.body.stationId).toBe(result.stationIds.cs);
  });

  it("drives every topic to its stage, completing the steps in order with evidence", async () => {
    const api = fakeApi({ busy: 2 });
    const result = await seedDemoData(api.call, undefined, fast);
    for (const demo of demoTopics) {
      const topic = api.topics.get(result.topicIds[demo.key] ?? "");
      expect(topic, demo.key).toBeDefined();
      const completed = topic?.timeline.filter((e) => e.kind === "step_completed").map((e) => e.step);
      expect(completed, demo.key).toEqual(stepsBefore(demo.stage));
      expect(Object.keys(topic?.evidence ?? {}), demo.key).toEqual(stepsBefore(demo.stage));
      if (demo.stage === "closed") {
        expect(topic).toMatchObject({ status: "closed", closedAs: "completed", step: "feedback" });
      } else if (demo.stage === "declined") {
        expect(topic).toMatchObject({ status: "closed", closedAs: "rejected", step: "determine" });
      } else {
        // Left open at its stage, once the loop had entered it.
        expect(topic).toMatchObject({ status: "open", step: demo.stage, entering: false });
        expect(topic?.timeline.at(-1)).toEqual({ kind: "step_started", step: demo.stage });
      }
    }
    // Every decision was first turned away while the loop moved on, and then tried again.
    const decisions = api.calls.filter((c) => c.method === "POST" && /\/(complete|reject)$/.test(c.path));
    const distinct = new Set(decisions.map((c) => c.path));
    expect(decisions.length).toBeGreaterThanOrEqual(distinct.size * 3);
  });

  it("resolves member keys to ids and dates to days before the seed day (county time)", async () => {
    const api = fakeApi();
    const today = new Date("2026-03-14T20:00:00Z"); // already 15 March in the county
    const result = await seedDemoData(api.call, undefined, { pollMs: 1, today });
    const elevator = api.topics.get(result.topicIds["cs-dianti"] ?? "");
    const research = elevator?.evidence.research as { visits: { date: string; members: string[] }[] };
    expect(research.visits[0]?.date).toBe("2026-02-03");
    expect(research.visits[0]?.members).toEqual([result.memberIds.m29, result.memberIds.m31]);
    const created = api.calls.find(
      (c) => c.path === "/topics" && (c.body as { title: string }).title === elevator?.body.title,
    );
    expect(created?.body).toMatchObject({
      source: "resident",
      responsible: { name: "演示委员·董二九", memberId: result.memberIds.m29 },
      responsibles: { report: { name: "演示·县政协办公室周某", phone: "13900000101" } },
    });
    expect(isoDateBefore(new Date("2026-03-01T03:00:00Z"), 1)).toBe("2026-02-28");
    expect(isoDateBefore(new Date("2026-01-01T00:00:00Z"), 0)).toBe("2026-01-01");
  });

  it("stops at the first failure and reports the response body", async () => {
    const api = fakeApi({ failOn: (method, path) => method === "POST" && path === "/stations" });
    const error = await seedDemoData(api.call, small, fast).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect((error as Error).message).toContain("POST /stations answered 400");
    expect((error as Error).message).toContain("phone is not valid");
    expect(api.calls.filter((c) => c.method === "PUT")).toHaveLength(0);
    expect(api.topics.size).toBe(0);
  });

  it("gives up on a topic the loop never moves on, naming the step", async () => {
    const api = fakeApi({ busy: Number.POSITIVE_INFINITY });
    const error = await seedDemoData(api.call, small, { ...fast, stepTimeoutMs: 50 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SeedError);
    expect((error as Error).message).toMatch(/POST \/topics\/ID\d+\/steps\/collect\/complete answered 409/);
    expect((error as Error).message).toContain("step_in_transition");
  });

  it("fails before creating any topic when the data names an unknown member", async () => {
    const api = fakeApi();
    const broken: DemoData = {
      ...small,
      topics: [
        { ...demoTopics[0], key: "broken", stationKey: "ds", responsible: { memberKey: "m99" } },
      ] as DemoData["topics"],
    };
    await expect(seedDemoData(api.call, broken, fast)).rejects.toThrow(
      /topic broken names unknown member m99/,
    );
    expect(api.topics.size).toBe(0);
  });
});

describe("describe", () => {
  it("counts the topics in the summary line", async () => {
    const result = await seedDemoData(fakeApi().call, small, fast);
    expect(describeOutcome({ kind: "seeded", result })).toBe(
      "demo data: 2 members, 4 directory contacts, 1 stations and rooms, 2 assignments, 1 topics, 0 sign-in users (all fictional)\n",
    );
  });
});

describe("seedOnce", () => {
  it("seeds an empty table, leaves a marker, and does not seed again", async () => {
    const marker = join(dataDir, "seeded-test.json");
    const first = fakeApi();
    expect((await seedOnce({ call: first.call, markerPath: marker, data: small, timing: fast })).kind).toBe(
      "seeded",
    );
    const written = JSON.parse(await readFile(marker, "utf8"));
    expect(written).toHaveProperty("stationIds.ds");
    expect(written).toHaveProperty("topicIds.ds-daolu");
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
