/**
 * The whole local stack in this process, with the real API handler and the local topic loop: demo
 * data goes in through the API — topics driven through the six steps — and a restart finds it where
 * it was without seeding twice.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TopicStep, topicSteps } from "../../functions/domain/topics/steps";
import type { Topic } from "../../functions/topics/responses";
import { type DemoTopic, demoMembers, demoStations, demoTopics } from "../../infra/local/demo/data";
import { stepsBefore } from "../../infra/local/demo/seed";
import { findFreePort } from "../../infra/local/dynamodb-local";
import { type LocalStack, startLocalStack } from "../../infra/local/start";
import { signToken } from "../../infra/local/token";

interface Page {
  items: { id: string; name: string; leadMemberId?: string; memberId?: string }[];
  cursor: string | null;
}

async function getJson(
  stack: LocalStack,
  path: string,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${token ?? (await stack.adminToken())}` },
  });
  return { status: response.status, body: await response.json() };
}

async function all(stack: LocalStack, path: string): Promise<Page["items"]> {
  const items: Page["items"] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { status, body } = await getJson(stack, `${path}${query}`);
    expect(status).toBe(200);
    const page = body as Page;
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

interface TopicDetail extends Topic {
  timeline: { kind: string; step: TopicStep; details?: Record<string, unknown> }[];
}

async function call(
  stack: LocalStack,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await stack.adminToken()}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/** The demo topics by seed key, found by their (unique) titles. */
async function demoTopicsIn(stack: LocalStack): Promise<Map<string, Topic>> {
  const topics = (await all(stack, "/topics")) as unknown as Topic[];
  expect(topics).toHaveLength(demoTopics.length);
  return new Map(
    demoTopics.map((demo) => {
      const found = topics.find((topic) => topic.title === demo.title);
      expect(found, demo.key).toBeDefined();
      return [demo.key, found as Topic];
    }),
  );
}

const openStage = (demo: DemoTopic) => demo.stage !== "closed" && demo.stage !== "declined";

