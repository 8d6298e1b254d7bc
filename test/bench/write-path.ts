/**
 * Writes and lists at 10 connections, each operation beside the raw DynamoDB request it comes down to,
 * measured in the same run and interleaved with it (each connection alternates an API call and a raw
 * request), so that machine noise falls on both alike. Every DynamoDB request the functions send is
 * attributed to the API call that sent it (its request id, from the log scope), so the bench can say
 * how many requests each operation makes on its request path.
 *
 * Run as a child process of run.ts (the functions read their configuration once per process):
 *   tsx test/bench/write-path.ts --requests 200
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from "@aws-sdk/client-dynamodb";
import { topicSteps } from "../../functions/domain/topics/steps";
import { newId } from "../../functions/kernel/ids";
import { logScopeFields } from "../../functions/kernel/log";
import { dynamodb } from "../../functions/kernel/table/client";
import { collections } from "../../functions/kernel/table/keys";
import { isMain } from "../../infra/local/cli";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { type LocalStack, startLocalStack } from "../../infra/local/start";
import { evidenceFor, memberBody, stationBody, topicBody } from "./topic-loop";

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
    dynamodb().middlewareStack.add(
      (next) => async (args) => {
        const requestId = logScopeFields()?.requestId;
        if (typeof requestId === "string")
          this.byRequest.set(requestId, (this.byRequest.get(requestId) ?? 0) + 1);
        return next(args);
      },
      { step: "initialize", name: "benchRequestMeter" },
    );
  }

  take(requestId: string | null): number {
    if (!requestId) throw new Error("the answer carried no apigw-requestid");
    const count = this.byRequest.get(requestId) ?? 0;
    this.byRequest.delete(requestId);
    return count;
  }
}

interface Timed {
  readonly ms: number;
  readonly requests: number;
  readonly body: string;
}

class WritePathBench {
  private readonly raw;
  private readonly meter = new RequestMeter();
  private stationId = "";
  private memberId = "";

  constructor(
    private readonly stack: LocalStack,
    private readonly token: string,
  ) {
    this.raw = localDynamoDbClient(stack.dynamodbEndpoint);
  }

  close(): void {
    this.raw.destroy();
  }

  async api(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Timed> {
    const started = performance.now();
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
    const ms = performance.now() - started;
    if (response.status >= 300)
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return { ms, requests: this.meter.take(response.headers.get("apigw-requestid")), body: text };
  }

  async setUp(stations: number): Promise<void> {
    this.memberId = JSON.parse((await this.api("POST", "/members", memberBody)).body).id;
    for (let index = 0; index < stations; index++) {
      const created = await this.api("POST", "/stations", {
        ...stationBody,
        name: `${stationBody.name}${index}`,
      });
      if (index === 0) this.stationId = JSON.parse(created.body).id;
    }
    await this.api("PUT", `/stations/${this.stationId}/members/${this.memberId}`);
    for (let index = 1; index < stations; index++)
      await this.api("POST", "/members", {
        ...memberBody,
        name: `委员${index}`,
        phone: `138${String(index).padStart(8, "0")}`,
      });
  }

  /** A raw PutItem of a topic-sized item (a new key each time, as a registration writes one). */
  async rawPut(): Promise<number> {
    const id = newId(Date.now());
    const started = performance.now();
    await this.raw.send(
      new PutItemCommand({
        TableName: this.stack.tableName,
        Item: {
          PK: { S: `BENCH#${id}` },
          SK: { S: "META" },
          title: { S: topicBody(this.stationId, "基准议题", false).title },
          description: { S: "居民反映多层住宅上下楼难，希望推动加装电梯。" },
          stationId: { S: this.stationId },
        },
        ConditionExpression: "attribute_not_exists(PK)",
      }),
    );
    return performance.now() - started;
  }

  async rawGet(): Promise<number> {
    const started = performance.now();
    await this.raw.send(
      new GetItemCommand({
        TableName: this.stack.tableName,
        Key: { PK: { S: `STATION#${this.stationId}` }, SK: { S: "META" } },
      }),
    );
    return performance.now() - started;
  }

  /** A raw Query of the page a list reads: the collection's partition on GSI1, `limit` items. */
  async rawQuery(collection: string, limit: number): Promise<number> {
    const input: QueryCommandInput = {
      TableName: this.stack.tableName,
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :pk",
      ExpressionAttributeValues: { ":pk": { S: collection } },
      Limit: limit,
    };
    const started = performance.now();
    await this.raw.send(new QueryCommand(input));
    return performance.now() - started;
  }

  registerTopic(title: string): Promise<Timed> {
    return this.api("POST", "/topics", topicBody(this.stationId, title, false), {
      "idempotency-key": `bench-${newId(Date.now())}`,
    });
  }

  completeCollect(topicId: string): Promise<Timed> {
    return this.api(
      "POST",
      `/topics/${topicId}/steps/collect/complete`,
      evidenceFor("collect", this.memberId),
    );
  }

  /** Waits until `count` executions wait at collect with their token parked. */
  async parkedAtCollect(topicIds: readonly string[]): Promise<void> {
    const until = Date.now() + 120_000;
    for (;;) {
      const parked = new Set(
        this.stack.workflow
          .pendingTasks()
          .filter((task) => task.parked && (task.payload as { step?: string }).step === topicSteps[0])
          .map((task) => (task.payload as { topicId?: string }).topicId),
      );
      if (topicIds.every((id) => parked.has(id))) return;
      if (Date.now() > until) throw new Error("the topics did not park at collect in 2 minutes");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Runs `count` pairs on `connections` connections; each connection alternates an API call and its baseline. */
async function interleaved(
  count: number,
  connections: number,
  apiCall: (index: number) => Promise<Timed>,
  baseline: () => Promise<number>,
): Promise<{ apiMs: number[]; baselineMs: number[]; requests: number[]; bodies: string[] }> {
  const result = {
    apiMs: [] as number[],
    baselineMs: [] as number[],
    requests: [] as number[],
    bodies: [] as string[],
  };
  let next = 0;
  const connection = async () => {
    for (let index = next++; index < count; index = next++) {
      const timed = await apiCall(index);
      result.apiMs.push(timed.ms);
      result.requests.push(timed.requests);
      result.bodies[index] = timed.body;
      result.baselineMs.push(await baseline());
    }
  };
  await Promise.all(Array.from({ length: connections }, connection));
  return result;
}

async function measure(stack: LocalStack, requests: number, connections: number): Promise<OperationRun[]> {
  const bench = new WritePathBench(stack, await stack.adminToken());
  try {
    await bench.setUp(30);
    // Warm-up: the functions' first calls load modules, calendars and keys.
    await interleaved(
      20,
      connections,
      (i) => bench.registerTopic(`预热议题${i}`),
      () => bench.rawPut(),
    );

    const registered = await interleaved(
      requests,
      connections,
      (i) => bench.registerTopic(`基准议题${i}`),
      () => bench.rawPut(),
    );
    const topicIds = registered.bodies.map((body) => (JSON.parse(body) as { id: string }).id);
    await bench.parkedAtCollect(topicIds);
    const completed = await interleaved(
      requests,
      connections,
      (i) => bench.completeCollect(topicIds[i] ?? ""),
      () => bench.rawPut(),
    );
    const operations: OperationRun[] = [
      {
        operation: "POST /topics",
        kind: "write",
        baseline: "PutItem",
        apiMs: registered.apiMs,
        baselineMs: registered.baselineMs,
        dynamodbRequests: registered.requests,
        budget: requestBudgets["POST /topics"],
      },
      {
        operation: "POST /topics/{id}/steps/{step}/complete",
        kind: "write",
        baseline: "PutItem",
        apiMs: completed.apiMs,
        baselineMs: completed.baselineMs,
        dynamodbRequests: completed.requests,
        budget: requestBudgets["POST /topics/{id}/steps/{step}/complete"],
      },
    ];
    const page = 20;
    for (const [operation, collection] of [
      ["GET /stations", collections.stations],
      ["GET /topics", collections.topics],
      ["GET /members", collections.members],
    ] as const) {
      const path = `${operation.slice(4)}?limit=${page}`;
      const listed = await interleaved(
        requests,
        connections,
        () => bench.api("GET", path),
        () => bench.rawQuery(collection, page),
      );
      operations.push({
        operation,
        kind: "list",
        baseline: `Query (${page} items)`,
        apiMs: listed.apiMs,
        baselineMs: listed.baselineMs,
        dynamodbRequests: listed.requests,
        budget: requestBudgets[operation],
      });
    }
    await bench.rawGet();
    return operations;
  } finally {
    bench.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: "string", default: "200" }, connections: { type: "string", default: "10" } },
  });
  process.env.LOG_LEVEL = "warn";
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

if (isMain(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
