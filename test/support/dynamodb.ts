/**
 * One in-memory DynamoDB Local for the whole test run, and fresh tables on it for each test file.
 *
 * In the vitest config:   globalSetup: ["test/support/dynamodb.ts"]
 * In a test file:         const { client, tableName } = await freshTable("members");
 *
 * Every project that lists this global setup gets the same DynamoDB Local: the first one to set up
 * starts it, the last one to tear down stops it (vitest runs the global setups in its main process
 * but loads this module once per project, hence the registry on `globalThis`). It starts in the
 * background, on a port chosen up front, so that test files which do not need it (the first ones,
 * usually: the longest files start DynamoDB Locals of their own) need not wait for its JVM;
 * `dynamodbEndpoint()` waits until it answers.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import type { TestProject } from "vitest/node";
import {
  type DynamoDbLocal,
  findFreePort,
  localDynamoDbClient,
  startDynamoDbLocal,
} from "../../infra/local/dynamodb-local";
import { ensureTable } from "../../infra/local/table";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    /** Where the global setup writes why DynamoDB Local failed to start, if it did. */
    dynamodbFailureFile: string;
  }
}

interface Shared {
  readonly endpoint: string;
  readonly failureFile: string;
  readonly started: Promise<DynamoDbLocal>;
  users: number;
}

const registry = Symbol.for("haoshangliang.test.dynamodb-local");
const answering = Symbol.for("haoshangliang.test.dynamodb-local.answering");
type Registry = typeof globalThis & {
  [registry]?: Promise<Shared>;
  [answering]?: Map<string, Promise<void>>;
};
const scope = globalThis as Registry;

async function startShared(project: TestProject): Promise<Shared> {
  // The main process does not get the config's `env`; the JVM options there are meant for this too.
  const javaOptions = project.config.env?.JAVA_TOOL_OPTIONS;
  if (javaOptions !== undefined) process.env.JAVA_TOOL_OPTIONS ??= String(javaOptions);
  const port = await findFreePort("0.0.0.0");
  const failureFile = join(mkdtempSync(join(tmpdir(), "hsl-dynamodb-")), "failure.txt");
  const started = startDynamoDbLocal({ inMemory: true, port, startTimeoutMs: 120_000 });
  // The test files waiting for it read the reason from the file; teardown reports it again.
  started.catch((error: unknown) => {
    writeFileSync(failureFile, error instanceof Error ? error.message : String(error));
  });
  return { endpoint: `http://127.0.0.1:${port}`, failureFile, started, users: 0 };
}

/** vitest globalSetup: one DynamoDB Local per run, its endpoint handed to every test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  scope[registry] ??= startShared(project);
  const current = scope[registry];
  const shared = await current;
  shared.users += 1;
  project.provide("dynamodbEndpoint", shared.endpoint);
  project.provide("dynamodbFailureFile", shared.failureFile);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    if (scope[registry] === current) delete scope[registry];
    try {
      await (await shared.started).stop();
    } finally {
      rmSync(join(shared.failureFile, ".."), { recursive: true, force: true });
    }
  };
}

function failure(failureFile: string): string | undefined {
  try {
    return readFileSync(failureFile, "utf8");
  } catch {
    return undefined;
  }
}

/** Resolves once the endpoint answers (the shared DynamoDB Local may still be starting). */
function untilAnswering(endpoint: string, failureFile: string, timeoutMs = 120_000): Promise<void> {
  scope[answering] ??= new Map();
  const waits = scope[answering];
  let wait = waits.get(endpoint);
  if (!wait) {
    wait = (async () => {
      const client = localDynamoDbClient(endpoint, { maxAttempts: 1 });
      const deadline = Date.now() + timeoutMs;
      try {
        for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
          try {
            await client.send(new ListTablesCommand({ Limit: 1 }), {
              abortSignal: AbortSignal.timeout(2_000),
            });
            return;
          } catch (error) {
            const reason = failure(failureFile);
            if (reason !== undefined)
              throw new Error(`the test run's DynamoDB Local did not start: ${reason}`);
            if (Date.now() > deadline) {
              throw new Error(`the test run's DynamoDB Local did not answer on ${endpoint}`, {
                cause: error,
              });
            }
          }
          await sleep(delay);
        }
      } finally {
        client.destroy();
      }
    })();
    waits.set(endpoint, wait);
    wait.catch(() => waits.delete(endpoint));
  }
  return wait;
}

/** The shared endpoint, once it answers; a clear error when the globalSetup above is not configured. */
export async function dynamodbEndpoint(): Promise<string> {
  // Imported lazily: this module is also loaded as globalSetup, outside any test worker.
  const { inject } = await import("vitest");
  const endpoint = inject("dynamodbEndpoint");
  if (!endpoint) {
    throw new Error(
      'no DynamoDB endpoint: add "test/support/dynamodb.ts" to globalSetup in the vitest config',
    );
  }
  await untilAnswering(endpoint, inject("dynamodbFailureFile"));
  return endpoint;
}

export interface FreshTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly endpoint: string;
}

let counter = 0;

/**
 * A table name no other test file of this run uses. Files of several workers share one DynamoDB
 * Local, so a random part makes it unique rather than the pid and a counter alone.
 */
export function uniqueTableName(prefix: string): string {
  const safePrefix = prefix.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 100) || "test";
  counter += 1;
  return `${safePrefix}-${process.pid}-${randomBytes(4).toString("hex")}-${counter}`;
}

/** A new, uniquely named table with the application's schema on the shared DynamoDB Local. */
export async function freshTable(prefix: string): Promise<FreshTable> {
  const endpoint = await dynamodbEndpoint();
  const tableName = uniqueTableName(prefix);
  const client = localDynamoDbClient(endpoint);
  await ensureTable(client, tableName);
  return { client, tableName, endpoint };
}
