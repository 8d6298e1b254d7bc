/**
 * Writes and lists at 10 connections, each operation beside the raw DynamoDB request it comes down to,
 * measured in the same run and interleaved with it (each connection alternates an API call and a raw
 * request), so that machine noise falls on both alike. This process serves (the local stack, the
 * functions in-process); the load comes from another process (write-path-client.ts), as a client's
 * would, so that the client's own work does not share the server's thread. Every DynamoDB request the functions send is
 * attributed to the API call that sent it (its request id, from the log scope), so the bench can say
 * how many requests each operation makes on its request path.
 *
 * Run as a child process of run.ts (the functions read their configuration once per process):
 *   tsx test/bench/write-path.ts --requests 200
 */

import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { topicSteps } from "../../functions/domain/topics/steps";
import { collections } from "../../functions/kernel/table/keys";
import { type LocalStack, startLocalStack } from "../../infra/local/start";
import { fromRoot } from "../../infra/paths";
import { runAsChild } from "./child-args";
import { watchDynamoDbRequests } from "./dynamodb-requests";
import { evidenceFor, memberBody, stationBody, topicBody } from "./topic-loop";
import { clientResultPrefix, type PhaseResult, type WritePathPhase } from "./write-path-client";

export const writePathPrefix = "BENCH_WRITE_PATH ";

export interface OperationRun {
  readonly operation: string;
  readonly kind: "write" | "list";
  readonly baseline: string;
  readonly apiMs: number[];
  readonly baselineMs: number[];
  /** DynamoDB requests each call of the operation sent before it answered. */
  readonly dynamodbRequests: number[];
  readonly budget: number;
}

export interface WritePathResult {
  readonly connections: number;
  readonly operations: OperationRun[];
}

/** Requests per operation the issue allows on the request path. */
export const requestBudgets = {
  "POST /topics": 4,
  "POST /topics/{id}/steps/{step}/complete": 4,
  "GET /stations": 2,
  "GET /topics": 2,
  "GET /members": 2,
} as const;

/** DynamoDB requests by API request id: a middleware on the functions' one client. */
class RequestMeter {
  private readonly byRequest = new Map<string, number>();

  constructor() {
    watchDynamoDbRequests("benchRequestMeter", ({ scope }) => {
      const requestId = scope.requestId;
      if (typeof requestId === "string")
        this.byRequest.set(requestId, (this.byRequest.get(requestId) ?? 0) + 1);
    });
  }

  take(requestId: string | undefined): number {
    if (!requestId) throw new Error("the answer carried no apigw-requestid");
    const count = this.byRequest.get(requestId) ?? 0;
    this.byRequest.delete(requestId);
    return count;
  }
}

/** Runs one phase in the load generator's own process (write-path-client.ts); this process serves. */
function runClient(phase: WritePathPhase): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fromRoot("test/bench/write-path-client.ts")],
      {
        stdio: ["pipe", "pipe", "pipe"],
        env: process.env,
      },
    );
    const stdoutChunks: Buffer[] = [];
    const stderrChunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdoutChunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderrChunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const stdout = Buffer.concat(stdoutChunks).toString("utf8");
      const stderr = Buffer.concat(stderrChunks).toString("utf8");
      const line = stdout.split("\n").find((item) => item.startsWith(clientResultPrefix));
      if (code !== 0 || !line)
        reject(new Error(`the load generator failed (${code}):\n${stderr.slice(-3000)}`));
      else resolve(JSON.parse(line.slice(clientResultPrefix.length)) as PhaseResult);
    });
    child.stdin.end(JSON.stringify(phase));
  });
}

/** The stack's data: stations and members to list, a station with its lead member to register topics at. */
async function setUp(stack: LocalStack, token: string, stations: number) {
  const post = async (path: string, body: unknown, method = "POST") => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300)
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as { id: string };
  };
  const member = await post("/members", memberBody);
  let stationId = "";
  for (let index = 0; index < stations; index++) {
    const station = await post("/stations", { ...stationBody, name: `${stationBody.name}${index}` });
    if (index === 0) stationId = station.id;
  }
  await post(`/stations/${stationId}/members/${member.id}`, {}, "PUT");
  for (let index = 1; index < stations; index++) {
    await post("/members", {
      ...memberBody,
      name: `委员${index}`,
      phone: `138${String(index).padStart(8, "0")}`,
    });
  }
  return { stationId, memberId: member.id };
}

