/**
 * The quarterly check over N active stations with a year of activity each (issue #12), on DynamoDB
 * Local in memory: N stations, their lead members and their 2025 tallies are written straight into
 * the table with BatchWriteItem (not through the API), then `runQuotaCheck` runs the Q3 2025 check
 * (the year as of the end of Q2; Q1's check recorded as done, so nothing closes 2024) with the real
 * notifier: a station behind tells its lead member and contact, one at risk its liaison too (the
 * notices stay queued: no sender runs here). Every DynamoDB request of the check is counted, by command;
 * TransactWriteItems are the notices'. Beside it, in the same run: raw Queries paging the same
 * stations and tallies — the reads the check cannot do without.
 *
 *   tsx test/bench/quota.ts --stations 1000
 */
import { parseArgs } from "node:util";
import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  QueryCommand,
} from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { runQuotaCheck } from "../../functions/activities/quota/check";
import { countedOn } from "../../functions/domain/quota/tally";
import { completeChecklist } from "../../functions/domain/registry/stations";
import { newId } from "../../functions/kernel/ids";
import {
  memberIndexKeys,
  memberKey,
  stationIndexKeys,
  stationKey,
  stationTallyIndexKeys,
  stationTallyKey,
} from "../../functions/kernel/table/keys";
import type { NotificationRecord, Notifier } from "../../functions/notices/notifier";
import { recordingNotifier } from "../../functions/notices/recording-notifier";
import { localDynamoDbClient, startDynamoDbLocal } from "../../infra/local/dynamodb-local";
import { ensureTable } from "../../infra/local/table";
import { runAsChild } from "./child-args";
import { pool } from "./concurrency";
import { watchDynamoDbRequests } from "./dynamodb-requests";

export const quotaPrefix = "BENCH_QUOTA ";

export interface QuotaBenchResult {
  readonly stations: number;
  readonly seedMs: number;
  readonly wallMs: number;
  readonly byCommand: Readonly<Record<string, number>>;
  /** Requests of the check itself (everything but the notices' TransactWriteItems). */
  readonly checkRequests: number;
  readonly noticeRequests: number;
  readonly notices: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly baseline: { readonly wallMs: number; readonly requests: number };
  /** The next quarter's check with a notifier that records nothing: the check's own work alone. */
  readonly silent: { readonly wallMs: number; readonly requests: number };
}

/** Records nothing (every key "used already"): the check's reads, results and bookkeeping alone. */
const silentNotifier: Notifier = {
  send: async () => ({ record: {} as NotificationRecord, sent: false }),
  prepare: () => {
    throw new Error("not used by the check");
  },
};

async function silentCheck(byCommand: Record<string, number>) {
  for (const key of Object.keys(byCommand)) delete byCommand[key];
  const asOf = new Date("2025-10-09T01:00:00Z");
  const started = performance.now();
  await runQuotaCheck({ notifier: silentNotifier, now: () => asOf }, { asOf, trigger: "request" });
  const wallMs = performance.now() - started;
  return { wallMs, requests: Object.values(byCommand).reduce((sum, count) => sum + count, 0) };
}

const now = "2025-06-30T08:00:00.000Z";
const registered = "2020-01-01T00:00:00.000Z";
const phone = (n: number) => `138${String(n).padStart(8, "0")}`;

/** Station `i`: 70% on pace or met, 20% behind, 10% at risk at the end of Q2 (2 consultations, 5 opinions expected). */
function countsOf(i: number): { activity_consultation: number; opinions: number; activity_duty: number } {
  const kind = i % 10;
  if (kind === 9) return { activity_consultation: 0, opinions: 1, activity_duty: 3 };
  if (kind >= 7) return { activity_consultation: 2, opinions: 3, activity_duty: 6 };
  return { activity_consultation: 2 + (kind % 3), opinions: 5 + kind, activity_duty: 12 };
}

