/**
 * Failures inside the loop's tasks: a notification that cannot go out and a DynamoDB throttle are
 * retried by the definition's Retry (backoff shortened for the test), and the topic's progress is
 * never lost or doubled; a topic that is gone fails its execution at once, without retries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localComponents, workflowComponent, workflowComponentWith } from "../../infra/local/components";
import { loadTaskHandler, type TaskHandler } from "../../infra/local/workflow-runtime";
import { topicLoopStates } from "../../workflows/topic-loop";
import { type Api, startApi } from "../api/harness";
import {
  completeStep,
  createTopic,
  executionsOf,
  kinds,
  notificationsOf,
  parkedAt,
  readTopic,
  type StationWithLead,
  stationWithLead,
} from "./harness";

/** Failures to inject before the real task function runs, by action: error names, used up in order. */
const faults: Record<string, string[]> = {};

const failing: TaskHandler = async (event, context) => {
  const action = (event as { action?: string }).action ?? "";
  const name = faults[action]?.shift();
  if (name) {
    const error = new Error(`injected ${name}`);
    error.name = name;
    throw error;
  }
  const real = await loadTaskHandler();
  return real(event, context);
};

let api: Api;
let home: StationWithLead;

beforeAll(async () => {
  api = await startApi({
    components: localComponents.map((component) =>
      component === workflowComponent
        ? workflowComponentWith({ taskHandler: failing, retryPauseMs: 5, keepHistories: 100 })
        : component,
    ),
  });
  home = await stationWithLead(api);
});

afterAll(async () => {
  expect(api?.takeServerErrors() ?? []).toEqual([]);
  await api?.stop();
});

const retriesOf = (executionArn: string, state: string) =>
  api.stack.workflow
    .getExecutionHistory(executionArn)
    .filter((event) => event.type === "StateRetried" && event.stateName === state).length;

describe("retries in the definition", () => {
  it("retries a throttled entry and enters the step exactly once, with one notice", async () => {
    faults.enterStep = ["ThrottledError", "ThrottledError"];
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    const [execution] = executionsOf(api, topic.id);
    if (!execution) throw new Error("no execution");
    expect(retriesOf(execution.executionArn, topicLoopStates.enterStep)).toBe(2);

    const detail = await readTopic(api, topic.id);
    expect(kinds(detail)).toEqual(["created", "step_started"]);
    const started = (await notificationsOf(api, topic.id)).filter(
      (note) => note.templateId === "step_started",
    );
    expect(started).toHaveLength(1);
  });

  it("retries a DynamoDB throttle while waiting, and the decision still moves the topic on", async () => {
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    // The entry parks the wait's token: a throttle there is a throttle while waiting, retried with
    // a fresh token each time.
    faults.enterStep = ["ThrottledError", "ThrottledError"];
    const reply = await completeStep(api, topic.id, "collect", [home.lead.id]);
    expect(reply.status, reply.text).toBe(200);
    await parkedAt(api, topic.id, "determine");
    const [execution] = executionsOf(api, topic.id);
    if (!execution) throw new Error("no execution");
    expect(retriesOf(execution.executionArn, topicLoopStates.enterStep)).toBe(2);
    expect(faults.enterStep).toEqual([]);
    const detail = await readTopic(api, topic.id);
    expect(kinds(detail)).toEqual(["created", "step_started", "step_completed", "step_started"]);
    expect(detail.step).toBe("determine");
  });

  it("gives up after the retries run out, failing the execution and keeping the topic as it was", async () => {
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    faults.enterStep = Array.from({ length: 30 }, () => "ThrottledError");
    const reply = await completeStep(api, topic.id, "collect", [home.lead.id]);
    expect(reply.status, reply.text).toBe(200);
    const [execution] = executionsOf(api, topic.id);
    if (!execution) throw new Error("no execution");
    const ended = await api.stack.workflow.waitForExecution(execution.executionArn);
    expect(ended).toMatchObject({ status: "FAILED", error: "ThrottledError" });
    // Ten retries, as the definition says (the catch-all retrier after it does not take over); the
    // rest of the injected failures were never used.
    expect(retriesOf(execution.executionArn, topicLoopStates.enterStep)).toBe(10);
    expect(faults.enterStep).toHaveLength(30 - 11);
    faults.enterStep = [];
    // The decision is kept: the topic is at determine (planned by the decision, its start in the
    // timeline), waiting to be entered when the loop is re-driven.
    const detail = await readTopic(api, topic.id);
    expect(detail.step).toBe("determine");
    expect(kinds(detail)).toEqual(["created", "step_started", "step_completed", "step_started"]);
  });

  it("retries an error it has no name for (a raw SDK throttle) with the catch-all retrier", async () => {
    faults.enterStep = ["ProvisionedThroughputExceededException", "TimeoutError"];
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    const [execution] = executionsOf(api, topic.id);
    if (!execution) throw new Error("no execution");
    expect(retriesOf(execution.executionArn, topicLoopStates.enterStep)).toBe(2);
    expect(kinds(await readTopic(api, topic.id))).toEqual(["created", "step_started"]);
  });

  it("fails at once, without retries, for a topic that does not exist", async () => {
    const { executionArn } = await api.stack.workflow.startExecution({
      name: "no-such-topic",
      input: { topicId: "01ARZ3NDEKTSV4RRFFQ69G5FAV", step: "collect", resume: false },
    });
    const ended = await api.stack.workflow.waitForExecution(executionArn);
    expect(ended).toMatchObject({ status: "FAILED", error: "TopicNotFound" });
    expect(retriesOf(executionArn, topicLoopStates.enterStep)).toBe(0);
  });
});
