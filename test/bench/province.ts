/**
 * A province on the local runtime: N topics carried concurrently through the six steps on a fresh
 * local stack (DynamoDB Local in memory, the API behind the gateway, the synthesized state machine on
 * the local runtime with its real task function) at speed 1 — throughput, and how memory grows.
 *
 * Each topic is registered with POST /topics and each of its six steps completed as soon as the
 * execution's token for that step is parked (`waitForTask`, as topic-loop.ts does); at most
 * `concurrency` topics are in flight at once. Memory is read with `process.memoryUsage()` before
 * (after a warm-up and a forced GC), right after the last execution ended, and after a forced GC:
 * the last against the first, per finished topic, is what the runtime (and everything else in this
 * process) retains per topic. Beside it, in the same run on the same DynamoDB Local, at the same
 * concurrency: as many raw requests of the same commands as the functions sent — what DynamoDB Local
 * alone would take for this province — and as many raw PutItem/GetItem alternating; and the CPU time
 * of this process and of DynamoDB Local's JVM.
 *
 * One size per process (the functions read their configuration once per process, and memory is
 * measured from a fresh heap): province-report.ts starts this file as a child process per size, with
 * --expose-gc.
 *
 *   node --import tsx --expose-gc --no-flush-bytecode test/bench/province.ts --size 1000 [--concurrency 50]
 *     [--warmup 50] [--heap-snapshot file.heapsnapshot]
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getHeapSpaceStatistics, writeHeapSnapshot } from "node:v8";
import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from "@aws-sdk/client-dynamodb";
import { type TopicStep, topicSteps } from "../../functions/domain/topics/steps";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { type LocalStack, startLocalStack } from "../../infra/local/start";
import type { RuntimeRetention } from "../../infra/local/workflow-runtime";
import { runAsChild } from "./child-args";
import { pool } from "./concurrency";
import { watchDynamoDbRequests } from "./dynamodb-requests";
import { percentile } from "./stats";
import { evidenceFor, memberBody, stationBody, topicBody } from "./topic-loop";

/** The line the child prints its result on, as JSON after this prefix. */
export const provincePrefix = "BENCH_PROVINCE ";

/** The targets of issue #10 part 3. */
export const provinceTargets = {
  /** At 1,000 topics. */
  topicsPerSecond: 20,
  /** Data heap retained after a forced GC, per finished topic, at 1,000 topics (kB = 1000 bytes). */
  retainedBytesPerTopic: 10_000,
} as const;

export interface MemoryReading {
  readonly heapUsed: number;
  /** The heap without compiled code and bytecode (V8's code and trusted spaces): the data retained. */
  readonly dataHeap: number;
  readonly heapTotal: number;
  readonly rss: number;
  readonly external: number;
}

export interface ProvinceResult {
  readonly size: number;
  readonly concurrency: number;
  readonly stackStartMs: number;
  /** First POST /topics sent → the last execution SUCCEEDED. */
  readonly wallMs: number;
  readonly topicsPerSecond: number;
  /** One topic, POST /topics sent → its execution SUCCEEDED. */
  readonly topicMs: { readonly p50: number; readonly p90: number; readonly max: number };
  /** Requests the functions (API and task function) sent to DynamoDB Local for the N topics. */
  readonly dynamodbRequests: number;
  /** The same, by command (GetItem, TransactWriteItems, …). */
  readonly dynamodbByCommand: Readonly<Record<string, number>>;
  /** The same, by what sent them (API route or loop task), then by command. */
  readonly dynamodbBySender: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * Baselines on the same DynamoDB Local, after the run, at the same concurrency (wall ms): as many
   * raw requests of the same commands (`sameMix`), and as many raw PutItem/GetItem alternating.
   */
  readonly raw: { readonly sameMixMs: number; readonly putGetMs: number };
  /** CPU time (ms) during the N topics: this process (API, runtime, task function, the bench), DynamoDB Local's JVM. */
  readonly cpu: CpuReading;
  /** The same during the raw requests of the same commands. */
  readonly rawCpu: CpuReading;
  readonly memory: {
    readonly before: MemoryReading;
    readonly after: MemoryReading;
    readonly afterGc: MemoryReading;
  };
  /** (heap after GC − heap before) / N, and the same without compiled code and bytecode. */
  readonly retainedBytesPerTopic: number;
  readonly retainedDataBytesPerTopic: number;
  /** What the workflow runtime holds after the run (running executions, ended summaries, histories, tokens). */
  readonly retention: RuntimeRetention;
  /** DescribeExecution of the first topic's execution, after the run. */
  readonly firstStatus: string;
  /** `step_completed` entries in the first topic's timeline (6 when intact). */
  readonly firstTimelineSteps: number;
}