let dataDir: string;
let dynamodbPort: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "hsl-stack-"));
  // The same DynamoDB port for both starts: the handler reads its endpoint once per process.
  dynamodbPort = await findFreePort("0.0.0.0");
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("the local stack with the API handler", () => {
  it("seeds the demo data through the API on first start, and only then", async () => {
    const first = await startLocalStack({ port: 0, dataDir, dynamodbPort, tableName: "stacktest" });
    try {
      expect(first.seed.kind).toBe("seeded");
      // A fresh table has nothing to re-drive, and each seeded open topic has exactly one execution.
      expect(first.redriven).toBe(0);
      // Decisions are answered before the executions catch up: the closed topics' runs end shortly.
      const deadline = Date.now() + 20_000;
      let running = first.workflow.listExecutions({ status: "RUNNING" });
      while (running.length > demoTopics.filter(openStage).length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        running = first.workflow.listExecutions({ status: "RUNNING" });
      }
      expect(running).toHaveLength(demoTopics.filter(openStage).length);
      expect(new Set(running.map((execution) => execution.name.slice(0, 26))).size).toBe(running.length);
      const stations = await all(first, "/stations");
      expect(stations).toHaveLength(demoStations.length);
      expect(stations.map((s) => s.name)).toContain("东山片区委员工作站");
      const members = await all(first, "/members");
      expect(members).toHaveLength(demoMembers.length);

      // The zone station's lead member is among its members.
      const dongshan = stations.find((s) => s.name === "东山片区委员工作站");
      expect(dongshan?.leadMemberId).toBeDefined();
      const assigned = await all(first, `/stations/${dongshan?.id}/members`);
      expect(assigned.map((a) => a.memberId)).toContain(dongshan?.leadMemberId);

      // The demo's staff user for 东山 opens its stations and no other (the API may hide it: 403 or 404).
      const other = stations.find((s) => s.name === "工业园区片区委员工作站");
      expect(other).toBeDefined();
      const staff = await signToken(
        { role: "staff", stationIds: ["-"], subject: "demo-staff-ds" },
        first.keys,
      );
      expect((await getJson(first, `/stations/${dongshan?.id}`, staff)).status).toBe(200);
      expect([403, 404]).toContain((await getJson(first, `/stations/${other?.id}`, staff)).status);
      // A token whose subject has no user record opens nothing.
      const stranger = await signToken({ role: "admin", subject: "not-a-demo-user" }, first.keys);
      expect((await getJson(first, "/stations", stranger)).status).toBe(403);

      // Topics at the stage the demo leaves each at, with a responsible member of their station.
      const stationIdOf = new Map(
        demoStations.map((demo) => [demo.key, stations.find((s) => s.name === demo.body.name)?.id]),
      );
      const memberIdOf = new Map(
        demoMembers.map((demo) => [demo.key, members.find((m) => m.name === demo.body.name)?.id]),
      );
      const topics = await demoTopicsIn(first);
      for (const demo of demoTopics) {
        const topic = topics.get(demo.key) as Topic;
        expect(topic.stationId, demo.key).toBe(stationIdOf.get(demo.stationKey));
        expect(topic.source, demo.key).toBe(demo.source);
        expect(Object.keys(topic.evidence).sort(), demo.key).toEqual([...stepsBefore(demo.stage)].sort());
        if (demo.stage === "closed") {
          expect(topic, demo.key).toMatchObject({
            status: "closed",
            closedAs: "completed",
            step: "feedback",
          });
        } else if (demo.stage === "declined") {
          expect(topic, demo.key).toMatchObject({
            status: "closed",
            closedAs: "rejected",
            step: "determine",
          });
        } else {
          // Entered by the loop: a deadline in the future.
          expect(topic, demo.key).toMatchObject({ status: "open", step: demo.stage, overdue: false });
          expect(new Date(topic.deadline ?? 0).getTime(), demo.key).toBeGreaterThan(Date.now());
        }
        if ("memberKey" in demo.responsible) {
          const memberId = memberIdOf.get(demo.responsible.memberKey);
          expect(topic.responsible.memberId, demo.key).toBe(memberId);
          const serving = await all(first, `/stations/${topic.stationId}/members`);
          expect(
            serving.map((a) => a.memberId),
            demo.key,
          ).toContain(memberId);
        } else {
          expect(topic.responsible, demo.key).toEqual(demo.responsible);
        }
      }
      const open = demoTopics.filter(openStage);
      expect([...topics.values()].filter((t) => t.status === "open")).toHaveLength(open.length);

      // The closed topic has the whole six-step timeline.
      const closedKey = demoTopics.find((t) => t.stage === "closed")?.key ?? "";
      const closed = (await getJson(first, `/topics/${topics.get(closedKey)?.id}`)).body as TopicDetail;
      expect(closed.timeline.map((e) => `${e.kind}:${e.step}`)).toEqual([
        "created:collect",
        ...topicSteps.flatMap((step) => [`step_started:${step}`, `step_completed:${step}`]),
        "closed:feedback",
      ]);
      const elevatorEvidence = closed.evidence as { research: { visits: { members: string[] }[] } };
      expect(elevatorEvidence.research.visits[0]?.members).toEqual([
        memberIdOf.get("m29"),
        memberIdOf.get("m31"),
      ]);

      // The declined one was turned down at 确定议题, with its reason.
      const declined = demoTopics.find((t) => t.stage === "declined") as DemoTopic;
      const rejected = (await getJson(first, `/topics/${topics.get(declined.key)?.id}`)).body as TopicDetail;
      expect(rejected.timeline.map((e) => `${e.kind}:${e.step}`)).toEqual([
        "created:collect",
        "step_started:collect",
        "step_completed:collect",
        "step_started:determine",
        "rejected:determine",
        "closed:determine",
      ]);
      expect(rejected.timeline.find((e) => e.kind === "rejected")?.details?.reason).toBe(
        declined.declineReason,
      );

      // The seeded topics are live in the loop: one still at 收集议题 can be taken on.
      const collecting = demoTopics.find((t) => t.stage === "collect") as DemoTopic;
      const path = `/topics/${topics.get(collecting.key)?.id}/steps/collect/complete`;
      const evidence = { summary: "委员值班时登记（演示）", raisedBy: [{ name: "演示居民·某" }] };
      let completed = await call(first, "POST", path, evidence);
      for (let tries = 0; completed.status === 409 && tries < 500; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        completed = await call(first, "POST", path, evidence);
      }
      expect(completed.status, JSON.stringify(completed.body)).toBe(200);
      expect((completed.body as Topic).step).toBe("determine");
    } finally {
      await first.stop();
    }

    const second = await startLocalStack({ port: 0, dataDir, dynamodbPort, tableName: "stacktest" });
    try {
      expect(second.seed).toEqual({ kind: "skipped", reason: "marker" });
      expect(await all(second, "/stations")).toHaveLength(demoStations.length);
      // No topic twice; the open ones continue in the loop after the restart.
      const topics = await demoTopicsIn(second);
      expect(second.redriven).toBe(demoTopics.filter(openStage).length);
      expect(second.workflow.listExecutions({ status: "RUNNING" })).toHaveLength(second.redriven);
      const collecting = demoTopics.find((t) => t.stage === "collect") as DemoTopic;
      expect(topics.get(collecting.key)?.step).toBe("determine");
    } finally {
      await second.stop();
    }
  }, 120_000);
});
