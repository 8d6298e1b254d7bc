/**
 * Reminders and escalations at an accelerated clock: the simulated clock runs 200 000 times faster
 * than real time (a day in about 0.4 s), the same way `npm start -- --speed N` runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxWakeUpsPerExecution } from "../../functions/topics/loop/waiting";
import { topicLoopStates } from "../../workflows/topic-loop";
import { type Api, startApi } from "../api/harness";
import {
  completeStep,
  createTopic,
  eventually,
  executionsOf,
  type Notification,
  notificationsOf,
  parkedAt,
  readTopic,
  type StationWithLead,
  stationWithLead,
  type TimelineEvent,
  type Topic,
} from "./harness";

const speed = 200_000;
let api: Api;
let home: StationWithLead;

beforeAll(async () => {
  api = await startApi({ speed });
  home = await stationWithLead(api);
});

afterAll(async () => {
  expect(api?.takeServerErrors() ?? []).toEqual([]);
  await api?.stop();
});

const alarmsOf = (topic: Topic) =>
  (topic.timeline ?? []).filter((event) => event.kind === "reminder_sent" || event.kind === "escalated");

const alarmKey = (event: TimelineEvent) => String(event.details?.alarm);

/**
 * A topic whose collect step is due in a week (so that the reminder two working days ahead falls
 * after the start, whatever weekday the simulated clock starts on): the whole ladder fits in a few
 * seconds.
 */
const shortTopic = (title: string) =>
  createTopic(api, home.station.id, { title, deadlines: { collect: { amount: 7, unit: "days" } } });