const memory = (): MemoryReading => {
  const { heapUsed, heapTotal, rss, external } = process.memoryUsage();
  const code = getHeapSpaceStatistics()
    .filter((space) => /code|trusted/.test(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0);
  return { heapUsed, dataHeap: heapUsed - code, heapTotal, rss, external };
};

const gcAvailable = () => typeof globalThis.gc === "function";

/** A full GC, repeated across turns of the event loop so that finalizers and weak references settle. */
async function collectGarbage(): Promise<void> {
  if (!gcAvailable()) throw new Error("run with --expose-gc (node --expose-gc …): memory needs a forced GC");
  for (let i = 0; i < 4; i += 1) {
    globalThis.gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * CPU time (user + system, ms) of this process's descendants — DynamoDB Local's JVM — from /proc
 * (Linux); undefined elsewhere.
 */
function childrenCpuMs(): number | undefined {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  try {
    const stats = new Map<number, { ppid: number; ticks: number }>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const text = readFileSync(`/proc/${entry}/stat`, "utf8");
        const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
        // After the command: state, ppid, …; utime and stime are fields 14 and 15 of the whole line.
        stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
      } catch {
        // the process ended meanwhile
      }
    }
    let ticks = 0;
    const descendants = [process.pid];
    for (let i = 0; i < descendants.length; i += 1) {
      for (const [pid, stat] of stats) {
        if (stat.ppid === descendants[i]) {
          descendants.push(pid);
          ticks += stat.ticks;
        }
      }
    }
    return ticks / ticksPerMs;
  } catch {
    return undefined;
  }
}

export interface CpuReading {
  readonly nodeMs: number;
  /** Undefined where /proc cannot tell. */
  readonly dynamodbMs: number | undefined;
}

/** CPU time of this process and of DynamoDB Local, from now on. */
function cpuMeter(): () => CpuReading {
  const node = process.cpuUsage();
  const children = childrenCpuMs();
  return () => {
    const used = process.cpuUsage(node);
    const childrenNow = childrenCpuMs();
    return {
      nodeMs: (used.user + used.system) / 1000,
      dynamodbMs: children === undefined || childrenNow === undefined ? undefined : childrenNow - children,
    };
  };
}

/**
 * Counts the requests the functions send to DynamoDB (they share the one client of the process), by
 * command and by what sent them: the API route, or the loop's task.
 */
class RequestCounter {
  count = 0;
  readonly byCommand: Record<string, number> = {};
  readonly bySender: Record<string, Record<string, number>> = {};

  constructor() {
    watchDynamoDbRequests("benchProvinceCounter", ({ command, scope }) => {
      this.count += 1;
      this.byCommand[command] = (this.byCommand[command] ?? 0) + 1;
      const sender = String(scope.route ?? (scope.task ? `task ${String(scope.task)}` : "other"));
      const counts = this.bySender[sender] ?? {};
      counts[command] = (counts[command] ?? 0) + 1;
      this.bySender[sender] = counts;
    });
  }
}

class Province {
  private stationId = "";
  private memberId = "";
  private readonly executionPrefix: string;

  constructor(
    readonly stack: LocalStack,
    private readonly token: string,
  ) {
    // arn:aws:states:<region>:<account>:stateMachine:<name> → …:execution:<name>:<execution name>
    const parts = stack.workflow.stateMachineArn.split(":");
    this.executionPrefix = `${parts.slice(0, 5).join(":")}:execution:${stack.workflow.stateMachineName}:`;
  }

  async call(
    method: string,
    path: string,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${this.stack.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== status) {
      throw new Error(`${method} ${path} answered ${response.status}, not ${status}: ${text.slice(0, 300)}`);
    }
    return text;
  }

  /** A station with a lead member, as topic-loop.ts sets it up. */
  async setUp(): Promise<void> {
    this.memberId = (JSON.parse(await this.call("POST", "/members", 201, memberBody)) as { id: string }).id;
    const created = JSON.parse(await this.call("POST", "/stations", 201, stationBody)) as {
      id: string;
      version: number;
    };
    this.stationId = created.id;
    const assigned = await fetch(`${this.stack.apiUrl}/stations/${this.stationId}/members/${this.memberId}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${this.token}` },
    });
    await assigned.text();
    if (assigned.status !== 200 && assigned.status !== 201) {
      throw new Error(`assigning the lead member answered ${assigned.status}`);
    }
    await this.call(
      "PATCH",
      `/stations/${this.stationId}`,
      200,
      { leadMemberId: this.memberId },
      { "if-match": `"${created.version}"` },
    );
  }

  /**
   * The topic's execution: named after the topic (register.ts: its id, or its id and a run number),
   * else looked up among all executions by name.
   */
  executionOf(topicId: string): string {
    for (const name of [topicId, `${topicId}-1`]) {
      try {
        return this.stack.workflow.describeExecution(`${this.executionPrefix}${name}`).executionArn;
      } catch {
        // not this name
      }
    }
    const found = this.stack.workflow.listExecutions().find((item) => item.name.startsWith(topicId));
    if (!found) throw new Error(`no execution for topic ${topicId}`);
    return found.executionArn;
  }

  async parkedAt(executionArn: string, step: TopicStep, after: string | undefined): Promise<string> {
    let newerThan = after;
    for (;;) {
      const task = await this.stack.workflow.waitForTask(executionArn, {
        timeoutMs: 300_000,
        ...(newerThan === undefined ? {} : { newerThan }),
      });
      if ((task.payload as { step?: string }).step === step) return task.taskToken;
      newerThan = task.taskToken;
    }
  }

  /** One topic through the six steps; resolves with its id once its execution SUCCEEDED. */
  async carry(title: string): Promise<string> {
    const { id } = JSON.parse(
      await this.call("POST", "/topics", 201, topicBody(this.stationId, title, false)),
    ) as {
      id: string;
    };
    const executionArn = this.executionOf(id);
    let previous: string | undefined;
    for (const step of topicSteps) {
      previous = await this.parkedAt(executionArn, step, previous);
      await this.call("POST", `/topics/${id}/steps/${step}/complete`, 200, evidenceFor(step, this.memberId));
    }
    const done = await this.stack.workflow.waitForExecution(executionArn, { timeoutMs: 300_000 });
    if (done.status !== "SUCCEEDED") throw new Error(`the loop of ${id} ended ${done.status}`);
    return id;
  }

  async timelineSteps(topicId: string): Promise<number> {
    const detail = JSON.parse(await this.call("GET", `/topics/${topicId}`, 200)) as {
      timeline?: { kind: string }[];
    };
    return (detail.timeline ?? []).filter((event) => event.kind === "step_completed").length;
  }

  /**
   * Raw requests on the same DynamoDB Local at `concurrency`, one per entry of `commands` (in that
   * order, round robin): a TransactWriteItems writes a topic-sized item and an event item under it,
   * as a decision does; a GetItem reads a topic-sized item; a Query reads one partition. Wall ms.
   */
  async rawRequests(commands: readonly string[], concurrency: number): Promise<number> {
    const raw = localDynamoDbClient(this.stack.dynamodbEndpoint);
    try {
      await rawRequest(raw, this.stack.tableName, "PutItem", 0); // the item the reads read
      const started = performance.now();
      await pool(commands.length, concurrency, (index) =>
        rawRequest(raw, this.stack.tableName, commands[index] ?? "GetItem", index),
      );
      return performance.now() - started;
    } finally {
      raw.destroy();
    }
  }
}

