/**
 * Every list honours `?limit=` and pages with an opaque cursor, whoever asks; and every list answers
 * CSV (UTF-8 with a BOM, Chinese headers by default) as API.md says.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTopic, eventually, notificationsOf } from "../workflow/harness";
import { type Api, createStation, type Page, parseCsv, type Station, startApi } from "./harness";

let api: Api;
let stations: Station[];
let staffToken: string;

beforeAll(async () => {
  api = await startApi();
  stations = [];
  for (let index = 0; index < 3; index++) stations.push(await createStation(api));
  staffToken = await api.token({ role: "staff", stationIds: stations.map((s) => s.id) });
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

describe("?limit= on a staff user's stations", () => {
  it("pages the stations in the token two at a time, every one exactly once", async () => {
    const first = await api.get("/stations?limit=2", { token: staffToken });
    expect(first.status, first.text).toBe(200);
    const page1 = first.json<Page<Station>>();
    expect(page1.items).toHaveLength(2);
    expect(page1.cursor).toEqual(expect.any(String));
    const second = await api.get(`/stations?limit=2&cursor=${page1.cursor}`, { token: staffToken });
    const page2 = second.json<Page<Station>>();
    expect(page2.items).toHaveLength(1);
    expect(page2.cursor).toBeNull();
    const seen = [...page1.items, ...page2.items].map((s) => s.id).sort();
    expect(seen).toEqual(stations.map((s) => s.id).sort());
  });

  it("refuses a cursor it did not make", async () => {
    const reply = await api.get("/stations?cursor=%2F%2F%2F", { token: staffToken });
    expect(reply.status).toBe(400);
    expect(reply.fields).toEqual(["cursor"]);
  });
});

describe("CSV on every list", () => {
  it("topics: a spreadsheet with the step, the deadline and whether it is overdue", async () => {
    const [station] = stations;
    if (!station) throw new Error("no station");
    const topic = await createTopic(api, station.id, { title: "河道整治" });
    const reply = await api.get(`/topics?stationId=${station.id}&format=csv`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(reply.text);
    expect(header).toEqual(expect.arrayContaining(["议题", "当前环节", "本环节期限", "是否逾期"]));
    const row = rows.find((cells) => cells[0] === topic.id);
    expect(row).toEqual(expect.arrayContaining(["河道整治", "收集议题", "否"]));
  });

  it("the delivery log: one row per notice, in English when asked", async () => {
    const [station] = stations;
    if (!station) throw new Error("no station");
    const topic = await createTopic(api, station.id);
    const notices = await eventually(async () => {
      const found = await notificationsOf(api, topic.id);
      return found.length > 0 ? found : undefined;
    }, "the step notice");
    const reply = await api.get(`/notifications?topicId=${topic.id}`, {
      headers: { accept: "text/csv", "accept-language": "en" },
    });
    expect(reply.status, reply.text).toBe(200);
    const [header, ...rows] = parseCsv(reply.text);
    expect(header).toEqual(
      expect.arrayContaining(["Recipient", "Channel", "Status", "Attempts", "Last error"]),
    );
    expect(rows).toHaveLength(notices.length);

    // In Chinese by default, the delivery status in words.
    await api.stack.delivery.settled();
    const chinese = parseCsv((await api.get(`/notifications?topicId=${topic.id}&format=csv`)).text);
    const statusColumn = chinese[0]?.indexOf("状态") ?? -1;
    expect(chinese[0]).toEqual(expect.arrayContaining(["发送时间", "尝试次数", "最近错误"]));
    expect(chinese.slice(1).map((row) => row[statusColumn])).toEqual(notices.map(() => "已发送"));
  });
});
