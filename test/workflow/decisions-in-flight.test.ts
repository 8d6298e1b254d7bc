/**
 * A decision is never answered "try again later" while the loop catches up: a client may complete a
 * step right after registering the topic, and the next step right after the previous, and each
 * answer already shows the new step with its own deadline. The execution follows the topic there.
 * A decision that names a step the topic has left is refused instead of acting on the new step.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicSteps } from "../../functions/domain/topics/steps";
import { type Api, expectApiError, startApi } from "../api/harness";
import {
  completeStep,
  createTopic,
  executionEnded,
  executionsOf,
  kinds,
  notificationsOf,
  parkedAt,
  readTopic,
  type StationWithLead,
  stationWithLead,
  type Topic,
} from "./harness";

let api: Api;
let home: StationWithLead;
let members: string[];

beforeAll(async () => {
  api = await startApi();
  home = await stationWithLead(api);
  members = [home.lead.id];
});

afterAll(async () => {
  expect(api?.takeServerErrors() ?? []).toEqual([]);
  await api?.stop();
});

const ended = (topicId: string) => executionEnded(api, topicId);

describe("decisions while the loop catches up", () => {
  it("six completions back to back, from the moment of registration: each 200, the topic closes", async () => {
    const topic = await createTopic(api, home.station.id, {}, home.staffToken);
    for (const step of topicSteps) {
      const reply = await completeStep(api, topic.id, step, members, home.staffToken);
      expect(reply.status, `${step}: ${reply.text}`).toBe(200);
      const answered = reply.json<Topic>();
      const next = topicSteps[topicSteps.indexOf(step) + 1];
      if (next) {
        // The answer shows the step the topic is now at, with that step's own deadline.
        expect(answered).toMatchObject({ step: next, status: "open" });
        expect(new Date(answered.deadline ?? 0).getTime()).toBeGreaterThan(Date.now());
        expect(answered.stepStartedAt).toBeDefined();
      } else {
        expect(answered).toMatchObject({ status: "closed", closedAs: "completed" });
      }
    }
    const execution = await ended(topic.id);
    expect(execution.status).toBe("SUCCEEDED");
    const timeline = kinds(await readTopic(api, topic.id));
    expect(timeline.filter((kind) => kind === "step_completed")).toHaveLength(6);
    expect(timeline.at(-1)).toBe("closed");
  });

  it("the deadline a completion answers with is the one the loop keeps when it enters the step", async () => {
    const topic = await createTopic(api, home.station.id, {}, home.staffToken);
    const answered = (await completeStep(api, topic.id, "collect", members)).json<Topic>();
    await parkedAt(api, topic.id, "determine");
    const entered = await readTopic(api, topic.id);
    expect(entered.deadline).toBe(answered.deadline);
    const started = entered.timeline?.filter((event) => event.kind === "step_started").at(-1);
    expect(started?.details).toMatchObject({ deadline: answered.deadline });
  });

  it("a return right after a completion is taken, and the loop ends up at the step returned to", async () => {
    const topic = await createTopic(api, home.station.id, {}, home.staffToken);
    expect((await completeStep(api, topic.id, "collect", members)).status).toBe(200);
    expect((await completeStep(api, topic.id, "determine", members)).status).toBe(200);
    const returned = await api.post(`/topics/${topic.id}/return`, {
      step: "research",
      toStep: "collect",
      reason: "反映人信息不全",
    });
    expect(returned.status, returned.text).toBe(200);
    expect(returned.json<Topic>()).toMatchObject({ step: "collect", returns: 1 });
    await parkedAt(api, topic.id, "collect");
    const [execution] = executionsOf(api, topic.id);
    expect(execution?.status).toBe("RUNNING");
  });
});

describe("a decision enters the step it moves the topic to", () => {
  it("tells that step's responsible with its answer, once, even when no execution takes the decision", async () => {
    const topic = await createTopic(api, home.station.id, {}, home.staffToken);
    await parkedAt(api, topic.id, "collect");
    const [execution] = executionsOf(api, topic.id);
    if (!execution) throw new Error("no execution");
    // Nothing follows the topic now: whatever tells people, the decision's own write must.
    await api.stack.workflow.stopExecution(execution.executionArn);
    const reply = await completeStep(api, topic.id, "collect", members, home.staffToken);
    expect(reply.status, reply.text).toBe(200);
    const toldOf = async (stepName: string) =>
      (await notificationsOf(api, topic.id)).filter(
        (note) => note.templateId === "step_started" && note.text.includes(stepName),
      );
    expect(await toldOf("确定议题")).toHaveLength(1);

    // The county office restarts the loop: it resumes the step entered, telling nobody again, and
    // the decision that led there is not handed to the new wait when the next one is taken.
    const redriven = await api.post(`/topics/${topic.id}/redrive`, {});
    expect(redriven.status, redriven.text).toBe(200);
    expect(redriven.json<{ resume: boolean }>()).toMatchObject({ step: "determine", resume: true });
    await parkedAt(api, topic.id, "determine");
    const next = await completeStep(api, topic.id, "determine", members, home.staffToken);
    expect(next.status, next.text).toBe(200);
    await parkedAt(api, topic.id, "research");
    expect(await readTopic(api, topic.id)).toMatchObject({ step: "research", status: "open" });
    expect(await toldOf("确定议题")).toHaveLength(1);
    expect(await toldOf("深入调研")).toHaveLength(1);
  });
});

describe("a decision for a step the topic has left", () => {
  it("return and reject naming the previous step: 409, and the topic is untouched", async () => {
    const topic = await createTopic(api, home.station.id, {}, home.staffToken);
    expect((await completeStep(api, topic.id, "collect", members)).status).toBe(200);
    expect((await completeStep(api, topic.id, "determine", members)).status).toBe(200);
    await parkedAt(api, topic.id, "research");
    const before = await readTopic(api, topic.id);
    const lateReturn = await api.post(`/topics/${topic.id}/return`, {
      step: "determine",
      toStep: "collect",
      reason: "看到的是上一环节",
    });
    expect(expectApiError(lateReturn, 409, "wrong_step").details?.map((d) => d.code)).toEqual([
      "not_current_step",
    ]);
    const lateReject = await api.post(`/topics/${topic.id}/reject`, {
      step: "determine",
      reason: "迟到的不采纳",
    });
    expectApiError(lateReject, 409, "wrong_step");
    const after = await readTopic(api, topic.id);
    expect(after).toMatchObject({ step: "research", status: "open", returns: 0, version: before.version });
  });
});
