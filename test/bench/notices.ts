/**
 * Notices through the local queue and sender, beside a plain append of the same records (issue #11):
 * on a fresh local stack in memory, N notices (half SMS, half e-mail) sent with the notifier at a
 * fixed concurrency — each recorded `queued` in the table and handed to the in-process queue, where
 * the sender claims it, appends it to the outbox file and records it `sent` — until the queue has
 * settled. Every notice is then read back and must have ended `sent`, with exactly one outbox line.
 * Beside it, in the same run on the same DynamoDB Local and at the same concurrency: each of the same
 * records written with one raw `PutItem` (the stored item, under another key) and its outbox line
 * appended to a scratch file — what recording and delivering a notice would cost with nothing between.
 *
 * One stack per process (the functions read their configuration once): notices-report.ts starts this
 * file as a child process.
 *
 *   tsx test/bench/notices.ts --notices 2000 [--concurrency 10] [--warmup 100]
 */
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  type AttributeValue,
  type DynamoDBClient,
  PutItemCommand,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { localDateTime } from "../../functions/domain/local-time";
import { stepNames, topicSteps } from "../../functions/domain/topics/steps";
import type { NotificationRecord, NotificationRequest, Notifier } from "../../functions/notices/notifier";
import { recordingNotifier } from "../../functions/notices/recording-notifier";
import {
  escalation,
  reminderBefore,
  reminderDue,
  stepStarted,
} from "../../functions/notices/templates/step-notices";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { type LocalStack, startLocalStack } from "../../infra/local/start";
import { runAsChild } from "./child-args";
import { pool } from "./concurrency";
import { watchDynamoDbRequests } from "./dynamodb-requests";
import { percentile } from "./stats";

/** The line the child prints its result on, as JSON after this prefix. */
export const noticesPrefix = "BENCH_NOTICES ";

export interface PhaseFigures {
  /** First request sent → the last one done (for the notices: the queue settled). */
  readonly wallMs: number;
  /** CPU time of this process (user + system). */
  readonly nodeCpuMs: number;
}

export interface NoticesResult {
  readonly notices: number;
  readonly concurrency: number;
  readonly stackStartMs: number;
  readonly throughQueue: PhaseFigures & {
    /** First send → the last send returned: every notice recorded and enqueued, not all delivered. */
    readonly recordedMs: number;
    /** Requests the notifier and the sender sent to DynamoDB Local, by command. */
    readonly dynamodbByCommand: Readonly<Record<string, number>>;
    /** Their durations summed (overlapping requests count twice). */
    readonly dynamodbSummedMs: number;
    /** Each notice's `createdAt` → `sentAt`: clock instants of millisecond resolution. */
    readonly sendToSentMs: { readonly p50: number; readonly p99: number; readonly max: number };
  };
  readonly plainAppend: PhaseFigures;
  /** Mean size of a notice's outbox line (its record as JSON). */
  readonly lineBytes: number;
}

const people = ["王建国", "李秀英", "张志强", "刘海燕", "陈立新", "杨春梅", "赵德胜", "黄丽华", "周文斌"];
const titles = [
  "关于城关镇老旧小区加装电梯的协商",
  "南门农贸市场周边停车难问题",
  "村级公路硬化后的日常养护经费如何保障",
  "中心小学上下学时段校门口交通拥堵",
  "清水河沿岸垃圾清理与长效保洁机制",
  "乡镇卫生院夜间急诊值班人手不足",
];
const stations = ["城关镇政协委员工作室", "青石镇协商议事室", "桃源乡委员联络站", "北关街道协商议事厅"];
const templates = [stepStarted, reminderBefore, reminderDue, escalation] as const;
const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;

