/**
 * The holiday-calendar watch asks the whole county office: the console's inbox and every active
 * county-office contact of the directory, each once a week, however often the watch runs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { NotificationRequest, Notifier } from "../../functions/notices/notifier";
import { createContact } from "../../functions/registry/store/contacts";
import { watchHolidayCalendars } from "../../functions/topics/calendar-watch";
import type { TopicServices } from "../../functions/topics/services";
import { useFreshTable } from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-calendar-watch");
});

/** A notifier that keeps what it is asked to send, once per idempotency key. */
function keepingNotifier() {
  const requests: NotificationRequest[] = [];
  const notifier: Notifier = {
    async send(request) {
      const sent = !requests.some((earlier) => earlier.idempotencyKey === request.idempotencyKey);
      if (sent) requests.push(request);
      return { record: {} as never, sent };
    },
    prepare: () => {
      throw new Error("not used by the watch");
    },
  };
  return { notifier, requests };
}

describe("asking for a missing holiday calendar", () => {
  it("tells the inbox and each active county-office contact, each once a week", async () => {
    const office = await createContact({ name: "办公室己", role: "countyOffice", email: "ji@example.org" });
    await createContact({ name: "办公室庚", role: "countyOffice", phone: "13700000061", active: false });
    await createContact({ name: "联系领导辛", role: "liaisonLeader", phone: "13700000062" });
    const { notifier, requests } = keepingNotifier();
    // 2040: no official calendar for it or for 2041 (asked for from November).
    const services = { notifier, now: () => new Date("2040-11-05T01:00:00Z") } as unknown as TopicServices;
    const first = await watchHolidayCalendars(services);
    expect(first.missing).toEqual([2040, 2041]);
    expect(requests.map((request) => [request.recipient.id, request.channel])).toEqual([
      ["county-office", "inbox"],
      [`contact:${office.id}`, "email"],
      ["county-office", "inbox"],
      [`contact:${office.id}`, "email"],
    ]);
    const again = await watchHolidayCalendars(services);
    expect(again.told).toBe(0);
    expect(requests).toHaveLength(4);
  });
});
