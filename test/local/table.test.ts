import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  PutItemCommand,
  QueryCommand,
} from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { tableSchema } from "../../functions/kernel/table/table-schema";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { createTableInput, ensureTable } from "../../infra/local/table";
import { dynamodbEndpoint, freshTable } from "../support/dynamodb";

describe("createTableInput", () => {
  it("describes the schema's keys and indexes, on demand, projecting everything", () => {
    const input = createTableInput("any-name");
    expect(input.TableName).toBe("any-name");
    expect(input.BillingMode).toBe("PAY_PER_REQUEST");
    expect(input.KeySchema).toEqual([
      { AttributeName: tableSchema.partitionKey.name, KeyType: "HASH" },
      { AttributeName: tableSchema.sortKey.name, KeyType: "RANGE" },
    ]);
    expect(input.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(
      tableSchema.globalIndexes.map((index) => index.indexName),
    );
    for (const index of input.GlobalSecondaryIndexes ?? [])
      expect(index.Projection).toEqual({ ProjectionType: "ALL" });
    // Every key attribute is defined once, with its declared type, and nothing else is.
    const keyAttributes = [
      tableSchema.partitionKey,
      tableSchema.sortKey,
      ...tableSchema.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(new Map(input.AttributeDefinitions?.map((d) => [d.AttributeName, d.AttributeType]))).toEqual(
      new Map(keyAttributes.map((key) => [key.name, key.type])),
    );
  });
});

describe("ensureTable", () => {
  it("creates an ACTIVE table that matches the schema, with TTL on", async () => {
    const { client, tableName } = await freshTable("ensure");
    const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(table?.TableStatus).toBe("ACTIVE");
    expect(table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table?.KeySchema).toEqual([
      { AttributeName: tableSchema.partitionKey.name, KeyType: "HASH" },
      { AttributeName: tableSchema.sortKey.name, KeyType: "RANGE" },
    ]);
    for (const expected of tableSchema.globalIndexes) {
      const index = table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === expected.indexName);
      expect(index?.KeySchema).toEqual([
        { AttributeName: expected.partitionKey.name, KeyType: "HASH" },
        { AttributeName: expected.sortKey.name, KeyType: "RANGE" },
      ]);
      expect(index?.Projection?.ProjectionType).toBe("ALL");
      expect(index?.IndexStatus).toBe("ACTIVE");
    }
    expect(table?.GlobalSecondaryIndexes).toHaveLength(tableSchema.globalIndexes.length);
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toEqual({
      AttributeName: tableSchema.timeToLiveAttribute,
      TimeToLiveStatus: "ENABLED",
    });
  });

  it("is idempotent: a second call changes nothing and keeps the data", async () => {
    const { client, tableName } = await freshTable("idempotent");
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          [tableSchema.partitionKey.name]: { S: "P#1" },
          [tableSchema.sortKey.name]: { S: "META" },
        },
      }),
    );
    const again = await ensureTable(client, tableName);
    expect(again.created).toBe(false);
    const third = await Promise.all([ensureTable(client, tableName), ensureTable(client, tableName)]);
    expect(third.map((r) => r.created)).toEqual([false, false]);
    const items = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": tableSchema.partitionKey.name },
        ExpressionAttributeValues: { ":pk": { S: "P#1" } },
      }),
    );
    expect(items.Count).toBe(1);
  });

  it("adds the indexes a table of an older version lacks, keeping its data", async () => {
    const client = localDynamoDbClient(await dynamodbEndpoint());
    const tableName = `older-${Date.now().toString(36)}`;
    const full = createTableInput(tableName);
    // As a table made before the newest index (GSI3, the notices' work queue) existed.
    const indexes = full.GlobalSecondaryIndexes ?? [];
    const kept = indexes.slice(0, -1);
    const missing = indexes.slice(-1);
    const keptNames = new Set([
      "PK",
      "SK",
      ...kept.flatMap((index) => (index.KeySchema ?? []).map((key) => key.AttributeName)),
    ]);
    await client.send(
      new CreateTableCommand({
        ...full,
        GlobalSecondaryIndexes: kept,
        AttributeDefinitions: full.AttributeDefinitions?.filter((d) => keptNames.has(d.AttributeName)),
      }),
    );
    await client.send(
      new PutItemCommand({ TableName: tableName, Item: { PK: { S: "P#old" }, SK: { S: "META" } } }),
    );
    const first = await ensureTable(client, tableName);
    expect(first).toMatchObject({ created: false });
    expect([...first.indexesAdded].sort()).toEqual(missing.map((i) => i.IndexName).sort());
    const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      tableSchema.globalIndexes.map((i) => i.indexName).sort(),
    );
    const old = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "PK = :pk",
        ExpressionAttributeValues: { ":pk": { S: "P#old" } },
      }),
    );
    expect(old.Count).toBe(1);
    expect((await ensureTable(client, tableName)).indexesAdded).toEqual([]);
  }, 150_000);

  it("reports created: true only for the call that created the table", async () => {
    const client = localDynamoDbClient(await dynamodbEndpoint());
    const tableName = `created-${Date.now().toString(36)}`;
    const results = await Promise.all([ensureTable(client, tableName), ensureTable(client, tableName)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    // And the table it made is the schema's, not something else with the same name.
    await expect(client.send(new CreateTableCommand(createTableInput(tableName)))).rejects.toThrow();
  });

  it("keys the GSIs as the schema says: items with index keys can be queried by them", async () => {
    const { client, tableName } = await freshTable("gsi");
    const [gsi] = tableSchema.globalIndexes;
    if (!gsi) throw new Error("the schema has no index");
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          [tableSchema.partitionKey.name]: { S: "P#2" },
          [tableSchema.sortKey.name]: { S: "META" },
          [gsi.partitionKey.name]: { S: "ALL#X" },
          [gsi.sortKey.name]: { S: "001" },
          payload: { S: "whole item" },
        },
      }),
    );
    const found = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: gsi.indexName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": gsi.partitionKey.name },
        ExpressionAttributeValues: { ":pk": { S: "ALL#X" } },
      }),
    );
    expect(found.Items?.[0]?.payload).toEqual({ S: "whole item" });
  });
});
