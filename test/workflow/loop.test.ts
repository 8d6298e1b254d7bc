/**
 * The six-step loop, run by the synthesized state machine on the local runtime with the real task
 * function, the real API and DynamoDB Local: decisions through the API, the execution's path, the
 * table's state, the timeline and the notifications.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicSteps } from "../../functions/domain/topics/steps";
import { pickUpSeconds } from "../../functions/topics/loop/waiting";
import { topicLoopStates } from "../../workflows/topic-loop";
import { type Api, expectApiError, startApi } from "../api/harness";
import {
  completeStep,
  completeWhenReady,
  createTopic,
  eventually,
  evidenceFor,
  executionEnded,
  executionsOf,
  kinds,
  type Notification,
  notificationsOf,
  parkedAt,
  readTopic,
  type StationWithLead,
  sourcePhone,
  stationWithLead,
  topicInput,
  writeTopicWithoutExecution,
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

describe("the full loop", () => {
  it("carries a topic from 收集议题 to 办理反馈 and closes it, telling the source", async () => {
    const topic = await createTopic(api, home.station.id, {}, home.staffToken);
    expect(topic).toMatchObject({ step: "collect", status: "open", stepName: "收集议题" });

    for (const step of topicSteps) {
      const after = await completeWhenReady(api, topic.id, step, members);
      const next = topicSteps[topicSteps.indexOf(step) + 1];
      if (next) expect(after).toMatchObject({ step: next, status: "open" });
      else expect(after).toMatchObject({ status: "closed", closedAs: "completed" });
    }

    const execution = await ended(topic.id);
    expect(execution.status).toBe("SUCCEEDED");
    const { startOrResume, enterStep, decided, closed } = topicLoopStates;
    // Each step's entry parks its token in the same task: no Await step when no alarm falls due.
    expect(execution.statesEntered).toEqual([
      startOrResume,
      ...topicSteps.flatMap(() => [enterStep, decided]),
      closed,
    ]);
    // 1 + 6 × 2 + 1: the figure decision 0006 promises since its addendum of 2026-12-03 (target ≤ 60).
    expect(execution.stateTransitions).toBe(14);

    const detail = await readTopic(api, topic.id);
    expect(kinds(detail)).toEqual([
      "created",
      ...topicSteps.flatMap(() => ["step_started", "step_completed"]),
      "closed",
    ]);
    expect(
      detail.timeline?.filter((event) => event.kind === "step_started").map((event) => event.step),
    ).toEqual([...topicSteps]);
    for (const event of detail.timeline ?? []) expect(event.text.length).toBeGreaterThan(3);
    expect(Object.keys(detail.evidence).sort()).toEqual([...topicSteps].sort());

    const notifications = await notificationsOf(api, topic.id);
    const started = notifications.filter((note) => note.templateId === "step_started");
    expect(started).toHaveLength(6);
    expect(new Set(started.map((note) => note.recipient.name))).toEqual(new Set(["经办人丙"]));
    const toldSource = notifications.filter((note) => note.templateId === "topic_closed");
    expect(toldSource).toHaveLength(1);
    expect(toldSource[0]?.recipient.id).toBe(`person:${sourcePhone}`);
    expect(toldSource[0]?.channel).toBe("sms");
    expect(toldSource[0]?.text).toContain("老旧小区加装电梯");
  });

  it("keeps a closed topic immutable", async () => {
    const topic = await createTopic(api, home.station.id);
    for (const step of topicSteps) await completeWhenReady(api, topic.id, step, members);
    await ended(topic.id);
    const before = await readTopic(api, topic.id);

    const attempts = [
      await completeStep(api, topic.id, "feedback", members),
      await api.post(`/topics/${topic.id}/return`, { step: "feedback", toStep: "consult", reason: "再议" }),
      await api.patch(`/topics/${topic.id}/deadline`, { deadline: "2027-03-01", reason: "延期" }),
    ];
    for (const reply of attempts) {
      const error = expectApiError(reply, 409, "wrong_step");
      expect(error.details?.map((detail) => detail.code)).toEqual(["topic_closed"]);
    }
    const after = await readTopic(api, topic.id);
    expect(after.version).toBe(before.version);
    expect(after.timeline).toEqual(before.timeline);
  });

  it("lists topics by station, step and status", async () => {
    const other = await stationWithLead(api);
    const open = await createTopic(api, other.station.id, { title: "停车难" });
    await completeWhenReady(api, open.id, "collect", members);
    const byStation = await api.get(`/topics?stationId=${other.station.id}`);
    expect(byStation.status, byStation.text).toBe(200);
    expect(byStation.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([open.id]);
    const atDetermine = await api.get(`/topics?stationId=${other.station.id}&step=determine&status=open`);
    expect(atDetermine.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([open.id]);
    const atResearch = await api.get(`/topics?stationId=${other.station.id}&step=research`);
    expect(atResearch.json<{ items: unknown[] }>().items).toEqual([]);
    // Staff of another station do not see it.
    const stranger = await api.get(`/topics/${open.id}`, { token: home.staffToken });
    expect(stranger.status).toBe(404);
  });
});

describe("when the topic loop cannot be started", () => {
  it("answers 503 and keeps nothing, telling nobody, so that a retry registers the topic once", async () => {
    const other = await stationWithLead(api);
    const responsible = { name: "经办人丁", phone: "13600000077" };
    const told = async () => {
      const reply = await api.get(`/notifications?recipient=person:${responsible.phone}&limit=100`);
      expect(reply.status, reply.text).toBe(200);
      return reply.json<{ items: Notification[] }>().items.map((note) => note.templateId);
    };
    const arn = process.env.TOPIC_LOOP_ARN ?? "";
    process.env.TOPIC_LOOP_ARN = `${arn}-gone`;
    let reply: Awaited<ReturnType<Api["post"]>>;
    try {
      reply = await api.post("/topics", topicInput(other.station.id, { responsible }));
    } finally {
      process.env.TOPIC_LOOP_ARN = arn;
    }
    const error = expectApiError(reply, 503, "service_unavailable");
    expect(error.message).toContain("未保存");
    expect(reply.headers.get("retry-after")).toBe("5");
    // The one 5xx of this file, and meant.
    expect(api.takeServerErrors()).toEqual([expect.stringMatching(/^POST \/topics → 503/)]);
    const listed = await api.get(`/topics?stationId=${other.station.id}`);
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
    // The registration's notice to the responsible went with it.
    expect(await told()).toEqual([]);

    const again = await api.post("/topics", topicInput(other.station.id, { responsible }));
    expect(again.status, again.text).toBe(201);
    // Told with the registration itself, before the loop parks its first wait.
    expect(await told()).toEqual(["step_started"]);
    await parkedAt(api, again.json<Topic>().id, "collect");
    const after = await api.get(`/topics?stationId=${other.station.id}`);
    expect(after.json<{ items: unknown[] }>().items).toHaveLength(1);
    expect(await told()).toEqual(["step_started"]);
  });
});

describe("return", () => {
  it("sends a topic back to an earlier step, which starts again with a fresh deadline", async () => {
    const topic = await createTopic(api, home.station.id);
    await completeWhenReady(api, topic.id, "collect", members);
    await completeWhenReady(api, topic.id, "determine", members);
    await parkedAt(api, topic.id, "research");

    const reply = await api.post(`/topics/${topic.id}/return`, {
      step: "research",
      toStep: "collect",
      reason: "反映人信息不全，需补充",
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<Topic>()).toMatchObject({ step: "collect", returns: 1 });

    await parkedAt(api, topic.id, "collect");
    const detail = await readTopic(api, topic.id);
    const returned = detail.timeline?.find((event) => event.kind === "returned");
    expect(returned?.text).toContain("反映人信息不全");
    expect(returned?.text).toContain("收集议题");
    expect(kinds(detail).slice(-2)).toEqual(["returned", "step_started"]);
    expect(detail.timeline?.at(-1)?.step).toBe("collect");

    // The loop goes on from there.
    const after = await completeWhenReady(api, topic.id, "collect", members);
    expect(after.step).toBe("determine");
    const [execution] = executionsOf(api, topic.id);
    expect(execution?.status).toBe("RUNNING");
  });

  it("refuses to send a topic forward or to its own step", async () => {
    const topic = await createTopic(api, home.station.id);
    await completeWhenReady(api, topic.id, "collect", members);
    await parkedAt(api, topic.id, "determine");
    const forward = await api.post(`/topics/${topic.id}/return`, {
      step: "determine",
      toStep: "research",
      reason: "跳过",
    });
    expect([400, 409]).toContain(forward.status);
    const same = await api.post(`/topics/${topic.id}/return`, {
      step: "determine",
      toStep: "determine",
      reason: "重来",
    });
    expect([400, 409]).toContain(same.status);
    expect((await readTopic(api, topic.id)).step).toBe("determine");
  });
});

describe("reject", () => {
  it("closes the topic as not adopted at 确定议题 and tells the source why", async () => {
    const topic = await createTopic(api, home.station.id);
    await completeWhenReady(api, topic.id, "collect", members);
    await parkedAt(api, topic.id, "determine");

    const reply = await api.post(`/topics/${topic.id}/reject`, {
      step: "determine",
      reason: "属于司法程序事项，不宜协商",
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<Topic>()).toMatchObject({ status: "closed", closedAs: "rejected" });

    const execution = await ended(topic.id);
    expect(execution.status).toBe("SUCCEEDED");
    expect(execution.statesEntered.at(-1)).toBe(topicLoopStates.closed);

    const told = (await notificationsOf(api, topic.id)).filter(
      (note) => note.templateId === "topic_rejected",
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.recipient.id).toBe(`person:${sourcePhone}`);
    expect(told[0]?.text).toContain("属于司法程序事项，不宜协商");
    expect(kinds(await readTopic(api, topic.id))).toContain("rejected");
  });

  it("tells each of a hundred people who raised the topic, once", async () => {
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    // As many as the collect step takes: more than a transaction holds, with the topic's own items.
    const raisedBy = Array.from({ length: 100 }, (_, index) => ({
      name: `居民${index + 1}`,
      contact: `1350000${String(index).padStart(4, "0")}`,
    }));
    const collected = await api.post(`/topics/${topic.id}/steps/collect/complete`, {
      ...evidenceFor("collect", members),
      raisedBy,
    });
    expect(collected.status, collected.text).toBe(200);
    await parkedAt(api, topic.id, "determine");
    const reply = await api.post(`/topics/${topic.id}/reject`, { step: "determine", reason: "不宜协商" });
    expect(reply.status, reply.text).toBe(200);
    const told = (await notificationsOf(api, topic.id)).filter(
      (note) => note.templateId === "topic_rejected",
    );
    expect(told.map((note) => note.recipient.id).sort()).toEqual(
      raisedBy.map((person) => `person:${person.contact}`).sort(),
    );
  });

  it("is refused at any other step", async () => {
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    const error = expectApiError(
      await api.post(`/topics/${topic.id}/reject`, { step: "collect", reason: "不采纳" }),
      409,
      "wrong_step",
    );
    expect(error.details?.map((detail) => detail.code)).toEqual(["reject_only_at_determine"]);
    expect((await readTopic(api, topic.id)).status).toBe("open");
  });
});

describe("deadline extension", () => {
  it("moves the step's deadline with a reason, recorded in the timeline", async () => {
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    const before = await readTopic(api, topic.id);
    const reply = await api.patch(`/topics/${topic.id}/deadline`, {
      deadline: "2027-02-26",
      reason: "春节前后群众集中返乡，延后收集",
    });
    expect(reply.status, reply.text).toBe(200);
    const after = reply.json<Topic>();
    expect(after.extensions).toBe(1);
    expect(after.deadline).not.toBe(before.deadline);
    expect(new Date(after.deadline ?? 0).getTime()).toBeGreaterThan(new Date(before.deadline ?? 0).getTime());
    const event = (await readTopic(api, topic.id)).timeline?.find(
      (item) => item.kind === "deadline_extended",
    );
    expect(event?.text).toContain("春节前后群众集中返乡");
    // The person responsible is told, and the waiting execution re-plans its alarms (Resume step),
    // announcing nothing else.
    const told = (await notificationsOf(api, topic.id)).filter(
      (note) => note.templateId === "deadline_extended",
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain("春节前后群众集中返乡");
    expect(told[0]?.text).toContain("2027-02-26 23:59");
    await eventually(
      () =>
        executionsOf(api, topic.id)[0]?.statesEntered.includes(topicLoopStates.resumeStep) ? true : undefined,
      "the execution to re-arm",
    );
    // The loop still waits at the same step and takes the next decision.
    const done = await completeWhenReady(api, topic.id, "collect", members);
    expect(done.step).toBe("determine");
  });

  it("rejects an extension without a reason, changing nothing", async () => {
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    const before = await readTopic(api, topic.id);
    const reply = await api.patch(`/topics/${topic.id}/deadline`, { deadline: "2027-02-26" });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toContain("reason");
    expect((await readTopic(api, topic.id)).version).toBe(before.version);
  });
});

describe("duplicate and concurrent completions", () => {
  it("advances once when the same completion is sent twice at once", async () => {
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    const replies = await Promise.all([
      completeStep(api, topic.id, "collect", members),
      completeStep(api, topic.id, "collect", members),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);

    await parkedAt(api, topic.id, "determine");
    const detail = await readTopic(api, topic.id);
    expect(kinds(detail).filter((kind) => kind === "step_completed")).toHaveLength(1);
    const started = (await notificationsOf(api, topic.id)).filter(
      (note) => note.templateId === "step_started" && note.text.includes("确定议题"),
    );
    expect(started).toHaveLength(1);
    const [execution] = executionsOf(api, topic.id);
    expect(execution?.statesEntered.filter((state) => state === topicLoopStates.enterStep)).toHaveLength(2);
  });

  it("lets exactly one of two staff members complete the same step", async () => {
    const topic = await createTopic(api, home.station.id);
    await completeWhenReady(api, topic.id, "collect", members);
    await parkedAt(api, topic.id, "determine");
    const second = await api.token({ role: "staff", stationIds: [home.station.id], subject: "staff-2" });
    const replies = await Promise.all([
      completeStep(api, topic.id, "determine", members, home.staffToken),
      completeStep(api, topic.id, "determine", members, second),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    await parkedAt(api, topic.id, "research");
    const completed = (await readTopic(api, topic.id)).timeline?.filter(
      (event) => event.kind === "step_completed",
    );
    expect(completed?.map((event) => event.step)).toEqual(["collect", "determine"]);
  });

  it("answers 409 for a step that is not current, changing nothing", async () => {
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    const before = await readTopic(api, topic.id);
    const error = expectApiError(await completeStep(api, topic.id, "research", members), 409, "wrong_step");
    expect(error.details?.[0]?.code).toBe("not_current_step");
    expect(error.details?.[0]?.message).toContain("收集议题");
    expect((await readTopic(api, topic.id)).version).toBe(before.version);
  });

  it("rejects evidence that does not fit the step, naming the field", async () => {
    const topic = await createTopic(api, home.station.id);
    await parkedAt(api, topic.id, "collect");
    const reply = await api.post(`/topics/${topic.id}/steps/collect/complete`, { summary: "缺少反映人" });
    expectApiError(reply, 400, "validation_failed");
    expect(reply.fields).toContain("raisedBy");
    expect((await readTopic(api, topic.id)).step).toBe("collect");
  });
});

describe("深入调研 evidence", () => {
  it("refuses a visit after today or by someone not registered as a member, naming each field, changing nothing", async () => {
    const topic = await createTopic(api, home.station.id);
    await completeWhenReady(api, topic.id, "collect", members);
    await completeWhenReady(api, topic.id, "determine", members);
    await parkedAt(api, topic.id, "research");
    const before = await readTopic(api, topic.id);
    const reply = await api.post(`/topics/${topic.id}/steps/research/complete`, {
      visits: [
        { date: "2026-11-20", place: "城东小区", members: [home.lead.id] },
        { date: "2099-12-03", place: "城西小区", members: [home.lead.id, home.station.id] },
      ],
      findings: "居民普遍支持加装电梯",
    });
    const error = expectApiError(reply, 400, "validation_failed");
    expect(error.details).toEqual([
      expect.objectContaining({ field: "visits.1.date", code: "date_in_future" }),
      expect.objectContaining({ field: "visits.1.members.1", code: "not_found" }),
    ]);
    expect(error.details?.[1]?.message).toContain(home.station.id);
    const after = await readTopic(api, topic.id);
    expect(after.version).toBe(before.version);
    expect(after.step).toBe("research");
  });
});

describe("evidence size", () => {
  it("refuses a step's evidence beyond what the topic can hold, naming the limit, changing nothing", async () => {
    const topic = await createTopic(api, home.station.id);
    await completeWhenReady(api, topic.id, "collect", members);
    await completeWhenReady(api, topic.id, "determine", members);
    await parkedAt(api, topic.id, "research");
    const before = await readTopic(api, topic.id);
    const visit = (day: number) => ({
      date: `2026-11-${String(day).padStart(2, "0")}`,
      place: "镇".repeat(100),
      members: Array.from({ length: 50 }, () => home.lead.id),
    });
    const reply = await api.post(`/topics/${topic.id}/steps/research/complete`, {
      visits: Array.from({ length: 30 }, (_, index) => visit((index % 28) + 1)),
      findings: "调".repeat(5000),
    });
    const error = expectApiError(reply, 400, "validation_failed");
    expect(error.details?.[0]).toMatchObject({ field: "body", code: "evidence_too_large" });
    expect(error.details?.[0]?.message).toContain("56 KB");
    const after = await readTopic(api, topic.id);
    expect(after.version).toBe(before.version);
    expect(after.step).toBe("research");
  });
});

describe("a stale token", () => {
  it("is taken as 'already done': the decision stands and is delivered when the loop next waits", async () => {
    const { getTopic, saveTopic } = await import("../../functions/topics/store/topics");
    const topic = await createTopic(api, home.station.id);
    const first = await parkedAt(api, topic.id, "collect");
    await completeWhenReady(api, topic.id, "collect", members);
    await parkedAt(api, topic.id, "determine");
    // Park the used collect token on the topic, as if the wait had been re-armed behind our back.
    const stored = await getTopic(topic.id);
    await saveTopic(stored, (current) => ({ ...current, taskToken: first.taskToken }), [], new Date());
    const reply = await completeStep(api, topic.id, "determine", members);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<Topic>().step).toBe("research");
    expect((await getTopic(topic.id)).pendingDecision).toMatchObject({
      decidedAt: "determine",
      step: "research",
    });

    // A wait whose own delivery finds its token stale (it timed out meanwhile) keeps the decision…
    const { handler } = await import("../../functions/topic-loop");
    await handler({ action: "awaitStep", topicId: topic.id, step: "determine", taskToken: first.taskToken });
    expect((await getTopic(topic.id)).pendingDecision).toMatchObject({ decidedAt: "determine" });
    // …and a wake-up of the old step sends nothing about it: the topic has moved on.
    const woken = (await handler({ action: "remind", topicId: topic.id, step: "determine" })) as {
      waitSeconds: number;
    };
    expect(woken.waitSeconds).toBe(pickUpSeconds);
    expect(kinds(await readTopic(api, topic.id))).not.toContain("reminder_sent");

    // The execution still waits on its own token at determine; it is told when it wakes (here: the
    // test stops that wait the way a timeout would, by failing the task with States.Timeout).
    const waiting = await parkedAt(api, topic.id, "determine");
    await api.stack.workflow.sendTaskFailure(waiting.taskToken, "States.Timeout", "woken by the test");
    await parkedAt(api, topic.id, "research");
    const detail = await readTopic(api, topic.id);
    expect(kinds(detail).filter((kind) => kind === "step_started")).toHaveLength(3);
    expect((await getTopic(topic.id)).pendingDecision).toBeUndefined();
  });
});

describe("a second execution for the same topic", () => {
  it("follows the topic to its step instead of waiting on a step that is over, and enters nothing twice", async () => {
    const topic = await createTopic(api, home.station.id);
    await completeWhenReady(api, topic.id, "collect", members);
    await completeWhenReady(api, topic.id, "determine", members);
    await parkedAt(api, topic.id, "research");
    // As an operator resuming a topic that still had a running execution would start it.
    const { executionArn } = await api.stack.workflow.startExecution({
      name: `${topic.id}-operator`,
      input: { topicId: topic.id, step: "collect", resume: true },
    });
    const second = await api.stack.workflow.waitForTask(executionArn);
    expect((second.payload as { step: string }).step).toBe("research");

    const reply = await completeStep(api, topic.id, "research", members);
    expect(reply.status, reply.text).toBe(200);
    await parkedAt(api, topic.id, "consult");
    const detail = await readTopic(api, topic.id);
    expect(kinds(detail).filter((kind) => kind === "step_started")).toHaveLength(4);
    const started = (await notificationsOf(api, topic.id)).filter(
      (note) => note.templateId === "step_started",
    );
    expect(started).toHaveLength(4);
  });
});

describe("executions and tasks of the definition before the entry parked its token (an upgrade)", () => {
  it("an execution started without the entry's wait resumes, enters the step, tells its responsible, and goes on", async () => {
    const template = await createTopic(api, home.station.id);
    await parkedAt(api, template.id, "collect");
    const id = await writeTopicWithoutExecution(template, { entered: false });
    // As the API of the version before started executions: no `waitSeconds`.
    const { executionArn } = await api.stack.workflow.startExecution({
      name: `${id}-1`,
      input: { topicId: id, step: "collect", resume: false },
    });
    const waiting = await parkedAt(api, id, "collect");
    expect(waiting.executionArn).toBe(executionArn);
    const { getTopic } = await import("../../functions/topics/store/topics");
    expect(await getTopic(id)).toMatchObject({ step: "collect", stepSeq: 1, enteredSeq: 1 });
    const told = (await notificationsOf(api, id)).filter((note) => note.templateId === "step_started");
    expect(told).toHaveLength(1);
    const reply = await completeStep(api, id, "collect", members);
    expect(reply.status, reply.text).toBe(200);
    await parkedAt(api, id, "determine");
    const [execution] = executionsOf(api, id);
    // Resumed; the Await step finds the step not entered and follows the topic there; then as usual.
    expect(execution?.statesEntered).toEqual([
      topicLoopStates.startOrResume,
      topicLoopStates.resumeStep,
      topicLoopStates.awaitStep,
      topicLoopStates.decided,
      topicLoopStates.enterStep,
      topicLoopStates.decided,
      topicLoopStates.enterStep,
    ]);
  });

  it("an Enter step without a token (the older definition) enters the step and answers the wait until its first alarm", async () => {
    const template = await createTopic(api, home.station.id);
    await parkedAt(api, template.id, "collect");
    const id = await writeTopicWithoutExecution(template, { entered: false });
    const { handler } = await import("../../functions/topic-loop");
    const state = (await handler({ action: "enterStep", topicId: id, step: "collect" })) as {
      topicId: string;
      step: string;
      waitSeconds: number;
    };
    expect(state).toMatchObject({ topicId: id, step: "collect" });
    expect(state.waitSeconds).toBeGreaterThan(pickUpSeconds);
    const { getTopic } = await import("../../functions/topics/store/topics");
    expect(await getTopic(id)).toMatchObject({ step: "collect", stepSeq: 1, enteredSeq: 1 });
    expect((await getTopic(id)).taskToken).toBeUndefined();
    await eventually(async () => {
      const notes = await notificationsOf(api, id);
      return notes.some((note) => note.templateId === "step_started") ? true : undefined;
    }, "the step_started notice");
  });
});

type Topic = import("./harness").Topic;
