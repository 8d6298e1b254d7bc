/**
 * The duty roster through the local gateway (issue #12): a station plans shifts; the member is
 * reminded the day before (the daily `dutyRoster` job); recording a shift makes it a duty activity,
 * counted once; a shift left unrecorded becomes a no-show, and the station is told — once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { plannedShiftsBefore } from "../../functions/activities/store/duty-shifts";
import { readTally } from "../../functions/activities/store/tally";
import { setClock, simulatedClock } from "../../functions/kernel/clock";
import { handler as runScheduledJob } from "../../functions/scheduled";
import {
  type Api,
  assign,
  createMember,
  createStation,
  expectApiError,
  type Member,
  type Station,
  startApi,
} from "./harness";

interface Shift {
  id: string;
  date: string;
  memberId: string;
  status: string;
  activityId?: string;
  version: number;
}

interface Notice {
  templateId: string;
  recipient: { id: string };
  channel: string;
}

let api: Api;
let station: Station;
let onDuty: Member;
let lead: Member;
let staff: string;

/** County time 10:00 on `date` (UTC+8). */
const at = (date: string) => setClock(simulatedClock(new Date(`${date}T02:00:00Z`), 1));

beforeAll(async () => {
  api = await startApi();
  at("2027-06-15");
  lead = await createMember(api, { name: "牵头委员" });
  onDuty = await createMember(api, { name: "值班委员" });
  station = await createStation(api, {
    contact: { name: "站点联络员", phone: "13800000088" },
    chatRobot: {
      platform: "wecom",
      webhook: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=duty-test",
    },
  });
  await assign(api, station.id, lead.id);
  await assign(api, station.id, onDuty.id);
  const patched = await api.patch(`/stations/${station.id}`, { leadMemberId: lead.id });
  expect(patched.status, patched.text).toBe(200);
  staff = await api.token({ role: "staff", stationIds: [station.id], subject: "staff-duty" });
});