function itemsOf(i: number): Record<string, AttributeValue>[] {
  const memberId = newId(Date.parse(now) - i);
  const stationId = newId(Date.parse(now) - i);
  const zone = `片区${i % 40}`;
  const member = {
    id: memberId,
    name: `委员${i}`,
    sector: "科技界",
    profession: "工程师",
    expertise: [],
    phone: phone(i),
    preferences: { language: "zh-CN", channel: "sms" },
    stationCount: 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const station = {
    id: stationId,
    kind: "station",
    name: `测试工作站${i}`,
    zone,
    hostVenue: { type: "other", name: "党群服务中心" },
    leadMemberId: memberId,
    liaison: { leader: "联系领导", committee: "提案委员会", phone: phone(500_000 + i) },
    contact: { name: `联络员${i}`, phone: phone(900_000 + i) },
    status: "active",
    standards: completeChecklist(),
    memberCount: 1,
    version: 1,
    // Registered before the year the check closes, so that year's stations are all judged (a station
    // is judged only from its registration on), as they were before that rule.
    createdAt: registered,
    updatedAt: now,
  };
  // Counted as the stores count: for the year and for the quarter of the records' dates.
  const tally = { stationId, year: 2025, ...countedOn("2025-03-15", countsOf(i)) };
  const item = (record: object, keys: object, entity: string) =>
    marshall({ ...record, ...keys, entity }, { removeUndefinedValues: true });
  return [
    item(member, { ...memberKey(memberId), ...memberIndexKeys(memberId, member.sector) }, "member"),
    item(station, { ...stationKey(stationId), ...stationIndexKeys(stationId, zone) }, "station"),
    item(tally, { ...stationTallyKey(stationId, 2025), ...stationTallyIndexKeys(stationId, 2025) }, "tally"),
  ];
}

/** Writes the stations with BatchWriteItem, 25 items a request, 16 at once (with the bench's own client). */
async function seed(raw: DynamoDBClient, table: string, stations: number): Promise<void> {
  const items = Array.from({ length: stations }, (_, i) => itemsOf(i)).flat();
  items.push(
    marshall({
      PK: "QUOTACHECK#2025-Q1",
      SK: "META",
      entity: "quotaCheck",
      id: "2025-Q1",
      status: "done",
      runs: 1,
    }),
  );
  const batches = Math.ceil(items.length / 25);
  await pool(batches, 16, async (b) => {
    let pending = items.slice(b * 25, b * 25 + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const result = await raw.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  });
}

/** The baseline: raw Queries paging the stations' and the year's tallies' collections. */
async function rawPaging(raw: DynamoDBClient, table: string) {
  const started = performance.now();
  let requests = 0;
  for (const partition of ["STATIONS", "TALLIES#2025"]) {
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await raw.send(
        new QueryCommand({
          TableName: table,
          IndexName: "GSI1",
          KeyConditionExpression: "GSI1PK = :pk",
          ExpressionAttributeValues: { ":pk": { S: partition } },
          ExclusiveStartKey: startKey,
        }),
      );
      requests++;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return { wallMs: performance.now() - started, requests };
}

export async function measureQuotaCheck(stations: number): Promise<QuotaBenchResult> {
  const dynamodb = await startDynamoDbLocal({ inMemory: true });
  const table = "haoshangliang-bench-quota";
  Object.assign(process.env, {
    TABLE_NAME: table,
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    AWS_REGION: "local",
  });
  const raw = localDynamoDbClient(dynamodb.endpoint);
  try {
    await ensureTable(raw, table);
    const seeding = performance.now();
    await seed(raw, table, stations);
    const seedMs = performance.now() - seeding;
    const byCommand: Record<string, number> = {};
    watchDynamoDbRequests("benchQuotaCounter", ({ command }) => {
      byCommand[command] = (byCommand[command] ?? 0) + 1;
    });
    const started = performance.now();
    const services = { notifier: recordingNotifier(), now: () => new Date("2025-07-01T01:00:00Z") };
    const { check } = await runQuotaCheck(services, {
      asOf: new Date("2025-07-01T01:00:00Z"),
      trigger: "request",
    });
    const wallMs = performance.now() - started;
    const total = Object.values(byCommand).reduce((sum, count) => sum + count, 0);
    const noticeRequests = byCommand.TransactWriteItems ?? 0;
    const counted = { ...byCommand };
    return {
      stations,
      seedMs,
      wallMs,
      byCommand: counted,
      checkRequests: total - noticeRequests,
      noticeRequests,
      notices: check?.notices ?? 0,
      silent: await silentCheck(byCommand),
      byStatus: check?.years?.[0]?.byStatus ?? {},
      baseline: await rawPaging(raw, table),
    };
  } finally {
    raw.destroy();
    await dynamodb.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stations: { type: "string", default: "1000" } } });
  process.env.LOG_LEVEL = "warn";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  process.env.AWS_ACCESS_KEY_ID ??= "local";
  process.env.AWS_SECRET_ACCESS_KEY ??= "local";
  const result = await measureQuotaCheck(Number(values.stations));
  process.stdout.write(`${quotaPrefix}${JSON.stringify(result)}\n`);
}

runAsChild(import.meta.url, main);