const description = "居民反映多层住宅上下楼难，希望推动加装电梯。".repeat(12);

/** One raw request of the baseline (see `rawRequests`). */
async function rawRequest(raw: DynamoDBClient, table: string, command: string, index: number): Promise<void> {
  const topicKey = { PK: { S: `BENCH#province-${index % 500}` }, SK: { S: "META" } };
  const topicItem = { ...topicKey, title: { S: "老旧小区加装电梯" }, description: { S: description } };
  switch (command) {
    case "TransactWriteItems":
      await raw.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { ...topicItem, revision: { N: String(index) } } } },
            {
              Put: {
                TableName: table,
                Item: { PK: topicKey.PK, SK: { S: `EVENT#${index}` }, kind: { S: "step_completed" } },
              },
            },
          ],
        }),
      );
      return;
    case "PutItem":
      await raw.send(
        new PutItemCommand({ TableName: table, Item: { ...topicItem, revision: { N: String(index) } } }),
      );
      return;
    case "Query":
      await raw.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: "PK = :pk",
          ExpressionAttributeValues: { ":pk": { S: "BENCH#province-0" } },
          Limit: 20,
        }),
      );
      return;
    default:
      await raw.send(
        new GetItemCommand({ TableName: table, Key: { PK: { S: "BENCH#province-0" }, SK: { S: "META" } } }),
      );
  }
}