/** Waits until every topic's execution waits at `step` with its token parked. */
async function parkedAt(stack: LocalStack, topicIds: readonly string[], step: string): Promise<void> {
  const until = Date.now() + 120_000;
  for (;;) {
    const parked = new Set(
      stack.workflow
        .pendingTasks()
        .filter((task) => task.parked && (task.payload as { step?: string }).step === step)
        .map((task) => (task.payload as { topicId?: string }).topicId),
    );
    if (topicIds.every((id) => parked.has(id))) return;
    if (Date.now() > until) throw new Error(`the topics did not park at ${step} in 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function measure(stack: LocalStack, requests: number, connections: number): Promise<OperationRun[]> {
  const token = await stack.adminToken();
  const meter = new RequestMeter();
  const { stationId, memberId } = await setUp(stack, token, 30);
  const phase = (calls: WritePathPhase["calls"], baseline: WritePathPhase["baseline"]) =>
    runClient({
      apiUrl: stack.apiUrl,
      token,
      dynamodbEndpoint: stack.dynamodbEndpoint,
      tableName: stack.tableName,
      connections,
      calls,
      baseline,
    });
  const registrations = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, index) => ({
      method: "POST",
      path: "/topics",
      body: topicBody(stationId, `${prefix}${index}`, false),
      idempotent: true,
    }));
  const run = (operation: string, kind: OperationRun["kind"], baseline: string, result: PhaseResult) => ({
    operation,
    kind,
    baseline,
    apiMs: result.apiMs,
    baselineMs: result.baselineMs,
    dynamodbRequests: result.requestIds.map((id) => meter.take(id)),
    budget: requestBudgets[operation as keyof typeof requestBudgets],
  });

  // Warm-up: the functions' first calls load modules, calendars and keys.
  await phase(registrations(20, "预热议题"), { kind: "put" });
  const registered = await phase(registrations(requests, "基准议题"), { kind: "put" });
  const topicIds = registered.ids.map((id) => id ?? "");
  await parkedAt(stack, topicIds, topicSteps[0]);
  const completed = await phase(
    topicIds.map((id) => ({
      method: "POST",
      path: `/topics/${id}/steps/collect/complete`,
      body: evidenceFor("collect", memberId),
    })),
    { kind: "put" },
  );
  const operations: OperationRun[] = [
    run("POST /topics", "write", "PutItem", registered),
    run("POST /topics/{id}/steps/{step}/complete", "write", "PutItem", completed),
  ];
  // The lists are measured on a quiet stack: what the decisions set going (each execution entering
  // the next step, the notices to send) is done first, so that it does not share the lists' thread.
  await parkedAt(stack, topicIds, topicSteps[1]);
  await stack.delivery.settled();
  const page = 20;
  for (const [operation, collection] of [
    ["GET /stations", collections.stations],
    ["GET /topics", collections.topics],
    ["GET /members", collections.members],
  ] as const) {
    const calls = Array.from({ length: requests }, () => ({
      method: "GET",
      path: `${operation.slice(4)}?limit=${page}`,
    }));
    const listed = await phase(calls, { kind: "query", collection, limit: page });
    operations.push(run(operation, "list", `Query (${page} items)`, listed));
  }
  return operations;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: "string", default: "200" }, connections: { type: "string", default: "10" } },
  });
  process.env.LOG_LEVEL = "warn";
  // The hour the bench runs at must not decide whether SMS are held (quiet hours).
  process.env.NOTICE_QUIET_HOURS ??= "off";
  const dataDir = await mkdtemp(join(tmpdir(), "hsl-bench-writes-"));
  const stack = await startLocalStack({ dataDir, inMemory: true, seed: false, port: 0 });
  try {
    const connections = Number(values.connections);
    const operations = await measure(stack, Number(values.requests), connections);
    const result: WritePathResult = { connections, operations };
    process.stdout.write(`${writePathPrefix}${JSON.stringify(result)}\n`);
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runAsChild(import.meta.url, main);
