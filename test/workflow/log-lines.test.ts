/**
 * One topic's story in the logs (decision 0026): every JSON line about the topic carries its id and
 * a request id — the API's, the task invocation's, the delivery's — and the loop's lines name the
 * execution, so the story can be followed across API, state machine and sender.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Api, startApi } from "../api/harness";
import {
  completeWhenReady,
  createTopic,
  eventually,
  notificationsOf,
  parkedAt,
  stationWithLead,
} from "./harness";

let api: Api;
let lines: Record<string, unknown>[];
let topicId: string;

beforeAll(async () => {
  api = await startApi();
  const home = await stationWithLead(api);
  process.env.LOG_LEVEL = "info";
  const info = vi.spyOn(console, "info").mockImplementation(() => {});
  try {
    const topic = await createTopic(api, home.station.id);
    topicId = topic.id;
    await completeWhenReady(api, topic.id, "collect", [home.lead.id]);
    await parkedAt(api, topic.id, "determine");
    // Every notice of both steps delivered, so that the sender's lines are all in (a sweep may take
    // one a moment after the other).
    await eventually(async () => {
      const notices = await notificationsOf(api, topic.id);
      return notices.length >= 2 && notices.every((n) => n.status === "sent") ? true : undefined;
    }, "the topic's notices sent");
  } finally {
    process.env.LOG_LEVEL = "warn";
    lines = info.mock.calls.flatMap(([line]) => {
      try {
        return [JSON.parse(String(line)) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
    info.mockRestore();
  }
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

describe("a topic's log lines", () => {
  const ofTopic = () => lines.filter((line) => line.topicId === topicId);

  it("each carry a request id", () => {
    expect(ofTopic().length).toBeGreaterThan(3);
    for (const line of ofTopic()) expect(line.requestId, JSON.stringify(line)).toEqual(expect.any(String));
  });

  it("come from the state machine's tasks, naming the execution", () => {
    const tasks = ofTopic().filter((line) => line.task === "enterStep" || line.task === "awaitStep");
    expect(tasks.length).toBeGreaterThan(0);
    for (const line of tasks) expect(line.executionName).toBe(`${topicId}-1`);
  });

  it("come from the sender, naming the notice", () => {
    const sent = ofTopic().filter((line) => line.message === "notice attempt" && line.status === "sent");
    expect(sent.length).toBeGreaterThan(0);
    for (const line of sent) expect(line.notificationId).toEqual(expect.any(String));
  });
});