/** The same commands as `byCommand` counts, interleaved (round robin over the kinds). */
function sameMix(byCommand: Readonly<Record<string, number>>): string[] {
  const left = new Map(Object.entries(byCommand));
  const commands: string[] = [];
  while (left.size > 0) {
    for (const [command, count] of left) {
      commands.push(command);
      if (count <= 1) left.delete(command);
      else left.set(command, count - 1);
    }
  }
  return commands;
}

export interface ProvinceOptions {
  readonly size: number;
  readonly concurrency: number;
  /** Topics carried (at the same concurrency) before memory is first read: modules loaded, code warm. */
  readonly warmup: number;
  /** Write a heap snapshot here after the final GC (investigation). */
  readonly heapSnapshot?: string;
}

export async function measureProvince(options: ProvinceOptions): Promise<ProvinceResult> {
  process.env.LOG_LEVEL = "warn";
  // The hour the bench runs at must not decide whether SMS are held (quiet hours).
  process.env.NOTICE_QUIET_HOURS ??= "off";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const dataDir = await mkdtemp(join(tmpdir(), "hsl-bench-province-"));
  const startedAt = performance.now();
  const stack = await startLocalStack({ dataDir, inMemory: true, seed: false, port: 0, speed: 1 });
  const stackStartMs = performance.now() - startedAt;
  try {
    const province = new Province(stack, await stack.adminToken());
    await province.setUp();
    await pool(options.warmup, options.concurrency, async (index) => {
      await province.carry(`热身议题 ${index + 1}`);
    });
    const counter = new RequestCounter();
    await collectGarbage();
    const before = memory();

    const topicMs: number[] = [];
    let firstTopic: string | undefined;
    const cpuOfRun = cpuMeter();
    const started = performance.now();
    await pool(options.size, options.concurrency, async (index) => {
      const topicStarted = performance.now();
      const id = await province.carry(`老旧小区加装电梯 ${index + 1}`);
      topicMs.push(performance.now() - topicStarted);
      if (index === 0) firstTopic = id;
    });
    const wallMs = performance.now() - started;
    const cpu = cpuOfRun();
    // Taken now: the checks below send a few requests of their own.
    const dynamodbRequests = counter.count;
    const dynamodbByCommand = { ...counter.byCommand };
    const dynamodbBySender = structuredClone(counter.bySender);
    const after = memory();
    await collectGarbage();
    const afterGc = memory();
    const retention = stack.workflow.retention();
    if (options.heapSnapshot) writeHeapSnapshot(options.heapSnapshot);

    if (!firstTopic) throw new Error("no topic was carried");
    const firstStatus = stack.workflow.describeExecution(province.executionOf(firstTopic)).status;
    const firstTimelineSteps = await province.timelineSteps(firstTopic);
    const cpuOfRaw = cpuMeter();
    const sameMixMs = await province.rawRequests(sameMix(dynamodbByCommand), options.concurrency);
    const rawCpu = cpuOfRaw();
    const putGetMs = await province.rawRequests(
      Array.from({ length: dynamodbRequests }, (_, index) => (index % 2 === 0 ? "PutItem" : "GetItem")),
      options.concurrency,
    );
    return {
      size: options.size,
      concurrency: options.concurrency,
      stackStartMs,
      wallMs,
      topicsPerSecond: options.size / (wallMs / 1000),
      topicMs: { p50: percentile(topicMs, 50), p90: percentile(topicMs, 90), max: Math.max(...topicMs) },
      dynamodbRequests,
      dynamodbByCommand,
      dynamodbBySender,
      raw: { sameMixMs, putGetMs },
      cpu,
      rawCpu,
      memory: { before, after, afterGc },
      retainedBytesPerTopic: (afterGc.heapUsed - before.heapUsed) / options.size,
      retainedDataBytesPerTopic: (afterGc.dataHeap - before.dataHeap) / options.size,
      retention,
      firstStatus,
      firstTimelineSteps,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: "string", default: "1000" },
      concurrency: { type: "string", default: "50" },
      warmup: { type: "string", default: "50" },
      "heap-snapshot": { type: "string" },
    },
  });
  const result = await measureProvince({
    size: Number(values.size),
    concurrency: Number(values.concurrency),
    warmup: Number(values.warmup),
    ...(values["heap-snapshot"] ? { heapSnapshot: values["heap-snapshot"] } : {}),
  });
  process.stdout.write(`${provincePrefix}${JSON.stringify(result)}\n`);
}

runAsChild(import.meta.url, main);
