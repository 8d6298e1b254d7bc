/**
 * The sweeper and the re-drive (decision 0026): a topic whose execution vanished — stopped, or never
 * started at all — is found, started again at its stored step, and carries on through the loop; a
 * topic whose execution runs is left alone. On the synthesized state machine, the local runtime, the
 * real task function and the API.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newId } from "../../functions/kernel/ids";
import { handler as scheduledJob } from "../../functions/scheduled";
import { defaultRecoveryServices } from "../../functions/topics/services";
import { getTopic } from "../../functions/topics/store/topics";
import { type SweepOutcome, sweepTopicLoops } from "../../functions/topics/sweep";
import { localComponents, workflowComponent, workflowComponentWith } from "../../infra/local/components";
import { loadTaskHandler, type TaskHandler } from "../../infra/local/workflow-runtime";
import { topicLoopStates } from "../../workflows/topic-loop";
import { type Api, expectApiError, startApi } from "../api/harness";
import {
  completeWhenReady,
  createTopic,
  eventually,
  executionsOf,
  kinds,
  notificationsOf,
  parkedAt,
  readTopic,
  type StationWithLead,
  stationWithLead,
  type Topic,
  writeTopicWithoutExecution,
} from "./harness";

/**
 * Errors to throw before the real task function runs as an execution starts a step (enters it, or
 * resumes it after a restart), used up in order.
 */
const faults: string[] = [];
const startsOfStep = new Set(["enterStep", "resumeStep"]);
const failing: TaskHandler = async (event, context) => {
  const name = startsOfStep.has((event as { action?: string }).action ?? "") ? faults.shift() : undefined;
  if (name) throw Object.assign(new Error(`injected ${name}`), { name });
  return (await loadTaskHandler())(event, context);
};

let api: Api;
let home: StationWithLead;
/** Its execution failed entering 收集议题 (an error that is not retried). */
let failed: Topic;
let members: string[];
/** Waiting at 确定议题 when its execution is stopped. */
let stopped: Topic;
/** Written to the table, its execution never started (a crash between the write and the start). */
let neverStarted: string;
/** Its execution runs throughout. */
let running: Topic;
let noticesOfStopped: number;
let sweep: SweepOutcome;

beforeAll(async () => {
  api = await startApi({
    components: localComponents.map((component) =>
      component === workflowComponent ? workflowComponentWith({ taskHandler: failing }) : component,
    ),
  });
  home = await stationWithLead(api);
  members = [home.lead.id];

  faults.push("TopicNotFound");
  failed = await createTopic(api, home.station.id, { title: "流程失败的议题" });
  const [doomed] = executionsOf(api, failed.id);
  if (!doomed) throw new Error("no execution");
  expect((await api.stack.workflow.waitForExecution(doomed.executionArn)).status).toBe("FAILED");

  stopped = await createTopic(api, home.station.id, { title: "小区停车位不足" });
  await completeWhenReady(api, stopped.id, "collect", members);
  await parkedAt(api, stopped.id, "determine");
  noticesOfStopped = (await notificationsOf(api, stopped.id)).length;
  const [execution] = executionsOf(api, stopped.id);
  if (!execution) throw new Error("no execution");
  await api.stack.workflow.stopExecution(execution.executionArn, "Test", "someone stopped it in the console");

  running = await createTopic(api, home.station.id, { title: "农贸市场排水" });
  await parkedAt(api, running.id, "collect");
  neverStarted = await writeTopicWithoutExecution(running);
}, 60_000);

afterAll(async () => {
  expect(api?.takeServerErrors() ?? []).toEqual([]);
  await api?.stop();
});

