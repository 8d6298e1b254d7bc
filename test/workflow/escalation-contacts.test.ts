/**
 * The escalation ladder reaches people through the contacts directory: an overdue topic's liaison
 * rung tells the station's referenced leader and committee, each on their own channel and in their
 * own language; the county-office rung tells the console's inbox and every active county-office
 * contact. A contact with neither phone nor e-mail is not silently "sent": the notice fails, saying
 * why, in the delivery log and the county office's list of failures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, assign, createMember, createStation, type Station, startApi } from "../api/harness";
import {
  createTopic,
  eventually,
  type Notification,
  notificationsOf,
  readTopic,
  type Topic,
} from "./harness";

const speed = 200_000;
let api: Api;
let topic: Topic;
let notes: Notification[];
const contactIds: Record<string, string> = {};

async function addContact(key: string, body: Record<string, unknown>) {
  const reply = await api.post("/contacts", body);
  expect(reply.status, reply.text).toBe(201);
  contactIds[key] = reply.json<{ id: string }>().id;
}

async function referencingStation(): Promise<Station> {
  const lead = await createMember(api, { name: "牵头委员甲", email: "lead@example.org" });
  const station = await createStation(api, {
    liaison: { leaderContactId: contactIds.leader, committeeContactId: contactIds.committee },
  });
  await assign(api, station.id, lead.id);
  const reply = await api.patch(`/stations/${station.id}`, { leadMemberId: lead.id, version: 1 });
  expect(reply.status, reply.text).toBe(200);
  return reply.json<Station>();
}

const escalated = (read: Topic) =>
  (read.timeline ?? []).some(
    (event) => event.kind === "escalated" && event.details?.alarm === "escalate:countyOffice",
  );

beforeAll(async () => {
  api = await startApi({ speed });
  await addContact("leader", {
    name: "联系领导乙",
    role: "liaisonLeader",
    phone: "13700000051",
    email: "yi@example.org",
  });
  await addContact("committee", {
    name: "社会和法制委员会",
    role: "specialCommittee",
    phone: "13700000052",
    email: "shefa@example.org",
    channel: "email",
    language: "en",
  });
  await addContact("office", {
    name: "办公室丙",
    role: "countyOffice",
    email: "office@example.org",
    digest: true,
  });
  await addContact("officeUnreachable", { name: "办公室丁", role: "countyOffice" });
  await addContact("officeRetired", {
    name: "办公室戊",
    role: "countyOffice",
    phone: "13700000053",
    active: false,
  });
  const station = await referencingStation();
  topic = await createTopic(api, station.id, {
    title: "背街小巷路灯不亮",
    deadlines: { collect: { amount: 7, unit: "days" } },
  });
  await eventually(
    async () => (escalated(await readTopic(api, topic.id)) ? true : undefined),
    "the county office",
    30_000,
  );
  notes = await notificationsOf(api, topic.id);
});

afterAll(async () => {
  expect(api?.takeServerErrors() ?? []).toEqual([]);
  await api?.stop();
});

const escalations = () => notes.filter((note) => note.templateId === "escalation");

describe("an overdue topic's escalation, through the contacts directory", () => {
  it("tells the referenced liaison leader and committee, each on their channel and in their language", () => {
    const liaison = escalations().filter((note) => note.recipient.id.startsWith("contact:"));
    const leader = liaison.find((note) => note.recipient.id === `contact:${contactIds.leader}`);
    const committee = liaison.find((note) => note.recipient.id === `contact:${contactIds.committee}`);
    expect(leader).toMatchObject({ channel: "sms", language: "zh-CN", recipient: { name: "联系领导乙" } });
    expect(committee).toMatchObject({ channel: "email", language: "en" });
    expect(committee?.text).toContain("背街小巷路灯不亮");
    // No stand-in recipient for a liaison the directory reaches.
    expect(escalations().filter((note) => note.recipient.id.startsWith("liaison:"))).toEqual([]);
  });

  it("tells the county office in the console and every active county-office contact on their channel", () => {
    const rung = escalations().filter(
      (note) => note.recipient.id === "county-office" || note.recipient.name.startsWith("办公室"),
    );
    expect(rung.map((note) => [note.recipient.id, note.channel])).toEqual([
      ["county-office", "inbox"],
      [`contact:${contactIds.office}`, "email"],
      [`contact:${contactIds.officeUnreachable}`, "inbox"],
    ]);
  });

  it("folds the notice of a contact who asked for a daily digest into it, for the next morning", async () => {
    const recipient = `contact:${contactIds.office}`;
    const folded = await eventually(async () => {
      const note = (await notificationsOf(api, topic.id)).find((n) => n.recipient.id === recipient);
      return note?.status === "folded" ? note : undefined;
    }, "the digest contact's notice to fold");
    expect(folded).toMatchObject({ foldReason: "digest", channel: "email" });
    expect(folded.foldedInto).toBeDefined();
  });

  it("records every person told at each rung in the timeline", async () => {
    const read = await readTopic(api, topic.id);
    const byLevel = (level: string) =>
      (read.timeline ?? []).find((event) => event.kind === "escalated" && event.details?.level === level);
    expect(byLevel("liaison")?.text).toContain("联系领导乙、社会和法制委员会");
    expect(byLevel("countyOffice")?.details?.recipient).toContain("办公室丙、办公室丁");
  });

  it("fails the notice to a contact with no phone or e-mail visibly, in the log and the list of failures", async () => {
    const recipient = `contact:${contactIds.officeUnreachable}`;
    const failed = await eventually(async () => {
      const note = (await notificationsOf(api, topic.id)).find((n) => n.recipient.id === recipient);
      return note?.status === "failed" ? note : undefined;
    }, "the unreachable contact's notice to fail");
    // Said in the reader's language (Chinese here), not in both at once.
    expect(failed.lastError).toBe("无可用联系方式：此人不使用平台，且未登记手机或电子邮件");
    const list = await api.get(`/notifications?status=failed&recipient=${encodeURIComponent(recipient)}`);
    expect(list.status, list.text).toBe(200);
    expect(list.json<{ items: Notification[] }>().items.map((n) => n.id)).toEqual([failed.id]);
  });

  it("sends each person's notice once, on its own key", () => {
    const ids = escalations().map((note) => note.recipient.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
