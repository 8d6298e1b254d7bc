import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetItemCommand, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableSchema } from "../../functions/kernel/table/table-schema";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "hsl-start-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly apiUrl: string;
  readonly dynamodbEndpoint: string;
  readonly output: () => string;
}

/**
 * How long one start may take. Alone it takes about 10 s; with the whole suite running in parallel
 * (other stacks, DynamoDB Locals, CDK bundling) it can take three times as long.
 */
const startDeadlineMs = 45_000;

/** Runs `start.ts` as `npm start` would, and waits for its banner. */
async function start(...args: string[]): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", "infra/local/start.ts", "--port", "0", ...args], {
    env: { ...process.env, NODE_NO_WARNINGS: "1" },
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const deadline = Date.now() + startDeadlineMs;
  for (;;) {
    const api = /API\s+(http:\/\/\S+)/.exec(output)?.[1];
    const dynamodb = /DynamoDB\s+(http:\/\/\S+)/.exec(output)?.[1];
    if (api && dynamodb && output.includes("Ctrl-C")) {
      return { child, apiUrl: api, dynamodbEndpoint: dynamodb, output: () => output };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`start.ts did not come up:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(running: Running, signal: NodeJS.Signals): Promise<number | null> {
  const exited = once(running.child, "exit");
  running.child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}

async function answers(endpoint: string): Promise<boolean> {
  const client = localDynamoDbClient(endpoint, { maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

const markerKey = {
  [tableSchema.partitionKey.name]: { S: "TEST#restart" },
  [tableSchema.sortKey.name]: { S: "META" },
};

// A test starts the stack up to twice, each start allowed its deadline.
describe("npm start", { timeout: 2 * startDeadlineMs + 30_000 }, () => {
  it("serves the API behind the JWT authorizer, stops cleanly on SIGTERM and keeps its data", async () => {
    const first = await start("--data-dir", dataDir, "--no-seed", "--table", "startdemo");
    try {
      expect(first.output()).toContain(join(dataDir, "dynamodb"));
      expect(first.output()).toMatch(
        /curl -H "Authorization: Bearer ey[\w-]+\.[\w-]+\.[\w-]+" http:\/\/127\.0\.0\.1:\d+\/stations/,
      );
      expect(first.output()).toContain(
        `npm run token -- --data-dir ${dataDir} --role staff --station <stationId>`,
      );

      const unauthorized = await fetch(`${first.apiUrl}/stations`);
      expect(unauthorized.status).toBe(401);
      const unknown = await fetch(`${first.apiUrl}/no-such-route`);
      expect(unknown.status).toBe(404);

      const client = localDynamoDbClient(first.dynamodbEndpoint);
      const { TableNames } = await client.send(new ListTablesCommand({}));
      expect(TableNames).toContain("startdemo");
      await client.send(
        new PutItemCommand({ TableName: "startdemo", Item: { ...markerKey, note: { S: "kept" } } }),
      );
      client.destroy();
    } finally {
      expect(await stop(first, "SIGTERM")).toBe(0);
    }
    expect(first.output()).toContain("stopped.");
    expect(await answers(first.dynamodbEndpoint)).toBe(false);

    const second = await start("--data-dir", dataDir, "--no-seed", "--table", "startdemo");
    try {
      const client = localDynamoDbClient(second.dynamodbEndpoint);
      const { Item } = await client.send(new GetItemCommand({ TableName: "startdemo", Key: markerKey }));
      expect(Item?.note).toEqual({ S: "kept" });
      client.destroy();
    } finally {
      expect(await stop(second, "SIGINT")).toBe(0);
    }
  });

  it("throws the data away with --in-memory", async () => {
    const running = await start("--data-dir", dataDir, "--no-seed", "--in-memory", "--table", "memdemo");
    try {
      expect(running.output()).toContain("in memory");
    } finally {
      expect(await stop(running, "SIGTERM")).toBe(0);
    }
    expect(await answers(running.dynamodbEndpoint)).toBe(false);
  });

  it("refuses unknown flags with exit status 2", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "infra/local/start.ts", "--colour", "red"], {
      env: { ...process.env, NODE_NO_WARNINGS: "1" },
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain("--colour");
  });
});