/** Notice `index` of a run: SMS and e-mail alternating, the step notices in turn, a key of its own. */
function noticeRequest(run: string, index: number): NotificationRequest {
  const member = index % 200;
  const name = pick(people, index);
  const template = pick(templates, Math.floor(index / 2));
  const deadline = new Date(Date.UTC(2026, 11, 1 + (index % 28), 9));
  return {
    recipient: {
      id: `member:bench-${member}`,
      name,
      phone: `139${String(member).padStart(8, "0")}`,
      email: `member${member}@example.gov.cn`,
      language: "zh-CN",
    },
    channel: index % 2 === 0 ? "sms" : "email",
    template,
    topicId: `bench-topic-${index % 300}`,
    idempotencyKey: `${run}:${index}:${template.id}`,
    variables: {
      recipientName: name,
      title: pick(titles, index),
      stepName: stepNames[pick(topicSteps, index)]["zh-CN"],
      deadline: localDateTime(deadline, "Asia/Shanghai"),
      stationName: pick(stations, index),
      responsibleName: pick(people, index + 4),
    },
  };
}

/** The functions' DynamoDB requests by command, and their summed time, since the last `take()`. */
class RequestCounter {
  private byCommand: Record<string, number> = {};
  private summedMs = 0;

  constructor() {
    watchDynamoDbRequests(
      "benchNoticesCounter",
      ({ command }) => {
        this.byCommand[command] = (this.byCommand[command] ?? 0) + 1;
      },
      (ms) => {
        this.summedMs += ms;
      },
    );
  }

  take(): { byCommand: Record<string, number>; summedMs: number } {
    const taken = { byCommand: this.byCommand, summedMs: this.summedMs };
    this.byCommand = {};
    this.summedMs = 0;
    return taken;
  }
}

const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** Sends the notices at `concurrency` and waits for the queue to settle; answers their ids in order. */
async function sendAll(
  stack: LocalStack,
  notifier: Notifier,
  requests: readonly NotificationRequest[],
  concurrency: number,
) {
  const ids: string[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await pool(requests.length, concurrency, async (index) => {
    const request = requests[index] as NotificationRequest;
    const { record, sent } = await notifier.send(request);
    if (!sent) throw new Error(`the idempotency key ${request.idempotencyKey} was used already`);
    ids[index] = record.id;
  });
  const recordedMs = performance.now() - started;
  await stack.delivery.settled();
  return { ids, recordedMs, wallMs: performance.now() - started, nodeCpuMs: cpuSince(cpu) };
}

/** Every notification item in the table, by id, read with the bench's own client (not counted). */
async function storedNotices(raw: DynamoDBClient, table: string) {
  const items = new Map<string, Record<string, AttributeValue>>();
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await raw.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: "entity = :notification",
        ExpressionAttributeValues: { ":notification": { S: "notification" } },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) if (item.id?.S) items.set(item.id.S, item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The outbox lines of these notices, by id; throws unless each has exactly one. */
async function outboxLines(file: string, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set(ids);
  const lines = new Map<string, string>();
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    if (line === "") continue;
    const { id } = JSON.parse(line) as { id: string };
    if (!wanted.has(id)) continue;
    if (lines.has(id)) throw new Error(`notice ${id} is in the outbox twice`);
    lines.set(id, `${line}\n`);
  }
  if (lines.size !== ids.length)
    throw new Error(`${ids.length - lines.size} of ${ids.length} notices are not in the outbox`);
  return lines;
}

/** The stored items of these notices; throws (with the count of each status) unless all ended `sent`. */
function sentItems(stored: ReadonlyMap<string, Record<string, AttributeValue>>, ids: readonly string[]) {
  const statuses = new Map<string, number>();
  const items = ids.map((id) => {
    const item = stored.get(id);
    const status = item ? (unmarshall(item) as NotificationRecord).status : "missing";
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    return item;
  });
  if ((statuses.get("sent") ?? 0) !== ids.length) {
    const counts = [...statuses].map(([status, count]) => `${count} ${status}`).join(", ");
    throw new Error(`not every notice ended sent: ${counts} (of ${ids.length})`);
  }
  return items as Record<string, AttributeValue>[];
}

/** `createdAt` → `sentAt` of each item, ms. */
function sendToSent(items: readonly Record<string, AttributeValue>[]) {
  const ms = items.map((item) => {
    const record = unmarshall(item) as NotificationRecord;
    return Date.parse(record.sentAt ?? "") - Date.parse(record.createdAt);
  });
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), max: Math.max(...ms) };
}

