import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetItemCommand, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableSchema } from "../../functions/kernel/table/table-schema";
import { findFreePort, localDynamoDbClient, startDynamoDbLocal } from "../../infra/local/dynamodb-local";
import { ensureTable } from "../../infra/local/table";

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "hsl-ddb-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const key = {
  [tableSchema.partitionKey.name]: { S: "STATION#1" },
  [tableSchema.sortKey.name]: { S: "META" },
};

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

describe("startDynamoDbLocal", () => {
  it("keeps data in <dataDir>/dynamodb across a stop and a start", async () => {
    const first = await startDynamoDbLocal({ dataDir });
    expect(first.dbPath).toBe(join(dataDir, "dynamodb"));
    const client = localDynamoDbClient(first.endpoint);
    await ensureTable(client, "persisted");
    await client.send(
      new PutItemCommand({ TableName: "persisted", Item: { ...key, name: { S: "东山片区" } } }),
    );
    client.destroy();
    await first.stop();
    expect(await answers(first.endpoint)).toBe(false);

    const second = await startDynamoDbLocal({ dataDir });
    try {
      const again = localDynamoDbClient(second.endpoint);
      const { Item } = await again.send(new GetItemCommand({ TableName: "persisted", Key: key }));
      expect(Item?.name).toEqual({ S: "东山片区" });
      again.destroy();
    } finally {
      await second.stop();
    }
  });

  it("creates the database folder when it is missing", async () => {
    const nested = join(dataDir, "not", "there", "yet");
    const db = await startDynamoDbLocal({ dataDir: nested });
    try {
      expect(await answers(db.endpoint)).toBe(true);
    } finally {
      await db.stop();
    }
  });

  it("refuses a second DynamoDB Local on the same folder, and takes over a stale lock", async () => {
    const folder = join(dataDir, "shared");
    const first = await startDynamoDbLocal({ dataDir: folder });
    try {
      await expect(startDynamoDbLocal({ dataDir: folder })).rejects.toThrow(/in use/);
    } finally {
      await first.stop();
    }
    // A lock left by a process that is gone does not block.
    await writeFile(join(folder, "dynamodb", "owner.pid"), "999999999\n");
    const second = await startDynamoDbLocal({ dataDir: folder });
    await second.stop();
  });

  it("forgets everything in memory", async () => {
    const first = await startDynamoDbLocal({ inMemory: true });
    const client = localDynamoDbClient(first.endpoint);
    await ensureTable(client, "ephemeral");
    client.destroy();
    await first.stop();
    const second = await startDynamoDbLocal({ inMemory: true });
    try {
      const again = localDynamoDbClient(second.endpoint);
      const { TableNames } = await again.send(new ListTablesCommand({}));
      expect(TableNames).toEqual([]);
      again.destroy();
    } finally {
      await second.stop();
    }
  });

  it("listens on the port it is given, and stop is safe to repeat", async () => {
    const port = await findFreePort();
    const db = await startDynamoDbLocal({ inMemory: true, port });
    expect(db.port).toBe(port);
    expect(db.endpoint).toBe(`http://127.0.0.1:${port}`);
    expect(await answers(db.endpoint)).toBe(true);
    await db.stop();
    await db.stop();
    expect(await answers(db.endpoint)).toBe(false);
  });

  it("fails clearly when the port is taken", async () => {
    const db = await startDynamoDbLocal({ inMemory: true });
    try {
      await expect(startDynamoDbLocal({ inMemory: true, port: db.port })).rejects.toThrow(
        /port \d+.*(in use|listens)/,
      );
    } finally {
      await db.stop();
    }
  });

  it("asks for a data directory or in-memory mode", async () => {
    await expect(startDynamoDbLocal({})).rejects.toThrow(/dataDir|inMemory/);
  });

  it("says how to install Java when it is not on PATH", async () => {
    const emptyBin = join(dataDir, "empty-bin");
    await mkdir(emptyBin, { recursive: true });
    const path = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      await expect(startDynamoDbLocal({ inMemory: true })).rejects.toThrow(/default-jre-headless/);
    } finally {
      process.env.PATH = path;
    }
  });
});
