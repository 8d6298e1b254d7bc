/**
 * One in-memory DynamoDB Local for the whole test run, and fresh tables on it for each test file.
 *
 * In the vitest config:   globalSetup: ["test/support/dynamodb.ts"]
 * In a test file:         const { client, tableName } = await freshTable("members");
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { TestProject } from "vitest/node";
import { localDynamoDbClient, startDynamoDbLocal } from "../../infra/local/dynamodb-local";
import { ensureTable } from "../../infra/local/table";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** vitest globalSetup: starts DynamoDB Local once and hands its endpoint to every test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDbLocal({ inMemory: true });
  project.provide("dynamodbEndpoint", dynamodb.endpoint);
  return () => dynamodb.stop();
}

export interface FreshTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly endpoint: string;
}

let counter = 0;

/** The shared endpoint, or a clear error when the globalSetup above is not configured. */
export async function dynamodbEndpoint(): Promise<string> {
  // Imported lazily: this module is also loaded as globalSetup, outside any test worker.
  const { inject } = await import("vitest");
  const endpoint = inject("dynamodbEndpoint");
  if (!endpoint) {
    throw new Error(
      'no DynamoDB endpoint: add "test/support/dynamodb.ts" to globalSetup in the vitest config',
    );
  }
  return endpoint;
}

/** A new, uniquely named table with the application's schema on the shared DynamoDB Local. */
export async function freshTable(prefix: string): Promise<FreshTable> {
  const endpoint = await dynamodbEndpoint();
  const safePrefix = prefix.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 100) || "test";
  counter += 1;
  const tableName = `${safePrefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
  const client = localDynamoDbClient(endpoint);
  await ensureTable(client, tableName);
  return { client, tableName, endpoint };
}