/** The baseline: one raw PutItem of each item (under a key of its own) and one append of its line. */
async function plainAppend(
  raw: DynamoDBClient,
  table: string,
  records: readonly { item: Record<string, AttributeValue>; line: string }[],
  file: string,
  concurrency: number,
): Promise<PhaseFigures> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await pool(records.length, concurrency, async (index) => {
    const { item, line } = records[index] as (typeof records)[number];
    const copy = { ...item, PK: { S: `BENCH#${item.PK?.S ?? index}` } };
    await raw.send(new PutItemCommand({ TableName: table, Item: copy }));
    await appendFile(file, line, "utf8");
  });
  return { wallMs: performance.now() - started, nodeCpuMs: cpuSince(cpu) };
}

interface NoticesOptions {
  readonly notices: number;
  readonly concurrency: number;
  readonly warmup: number;
}

/** One round: N notices through the queue and sender, read back and checked, then the baseline. */
async function round(
  stack: LocalStack,
  counter: RequestCounter,
  run: string,
  count: number,
  concurrency: number,
) {
  const raw = localDynamoDbClient(stack.dynamodbEndpoint);
  try {
    counter.take();
    const requests = Array.from({ length: count }, (_, index) => noticeRequest(run, index));
    const sent = await sendAll(stack, recordingNotifier(), requests, concurrency);
    const requestsOfRun = counter.take();
    const items = sentItems(await storedNotices(raw, stack.tableName), sent.ids);
    const lines = await outboxLines(stack.outboxFile, sent.ids);
    const records = items.map((item, index) => ({ item, line: lines.get(sent.ids[index] ?? "") ?? "" }));
    const scratch = join(stack.dataDir, `plain-append-${run}.jsonl`);
    const baseline = await plainAppend(raw, stack.tableName, records, scratch, concurrency);
    return { sent, requestsOfRun, items, records, baseline };
  } finally {
    raw.destroy();
  }
}

export async function measureNotices(options: NoticesOptions): Promise<NoticesResult> {
  const dataDir = await mkdtemp(join(tmpdir(), "hsl-bench-notices-"));
  const startedAt = performance.now();
  const stack = await startLocalStack({ dataDir, inMemory: true, seed: false, port: 0, speed: 1 });
  const stackStartMs = performance.now() - startedAt;
  try {
    const counter = new RequestCounter();
    // Modules loaded, code compiled, connections open on both clients.
    await round(stack, counter, "warmup", options.warmup, options.concurrency);
    const { sent, requestsOfRun, items, records, baseline } = await round(
      stack,
      counter,
      "bench",
      options.notices,
      options.concurrency,
    );
    const lineBytes =
      records.reduce((sum, record) => sum + Buffer.byteLength(record.line), 0) / records.length;
    return {
      notices: options.notices,
      concurrency: options.concurrency,
      stackStartMs,
      throughQueue: {
        wallMs: sent.wallMs,
        nodeCpuMs: sent.nodeCpuMs,
        recordedMs: sent.recordedMs,
        dynamodbByCommand: requestsOfRun.byCommand,
        dynamodbSummedMs: requestsOfRun.summedMs,
        sendToSentMs: sendToSent(items),
      },
      plainAppend: baseline,
      lineBytes,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      notices: { type: "string", default: "2000" },
      concurrency: { type: "string", default: "10" },
      warmup: { type: "string", default: "100" },
    },
  });
  process.env.LOG_LEVEL = "warn";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // Read by the sender as the stack starts: SMS not held overnight, both channels to the outbox file.
  process.env.NOTICE_QUIET_HOURS = "off";
  process.env.EMAIL_DELIVERY = "outbox";
  process.env.SMS_DELIVERY = "outbox";
  // Every SMS is counted toward its recipient's day and the county's minute (decision 0019), as in
  // production, but the limits are far off: 200 recipients get many more SMS than a day's cap here.
  process.env.SMS_DAILY_CAP = "1000000";
  process.env.SMS_PER_MINUTE = "1000000";
  const result = await measureNotices({
    notices: Number(values.notices),
    concurrency: Number(values.concurrency),
    warmup: Number(values.warmup),
  });
  process.stdout.write(`${noticesPrefix}${JSON.stringify(result)}\n`);
}

runAsChild(import.meta.url, main);