describe("the reminder → deadline → escalation ladder", () => {
  let topic: Topic;
  let detail: Topic;
  let notes: Notification[];

  beforeAll(async () => {
    topic = await shortTopic("背街小巷路灯不亮");
    detail = await eventually(
      async () => {
        const read = await readTopic(api, topic.id);
        return alarmsOf(read).some((event) => alarmKey(event) === "escalate:countyOffice") ? read : undefined;
      },
      "the county office to be told",
      30_000,
    );
    notes = await notificationsOf(api, topic.id);
  });

  it("reminds the responsible person before the deadline and at it, then climbs the ladder once per level", () => {
    expect(alarmsOf(detail).map(alarmKey)).toEqual([
      "before",
      "due",
      "escalate:leadMember",
      "escalate:liaison",
      "escalate:countyOffice",
    ]);
    expect(alarmsOf(detail).map((event) => event.kind)).toEqual([
      "reminder_sent",
      "reminder_sent",
      "escalated",
      "escalated",
      "escalated",
    ]);
  });

  it("sends each alarm at its time: the reminder before the deadline, escalations after it", () => {
    const deadline = new Date(detail.deadline ?? "").getTime();
    const at = (key: string) =>
      new Date(alarmsOf(detail).find((event) => alarmKey(event) === key)?.at ?? 0).getTime();
    expect(at("before")).toBeLessThan(deadline);
    expect(at("due")).toBeLessThanOrEqual(deadline + 3_600_000 * 3);
    expect(at("escalate:leadMember")).toBeGreaterThan(deadline);
    expect(at("escalate:leadMember")).toBeLessThan(at("escalate:liaison"));
    expect(at("escalate:liaison")).toBeLessThan(at("escalate:countyOffice"));
    expect(detail.overdue).toBe(true);
  });

  it("tells each rung of the ladder: lead member, liaison leader and committee, county office", () => {
    const byTemplate = (id: string) => notes.filter((note) => note.templateId === id);
    expect(byTemplate("reminder_before").map((note) => note.recipient.name)).toEqual(["经办人丙"]);
    expect(byTemplate("reminder_due").map((note) => note.recipient.name)).toEqual(["经办人丙"]);
    expect(byTemplate("escalation").map((note) => note.recipient.id)).toEqual([
      `member:${home.lead.id}`,
      `liaison:${home.station.id}`,
      "county-office",
    ]);
    const liaison = byTemplate("escalation")[1];
    expect(liaison?.recipient.name).toContain("联系县领导乙");
    expect(liaison?.recipient.name).toContain("社会和法制委员会");
    for (const note of byTemplate("escalation")) expect(note.text).toContain("背街小巷路灯不亮");
  });

  it("records every reminder and escalation in the timeline, in words", () => {
    const texts = alarmsOf(detail).map((event) => event.text);
    expect(texts[0]).toContain("经办人丙");
    expect(texts[2]).toContain("督办");
    expect(texts[4]).toContain("政协办公室");
  });

  it("lists the topic as overdue", async () => {
    const reply = await api.get(`/topics?stationId=${home.station.id}&overdue=true`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toContain(topic.id);
  });

  it("sends nothing more once the ladder is climbed, and the step can still be completed", async () => {
    const count = notes.length;
    // Twenty more simulated days.
    await new Promise((resolve) => setTimeout(resolve, (20 * 86_400 * 1000) / speed));
    expect(await notificationsOf(api, topic.id)).toHaveLength(count);

    await parkedAt(api, topic.id, "collect");
    const reply = await completeStep(api, topic.id, "collect", [home.lead.id]);
    expect(reply.status, reply.text).toBe(200);
    await parkedAt(api, topic.id, "determine");
    const next = await readTopic(api, topic.id);
    expect(next.overdue).toBe(false);
    expect(new Date(next.deadline ?? 0).getTime()).toBeGreaterThan(api.stack.clock.now().getTime());
  });

  it("costs a handful of state transitions per reminder cycle", () => {
    const [execution] = executionsOf(api, topic.id);
    const remindEntries =
      execution?.statesEntered.filter((state) => state === topicLoopStates.remind).length ?? 0;
    expect(remindEntries).toBeGreaterThanOrEqual(5);
    // Remind, hand-over choice, await: three entries per cycle, the first await aside.
    const awaits =
      execution?.statesEntered.filter((state) => state === topicLoopStates.awaitStep).length ?? 0;
    expect(awaits).toBeGreaterThanOrEqual(remindEntries);
  });
});

describe("an extension at an accelerated clock", () => {
  it("reminds afresh for the new deadline and holds escalations back until it passes", async () => {
    const topic = await shortTopic("菜市场周边占道经营");
    const reminded = await eventually(async () => {
      const read = await readTopic(api, topic.id);
      return alarmsOf(read).some((event) => alarmKey(event) === "before") ? read : undefined;
    }, "the reminder before the deadline");
    const oldDeadline = new Date(reminded.deadline ?? "");
    const newDeadline = new Date(oldDeadline.getTime() + 5 * 86_400_000).toISOString();
    const reply = await api.patch(`/topics/${topic.id}/deadline`, {
      deadline: newDeadline,
      reason: "等待街道执法队排期",
    });
    expect(reply.status, reply.text).toBe(200);
    const extended = reply.json<Topic>();
    expect(extended.deadline).toBe(newDeadline);

    const after = await eventually(
      async () => {
        const read = await readTopic(api, topic.id);
        return alarmsOf(read).some((event) => alarmKey(event) === "escalate:leadMember") ? read : undefined;
      },
      "the first escalation after the new deadline",
      30_000,
    );
    const alarms = alarmsOf(after);
    const forNew = alarms.filter((event) => event.details?.deadline === newDeadline).map(alarmKey);
    expect(forNew.slice(0, 2)).toEqual(["before", "due"]);
    // The escalation came only after the new deadline.
    const escalation = alarms.find((event) => alarmKey(event) === "escalate:leadMember");
    expect(new Date(escalation?.at ?? 0).getTime()).toBeGreaterThan(new Date(newDeadline).getTime());
    // Nothing about the old deadline after the extension.
    const extendedAt = after.timeline?.find((event) => event.kind === "deadline_extended")?.at ?? "";
    const lateOld = alarms.filter(
      (event) => event.at > extendedAt && event.details?.deadline !== newDeadline,
    );
    expect(lateOld).toEqual([]);
  });
});

describe("the history bound", () => {
  it("hands a long-waiting topic over to a fresh execution, which keeps it moving", async () => {
    const topic = await createTopic(api, home.station.id, { title: "长期未决的议题" });
    await parkedAt(api, topic.id, "collect");
    // As if this execution had already woken up nearly as often as one may.
    const { getTopic, saveTopic } = await import("../../functions/topics/store/topics");
    const stored = await getTopic(topic.id);
    await saveTopic(
      stored,
      (current) => ({ ...current, wakeUps: maxWakeUpsPerExecution - 1 }),
      [],
      new Date(),
    );

    const [first] = executionsOf(api, topic.id);
    if (!first) throw new Error("no execution");
    const done = await api.stack.workflow.waitForExecution(first.executionArn, { timeoutMs: 30_000 });
    expect(done.status).toBe("SUCCEEDED");
    expect(done.statesEntered.slice(-2)).toEqual([topicLoopStates.handOver, topicLoopStates.handedOver]);

    const successor = await eventually(
      () => executionsOf(api, topic.id).find((execution) => execution.executionArn !== first.executionArn),
      "the successor execution",
    );
    expect(successor.input).toMatchObject({ topicId: topic.id, step: "collect", resume: true });
    expect(successor.statesEntered.slice(0, 2)).toEqual([
      topicLoopStates.startOrResume,
      topicLoopStates.resumeStep,
    ]);

    await parkedAt(api, topic.id, "collect");
    const reply = await completeStep(api, topic.id, "collect", [home.lead.id]);
    expect(reply.status, reply.text).toBe(200);
    await parkedAt(api, topic.id, "determine");
    const started = (await notificationsOf(api, topic.id)).filter(
      (note) => note.templateId === "step_started",
    );
    // One notice per step entered: the hand-over did not announce collect again.
    expect(started).toHaveLength(2);
  });
});