describe("the hourly sweep", () => {
  it("leaves topics written moments ago for the next sweep (their start may be on its way)", async () => {
    const outcome = (await scheduledJob({ job: "topicLoopSweep" })) as {
      restarted: number;
      settling: number;
    };
    expect(outcome).toMatchObject({ restarted: 0, settling: 3 });
    expect(executionsOf(api, neverStarted)).toEqual([]);
  });

  it("finds every open topic whose execution is gone, and only those", async () => {
    sweep = await sweepTopicLoops(defaultRecoveryServices(), { graceSeconds: 0 });
    const byTopic = Object.fromEntries(sweep.restarted.map((r) => [r.topicId, r]));
    expect(Object.keys(byTopic).sort()).toEqual([stopped.id, neverStarted, failed.id].sort());
    // The registration entered 收集议题 (and told its responsible): a restart resumes it.
    expect(byTopic[failed.id]).toMatchObject({ step: "collect", resume: true, reason: "failed" });
    expect(byTopic[stopped.id]).toMatchObject({ step: "determine", resume: true, reason: "aborted" });
    expect(byTopic[neverStarted]).toMatchObject({ step: "collect", resume: true, reason: "neverStarted" });
    expect(sweep).toMatchObject({ failed: 0, byReason: { aborted: 1, neverStarted: 1, failed: 1 } });
    expect(executionsOf(api, running.id)).toHaveLength(1);
  });

  it("resumes a stopped topic at its stored step without announcing it again, and the loop goes on", async () => {
    await parkedAt(api, stopped.id, "determine");
    const resumed = executionsOf(api, stopped.id).find((e) => e.status === "RUNNING");
    expect(resumed?.statesEntered.slice(0, 3)).toEqual([
      topicLoopStates.startOrResume,
      topicLoopStates.resumeStep,
      topicLoopStates.awaitStep,
    ]);
    expect(await notificationsOf(api, stopped.id)).toHaveLength(noticesOfStopped);
    await completeWhenReady(api, stopped.id, "determine", members);
    await parkedAt(api, stopped.id, "research");
    expect(kinds(await readTopic(api, stopped.id)).slice(-2)).toEqual(["step_completed", "step_started"]);
  });

  it("resumes the step of a topic that never had an execution, telling nobody again, and the loop goes on", async () => {
    await parkedAt(api, neverStarted, "collect");
    // Its registration entered the step and told its responsible (this copy of it, nobody): a
    // restart tells no one a second time.
    expect((await notificationsOf(api, neverStarted)).map((n) => n.templateId)).not.toContain("step_started");
    await completeWhenReady(api, neverStarted, "collect", members);
    await parkedAt(api, neverStarted, "determine");
  });

  it("resumes the step of a topic whose execution failed, and the loop goes on", async () => {
    await completeWhenReady(api, failed.id, "collect", members);
    await parkedAt(api, failed.id, "determine");
  });

  it("restarts nothing the next time: every open topic runs; the dashboard gets the open topics per step", async () => {
    process.env.EMIT_METRICS = "1";
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    let lines: Record<string, unknown>[] = [];
    const again = await sweepTopicLoops(defaultRecoveryServices(), { graceSeconds: 0 }).finally(() => {
      lines = info.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
      delete process.env.EMIT_METRICS;
      info.mockRestore();
    });
    expect(again.restarted).toEqual([]);
    expect(again.running).toBe(again.open);
    const open = lines.filter((line) => "OpenTopics" in line);
    expect(open.map((line) => line.Step)).toEqual([
      "collect",
      "determine",
      "research",
      "consult",
      "report",
      "feedback",
    ]);
    expect(open.reduce((sum, line) => sum + Number(line.OpenTopics), 0)).toBe(again.open);
    expect(lines.find((line) => "OverdueTopics" in line)).toMatchObject({ OverdueTopics: 0 });
    expect(lines.find((line) => "TopicsRestarted" in line)).toMatchObject({ TopicsRestarted: 0 });
  });
});

describe("POST /topics/{topicId}/redrive", () => {
  it("re-drives one stopped topic at its stored step", async () => {
    const topic = await createTopic(api, home.station.id, { title: "路灯不亮" });
    await parkedAt(api, topic.id, "collect");
    const [execution] = executionsOf(api, topic.id);
    if (!execution) throw new Error("no execution");
    await api.stack.workflow.stopExecution(execution.executionArn);

    const reply = await api.post(`/topics/${topic.id}/redrive`, {});
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json()).toMatchObject({
      topicId: topic.id,
      step: "collect",
      resume: true,
      reason: "aborted",
    });
    await parkedAt(api, topic.id, "collect");
    await completeWhenReady(api, topic.id, "collect", members);
    await parkedAt(api, topic.id, "determine");
  });

  it("answers 409 loop_running while its execution runs, and starts nothing", async () => {
    const before = executionsOf(api, running.id).length;
    expectApiError(await api.post(`/topics/${running.id}/redrive`, {}), 409, "loop_running");
    expect(executionsOf(api, running.id)).toHaveLength(before);
  });

  it("answers 404 for a topic that does not exist, and 403 to anyone but the county office", async () => {
    expectApiError(await api.post(`/topics/${newId()}/redrive`, {}), 404, "not_found");
    const reply = await api.post(`/topics/${stopped.id}/redrive`, {}, { token: home.staffToken });
    expect(reply.status).toBe(403);
  });
});

