/**
 * The load generator of the write-path bench, in a process of its own as a real client would be: on
 * `connections` connections it alternates an API call with its baseline (a raw DynamoDB request
 * on the same DynamoDB Local), so that noise falls on both alike. Prints one result line.
 *
 *   tsx test/bench/write-path-client.ts < phase.json   (a WritePathPhase)
 */
import { Agent, request } from "node:http";
import { PutItemCommand, QueryCommand } from "@aws-sdk/client-dynamodb";
import { newId } from "../../functions/kernel/ids";
import { isMain } from "../../infra/local/cli";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { pool } from "./concurrency";

export const clientResultPrefix = "BENCH_WRITE_PATH_CLIENT ";

export interface WritePathPhase {
  readonly apiUrl: string;
  readonly token: string;
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
  readonly connections: number;
  /** One API call per entry, in order. */
  readonly calls: readonly {
    readonly method: string;
    readonly path: string;
    readonly body?: unknown;
    readonly idempotent?: boolean;
  }[];
  readonly baseline:
    | { readonly kind: "put" }
    | { readonly kind: "query"; readonly collection: string; readonly limit: number };
}

export interface PhaseResult {
  readonly apiMs: number[];
  readonly baselineMs: number[];
  /** The gateway's request id of each call (to look up its table requests), in call order. */
  readonly requestIds: string[];
  /** The `id` in each call's answer, if it had one (a created topic's), in call order. */
  readonly ids: (string | undefined)[];
}

interface Answer {
  readonly status: number;
  readonly requestId: string;
  readonly body: string;
}

/** node:http with keep-alive, as the SDK talks to DynamoDB: the same client stack on both sides. */
function call(agent: Agent, phase: WritePathPhase, entry: WritePathPhase["calls"][number]): Promise<Answer> {
  const body = entry.body === undefined ? undefined : JSON.stringify(entry.body);
  const headers: Record<string, string> = { authorization: `Bearer ${phase.token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (entry.idempotent) headers["idempotency-key"] = `bench-${newId(Date.now())}`;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${phase.apiUrl}${entry.path}`,
      { method: entry.method, headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            requestId: String(response.headers["apigw-requestid"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

export async function runPhase(phase: WritePathPhase): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: phase.connections });
  const raw = localDynamoDbClient(phase.dynamodbEndpoint);
  const baseline = async () => {
    const started = performance.now();
    if (phase.baseline.kind === "put") {
      await raw.send(
        new PutItemCommand({
          TableName: phase.tableName,
          Item: {
            PK: { S: `BENCH#${newId(Date.now())}` },
            SK: { S: "META" },
            title: { S: "基准议题" },
            description: { S: "居民反映多层住宅上下楼难，希望推动加装电梯。" },
          },
          ConditionExpression: "attribute_not_exists(PK)",
        }),
      );
    } else {
      await raw.send(
        new QueryCommand({
          TableName: phase.tableName,
          IndexName: "GSI1",
          KeyConditionExpression: "GSI1PK = :pk",
          ExpressionAttributeValues: { ":pk": { S: phase.baseline.collection } },
          Limit: phase.baseline.limit,
        }),
      );
    }
    return performance.now() - started;
  };
  const result: PhaseResult = { apiMs: [], baselineMs: [], requestIds: [], ids: [] };
  const callOnce = async (index: number) => {
    const entry = phase.calls[index];
    if (!entry) return;
    const started = performance.now();
    const answer = await call(agent, phase, entry);
    result.apiMs.push(performance.now() - started);
    if (answer.status >= 300)
      throw new Error(
        `${entry.method} ${entry.path} answered ${answer.status}: ${answer.body.slice(0, 300)}`,
      );
    result.requestIds[index] = answer.requestId;
    result.ids[index] = (JSON.parse(answer.body) as { id?: string }).id;
    result.baselineMs.push(await baseline());
  };
  try {
    await pool(phase.calls.length, phase.connections, callOnce);
    return result;
  } finally {
    agent.destroy();
    raw.destroy();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

if (isMain(import.meta.url)) {
  readStdin()
    .then((text) => runPhase(JSON.parse(text) as WritePathPhase))
    .then(
      (result) => {
        process.stdout.write(`${clientResultPrefix}${JSON.stringify(result)}\n`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
}
