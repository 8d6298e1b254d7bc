/**
 * Shared set-up for the store tests. The store reads its table and endpoint from the runtime
 * configuration on first use, so `useFreshTable` must run (in `beforeAll`) before any store call;
 * each test file gets fresh modules (test/support/fresh-modules.ts), so each file gets its own table.
 */

import { newId } from "../../functions/kernel/ids";
import { getItem, type Page } from "../../functions/kernel/table/items";
import { notificationKey } from "../../functions/kernel/table/keys";
import type { NotificationRecord } from "../../functions/notices/notifier";
import { recordNotification } from "../../functions/notices/store";
import type { MemberCreate, StationCreate } from "../../functions/registry/contracts";
import { type FreshTable, freshTable } from "../support/dynamodb";

export async function useFreshTable(prefix: string): Promise<FreshTable> {
  const table = await freshTable(prefix);
  process.env.TABLE_NAME = table.tableName;
  process.env.DYNAMODB_ENDPOINT = table.endpoint;
  return table;
}

let sequence = 0;
/** A string unique within the test run, for names, zones and sectors that must not collide. */
export const unique = (label: string) => `${label}-${process.pid}-${++sequence}`;

let phoneSequence = Math.floor(Math.random() * 1_000_000);
/** A fresh, valid mainland mobile number (canonical form). */
export const newPhone = () => `139${String(++phoneSequence % 100_000_000).padStart(8, "0")}`;

export function stationInput(overrides: Partial<StationCreate> = {}): StationCreate {
  return {
    kind: "station",
    name: unique("东山委员工作站"),
    zone: unique("东山"),
    hostVenue: { type: "party-service-center", name: "东山镇党群服务中心" },
    liaison: { leader: "李副主席", committee: "社会和法制委员会" },
    ...overrides,
  };
}

export function memberInput(overrides: Partial<MemberCreate> = {}): MemberCreate {
  return {
    name: "张三",
    sector: unique("经济界"),
    profession: "律师",
    expertise: ["法律服务"],
    phone: newPhone(),
    ...overrides,
  };
}

/** Every page of a list, following cursors; fails on a runaway loop. */
export async function allPages<T>(
  list: (cursor: string | undefined) => Promise<Page<T>>,
): Promise<{ items: T[]; pages: T[][] }> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await list(cursor);
    pages.push(page.items);
    if (page.cursor === null) return { items: pages.flat(), pages };
    cursor = page.cursor;
  }
  throw new Error("more than 100 pages: the cursor does not advance");
}

/** What a promise rejected with (fails the test if it resolved). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

/** A notice recorded `queued` (to the sender's tests' recipient unless told otherwise), as the notifier records one. */
export async function queuedNotice(overrides: Partial<NotificationRecord> = {}): Promise<NotificationRecord> {
  const record: NotificationRecord = {
    id: newId(),
    idempotencyKey: unique("notice"),
    recipient: { id: "person:13900000001", name: "张委员", phone: "13900000001", email: "zhang@example.cn" },
    channel: "sms",
    templateId: "step_started",
    language: "zh-CN",
    subject: "议题进入新环节",
    text: "张委员：议题已进入「确定议题」环节。",
    status: "queued",
    createdAt: "2026-12-02T04:00:00.000Z",
    attempts: 0,
    ...overrides,
  };
  await recordNotification(record);
  return record;
}

/** The notice as the table holds it now. */
export const storedNotice = async (id: string) =>
  (await getItem<NotificationRecord>(notificationKey(id))) as NotificationRecord;