afterAll(async () => {
  setClock(undefined);
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

async function plan(date: string, memberId = onDuty.id): Promise<Shift> {
  const reply = await api.post(`/stations/${station.id}/duty-shifts`, { date, memberId }, { token: staff });
  expect(reply.status, reply.text).toBe(201);
  return reply.json<Shift>();
}

async function notices(recipient: string, templateId: string): Promise<Notice[]> {
  const reply = await api.get(`/notifications?recipient=${encodeURIComponent(recipient)}&limit=100`);
  expect(reply.status, reply.text).toBe(200);
  return reply.json<{ items: Notice[] }>().items.filter((notice) => notice.templateId === templateId);
}

const dutyCount = async () => (await readTally(station.id, 2027)).counters.activity_duty ?? 0;

describe("planning", () => {
  it("refuses a member who does not serve here, a past date, and other stations' staff", async () => {
    const stranger = await createMember(api);
    const notHere = await api.post(`/stations/${station.id}/duty-shifts`, {
      date: "2027-06-20",
      memberId: stranger.id,
    });
    expectApiError(notHere, 400, "validation_failed");
    expect(notHere.fields).toEqual(["memberId"]);
    const past = await api.post(`/stations/${station.id}/duty-shifts`, {
      date: "2027-06-14",
      memberId: onDuty.id,
    });
    expectApiError(past, 400, "validation_failed");
    expect(past.fields).toEqual(["date"]);
    const elsewhere = await api.token({ role: "staff", stationIds: ["01ARZ3NDEKTSV4RRFFQ69G5FAV"] });
    expectApiError(
      await api.post(
        `/stations/${station.id}/duty-shifts`,
        { date: "2027-06-20", memberId: onDuty.id },
        { token: elsewhere },
      ),
      404,
      "not_found",
    );
  });

  it("cancels a planned shift with a reason, once", async () => {
    const shift = await plan("2027-06-25");
    expectApiError(await api.delete(`/duty-shifts/${shift.id}`, { token: staff }), 400, "validation_failed");
    const cancelled = await api.delete(`/duty-shifts/${shift.id}?reason=${encodeURIComponent("临时出差")}`, {
      token: staff,
    });
    expect(cancelled.json<Shift>()).toMatchObject({ status: "cancelled", cancelReason: "临时出差" });
    expectApiError(
      await api.delete(`/duty-shifts/${shift.id}?reason=again`, { token: staff }),
      409,
      "shift_closed",
    );
    // The cancelled shift's day is free again.
    expect((await plan("2027-06-25")).status).toBe("planned");
  });

  it("is read by the daily run only once due: shifts planned further ahead stay unread", async () => {
    const later = await plan("2027-07-01");
    const dueByTomorrow = await plannedShiftsBefore("2027-06-17");
    expect(dueByTomorrow.every((shift) => shift.date < "2027-06-17")).toBe(true);
    expect(dueByTomorrow.map((shift) => shift.id)).not.toContain(later.id);
    expect((await plannedShiftsBefore("2027-07-02")).map((shift) => shift.id)).toContain(later.id);
  });

  it("plans a member once a day at a station, even when asked twice at once", async () => {
    const replies = await Promise.all(
      [1, 2, 3].map(() =>
        api.post(
          `/stations/${station.id}/duty-shifts`,
          { date: "2027-06-28", memberId: lead.id },
          { token: staff },
        ),
      ),
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 400, 400]);
    const refused = replies.find((reply) => reply.status === 400);
    const error = expectApiError(refused as NonNullable<typeof refused>, 400, "validation_failed");
    expect(error.details).toEqual([
      {
        field: "memberId",
        code: "already_on_duty",
        message: "该委员 2027-06-28 已有本站的值班安排",
      },
    ]);
    const roster = await api.get(`/stations/${station.id}/duty-shifts?from=2027-06-28&to=2027-06-28`);
    expect(roster.json<{ items: Shift[] }>().items.filter((s) => s.memberId === lead.id)).toHaveLength(1);
  });
});

describe("a shift kept", () => {
  let shift: Shift;

  it("reminds the member the day before, once", async () => {
    shift = await plan("2027-06-16");
    expect(await runScheduledJob({ job: "dutyRoster" })).toMatchObject({ reminded: 1, noShows: 0 });
    expect(await runScheduledJob({ job: "dutyRoster" })).toMatchObject({ reminded: 0, noShows: 0 });
    expect(await notices(`member:${onDuty.id}`, "duty_reminder")).toHaveLength(1);
  });

  it("is recorded on its day as a duty activity, counted once; twice is a 409", async () => {
    const early = await api.post(
      `/duty-shifts/${shift.id}/check-in`,
      { visitorsReceived: 3 },
      { token: staff },
    );
    expectApiError(early, 409, "shift_not_yet");
    at("2027-06-16");
    const before = await dutyCount();
    const token = await api.token({ role: "member", memberId: onDuty.id, subject: "member-on-duty" });
    const replies = await Promise.all(
      [1, 2, 3].map(() =>
        api.post(
          `/duty-shifts/${shift.id}/check-in`,
          { visitorsReceived: 3, summary: "接待群众 3 人" },
          { token },
        ),
      ),
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409, 409]);
    expect(await dutyCount()).toBe(before + 1);
    const activity = await api.get(`/activities/${shift.id}`);
    expect(activity.json()).toMatchObject({
      type: "duty",
      source: "duty",
      memberIds: [onDuty.id],
      residentsReached: 3,
    });
    const listed = await api.get(`/stations/${station.id}/duty-shifts?from=2027-06-16&to=2027-06-16`, {
      token,
    });
    expect(listed.json<{ items: Shift[] }>().items.map((s) => s.status)).toEqual(["recorded"]);
  });
});

describe("a shift missed", () => {
  it("becomes a no-show the next day, and the station is told once: lead member, contact, group chat", async () => {
    at("2027-06-16");
    const missed = await plan("2027-06-16", lead.id);
    at("2027-06-17");
    expect(await runScheduledJob({ job: "dutyRoster" })).toMatchObject({ noShows: 1 });
    expect(await runScheduledJob({ job: "dutyRoster" })).toMatchObject({ noShows: 0 });
    const listed = await api.get(`/stations/${station.id}/duty-shifts?status=no_show`, { token: staff });
    expect(listed.json<{ items: Shift[] }>().items.map((s) => s.id)).toEqual([missed.id]);
    expect(await notices(`member:${lead.id}`, "duty_no_show")).toHaveLength(1);
    expect(await notices(`station-contact:${station.id}`, "duty_no_show")).toHaveLength(1);
    const chat = await notices(`chat:${station.id}`, "duty_no_show");
    expect(chat.map((notice) => notice.channel)).toEqual(["chat"]);
    // Recorded late, it still counts as a duty activity, once.
    const before = await dutyCount();
    const late = await api.post(
      `/duty-shifts/${missed.id}/check-in`,
      { visitorsReceived: 0 },
      { token: staff },
    );
    expect(late.status, late.text).toBe(200);
    expect(await dutyCount()).toBe(before + 1);
  });
});