describe("a topic whose loop fails after every restart", () => {
  const failures = (topicId: string, count: number) =>
    eventually(
      () =>
        executionsOf(api, topicId).filter((execution) => execution.status === "FAILED").length >= count
          ? true
          : undefined,
      `${count} failed executions of ${topicId}`,
    );

  it("is restarted after 1, 2, 4, 8 and 16 hours, then left for a person, who can re-drive it", async () => {
    faults.push(...Array.from({ length: 7 }, () => "TopicNotFound"));
    const doomed = await createTopic(api, home.station.id, { title: "每次都失败的议题" });
    await failures(doomed.id, 1);
    const start = Date.now();
    const sweepAt = (hours: number) =>
      sweepTopicLoops(
        { ...defaultRecoveryServices(), now: () => new Date(start + hours * 3_600_000) },
        { graceSeconds: 0 },
      );
    const restartedAt: number[] = [];
    let outcome: SweepOutcome | undefined;
    for (let hour = 0; hour <= 32; hour++) {
      outcome = await sweepAt(hour);
      if (outcome.restarted.some((restart) => restart.topicId === doomed.id)) {
        restartedAt.push(hour);
        await failures(doomed.id, restartedAt.length + 1);
      } else if (!outcome.givenUp.includes(doomed.id)) expect(outcome.backingOff).toBe(1);
    }
    expect(restartedAt).toEqual([0, 1, 3, 7, 15, 31]);
    expect(outcome?.givenUp).toEqual([doomed.id]);
    expect(executionsOf(api, doomed.id)).toHaveLength(7);

    // Someone fixed the cause (no more faults) and re-drives it: the loop carries on.
    expect(faults).toEqual([]);
    const reply = await api.post(`/topics/${doomed.id}/redrive`, {});
    expect(reply.status, reply.text).toBe(200);
    await parkedAt(api, doomed.id, "collect");
    expect((await getTopic(doomed.id)).restarts).toBeUndefined();
    expect((await sweepAt(33)).givenUp).toEqual([]);
  });
});

describe("recoveries that go wrong", () => {
  const sweepAt = (start: number, hours: number, services = defaultRecoveryServices()) =>
    sweepTopicLoops({ ...services, now: () => new Date(start + hours * 3_600_000) }, { graceSeconds: 0 });

  it("counts a restart whose start failed toward the back-off, and says so", async () => {
    faults.push("TopicNotFound", "TopicNotFound", "TopicNotFound");
    const shaky = await createTopic(api, home.station.id, { title: "启动失败的议题" });
    await eventually(
      () => (executionsOf(api, shaky.id)[0]?.status === "FAILED" ? true : undefined),
      "the first execution to fail",
    );
    const start = Date.now();
    expect((await sweepAt(start, 0)).restarted.map((r) => r.topicId)).toContain(shaky.id);
    await eventually(
      () => (executionsOf(api, shaky.id).every((e) => e.status === "FAILED") ? true : undefined),
      "the restart to fail too",
    );
    // At the next hour StartExecution itself fails (throttled, say): nothing runs, the sweep counts it.
    const services = defaultRecoveryServices();
    const refusing = {
      ...services,
      loop: { ...services.loop, start: async () => Promise.reject(new Error("ThrottlingException")) },
    };
    const broken = await sweepAt(start, 1, refusing);
    expect(broken.failed).toBe(1);
    expect(executionsOf(api, shaky.id)).toHaveLength(2);
    expect((await getTopic(shaky.id)).restarts).toMatchObject({ count: 2 });
    // Its name was recorded but it never started: the back-off holds (the next is due 2 hours on).
    const held = await sweepAt(start, 2);
    expect(held.restarted.map((r) => r.topicId)).not.toContain(shaky.id);
    expect(held.backingOff).toBeGreaterThanOrEqual(1);
    const again = await sweepAt(start, 3);
    expect(again.restarted.find((r) => r.topicId === shaky.id)).toMatchObject({ reason: "neverStarted" });
    expect((await getTopic(shaky.id)).restarts).toMatchObject({ count: 3 });
  });

  it("starts one execution when two sweeps find the same stranded topic at once", async () => {
    const topic = await createTopic(api, home.station.id, { title: "两次清扫的议题" });
    await parkedAt(api, topic.id, "collect");
    const [execution] = executionsOf(api, topic.id);
    if (!execution) throw new Error("no execution");
    await api.stack.workflow.stopExecution(execution.executionArn);
    const start = Date.now();
    // Different moments, so different execution names: StartExecution alone would start both.
    const [first, second] = await Promise.all([sweepAt(start, 0), sweepAt(start, 0.01)]);
    const restarts = [...first.restarted, ...second.restarted].filter((r) => r.topicId === topic.id);
    expect(restarts).toHaveLength(1);
    expect(first.failed + second.failed).toBe(0);
    expect(executionsOf(api, topic.id)).toHaveLength(2);
    await parkedAt(api, topic.id, "collect");
  });
});
