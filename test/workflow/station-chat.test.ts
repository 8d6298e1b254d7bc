/**
 * A station's group chat gets its staff-facing notices: with a WeCom robot set, an overdue topic's
 * reminders and escalations are posted to the robot (a local receiver that checks the key), worded
 * as to the person they were sent to, recorded in the delivery log as `chat`, each once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, assign, createMember, createStation, startApi } from "../api/harness";
import { type RobotReceiver, startRobotReceiver } from "../support/robot-receiver";
import { createTopic, eventually, type Notification, notificationsOf, type Topic } from "./harness";

const key = "station-robot-key";
let api: Api;
let robot: RobotReceiver;
let topic: Topic;
let stationId: string;

/** What the robot was sent: the markdown of each accepted post. */
const posted = () =>
  robot.received
    .filter((request) => request.url.searchParams.get("key") === key)
    .map((request) => (request.body as { markdown?: { content?: string } }).markdown?.content ?? "");

beforeAll(async () => {
  robot = await startRobotReceiver((request) =>
    request.url.searchParams.get("key") === key
      ? { status: 200, json: { errcode: 0, errmsg: "ok" } }
      : { status: 200, json: { errcode: 93000, errmsg: "invalid webhook url" } },
  );
  process.env.CHAT_WEBHOOK_HOSTS = robot.host;
  api = await startApi({ speed: 200_000 });
  const lead = await createMember(api, { name: "牵头委员庚" });
  const station = await createStation(api, {
    chatRobot: { platform: "wecom", webhook: `http://${robot.host}/cgi-bin/webhook/send?key=${key}` },
  });
  stationId = station.id;
  await assign(api, station.id, lead.id);
  const led = await api.patch(`/stations/${station.id}`, { leadMemberId: lead.id, version: 1 });
  expect(led.status, led.text).toBe(200);
  topic = await createTopic(api, station.id, {
    title: "农贸市场占道经营",
    deadlines: { collect: { amount: 7, unit: "days" } },
  });
});

afterAll(async () => {
  expect(api?.takeServerErrors() ?? []).toEqual([]);
  await api?.stop();
  await robot?.close();
  delete process.env.CHAT_WEBHOOK_HOSTS;
});

const chatNotes = async (): Promise<Notification[]> =>
  (await notificationsOf(api, topic.id)).filter((note) => note.channel === "chat");

describe("a station with a group-chat robot", () => {
  it("gets each reminder and escalation of its overdue topic posted to the robot", async () => {
    const notes = await eventually(
      async () => {
        const sent = (await chatNotes()).filter((note) => note.status === "sent");
        return sent.some((note) => note.templateId === "escalation") ? sent : undefined;
      },
      "an escalation posted to the station's group chat",
      30_000,
    );
    expect(notes.map((note) => note.recipient.id)).toEqual(notes.map(() => `chat:${stationId}`));
    expect(notes.map((note) => note.templateId)).toEqual(
      expect.arrayContaining(["reminder_before", "reminder_due", "escalation"]),
    );
    await api.stack.delivery.settled();
    const messages = posted();
    expect(messages.length).toBeGreaterThanOrEqual(notes.length);
    expect(messages.every((message) => message.includes("农贸市场占道经营"))).toBe(true);
  });

  it("posts each notice once, on its own key", async () => {
    await api.stack.delivery.settled();
    const notes = await chatNotes();
    const subjects = notes.map((note) => note.id);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(posted()).toHaveLength(notes.filter((note) => note.status === "sent").length);
  });
});
