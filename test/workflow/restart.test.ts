/**
 * A restart of the local stack in the middle of steps: no execution survives in memory, the table
 * keeps every topic, and start-up re-drives each open topic from its stored step.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicLoopStates } from "../../workflows/topic-loop";
import { type Api, startApi } from "../api/harness";
import {
  completeStep,
  completeWhenReady,
  createTopic,
  executionsOf,
  kinds,
  notificationsOf,
  parkedAt,
  readTopic,
  type StationWithLead,
  stationWithLead,
  type Topic,
} from "./harness";

let dataDir: string;
let before: Api;
let after: Api;
let home: StationWithLead;
/** Waiting at 确定议题 when the stack stops. */
let waiting: Topic;
/** Completed at 收集议题 while its execution was gone: the decision is recorded, not delivered. */
let undelivered: Topic;
/** Declined: closed, nothing to re-drive. */
let declined: Topic;
let noticesBefore: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "hsl-restart-"));
  before = await startApi({ dataDir });
  home = await stationWithLead(before);
  const members = [home.lead.id];

  waiting = await createTopic(before, home.station.id, { title: "小区停车位不足" });
  await completeWhenReady(before, waiting.id, "collect", members);
  await parkedAt(before, waiting.id, "determine");
  noticesBefore = (await notificationsOf(before, waiting.id)).length;

  undelivered = await createTopic(before, home.station.id, { title: "农贸市场排水" });
  await parkedAt(before, undelivered.id, "collect");
  const [execution] = executionsOf(before, undelivered.id);
  if (!execution) throw new Error("no execution");
  await before.stack.workflow.stopExecution(execution.executionArn, "Test", "the machine went down");
  const reply = await completeStep(before, undelivered.id, "collect", members);
  expect(reply.status, reply.text).toBe(200);

  declined = await createTopic(before, home.station.id, { title: "不宜协商的议题" });
  await completeWhenReady(before, declined.id, "collect", members);
  await parkedAt(before, declined.id, "determine");
  expect(
    (await before.post(`/topics/${declined.id}/reject`, { step: "determine", reason: "属于信访事项" }))
      .status,
  ).toBe(200);

  // The table outlives the stack (as DynamoDB outlives the functions and executions).
  const tableName = before.stack.tableName;
  // The same address too: the local stack is its tokens' issuer (decision 0024), so a token from
  // before the restart is still for this issuer, as one is across restarts of `npm start` on its port.
  const port = Number(new URL(before.stack.apiUrl).port);
  await before.stop();
  after = await startApi({ dataDir, tableName, port });
}, 120_000);

afterAll(async () => {
  expect(after?.takeServerErrors() ?? []).toEqual([]);
  await after?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("after a restart", () => {
  it("re-drives every open topic, and only those", () => {
    expect(after.stack.redriven).toBe(2);
    expect(executionsOf(after, declined.id)).toEqual([]);
  });

  it("resumes a topic at the step it waited in, without announcing that step again", async () => {
    await parkedAt(after, waiting.id, "determine");
    const [execution] = executionsOf(after, waiting.id);
    expect(execution?.statesEntered.slice(0, 3)).toEqual([
      topicLoopStates.startOrResume,
      topicLoopStates.resumeStep,
      topicLoopStates.awaitStep,
    ]);
    expect(await notificationsOf(after, waiting.id)).toHaveLength(noticesBefore);

    const reply = await completeStep(after, waiting.id, "determine", [home.lead.id]);
    expect(reply.status, reply.text).toBe(200);
    await parkedAt(after, waiting.id, "research");
    const detail = await readTopic(after, waiting.id);
    expect(kinds(detail)).toEqual([
      "created",
      "step_started",
      "step_completed",
      "step_started",
      "step_completed",
      "step_started",
    ]);
  });

  it("carries out a decision that was recorded while no execution ran", async () => {
    await parkedAt(after, undelivered.id, "determine");
    const detail = await readTopic(after, undelivered.id);
    expect(detail.step).toBe("determine");
    expect(kinds(detail)).toEqual(["created", "step_started", "step_completed", "step_started"]);
    expect(detail.timeline?.at(-1)?.step).toBe("determine");
  });

  it("keeps the demo-free data, the keys and the timeline of a closed topic", async () => {
    const closed = await readTopic(after, declined.id, home.staffToken);
    expect(closed).toMatchObject({ status: "closed", closedAs: "rejected" });
    expect(kinds(closed)).toContain("rejected");
  });
});
