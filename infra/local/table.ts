/**
 * Creates the application's one table on a DynamoDB endpoint, from the shared table schema, so the
 * local table can never drift from the one the CDK stack creates.
 */
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { tableSchema } from "../../functions/kernel/table/table-schema";

/** The CreateTable request for the schema: pure, so others (tests, tools) can reuse it. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const definitions = new Map<string, AttributeDefinition>();
  const define = (key: { readonly name: string; readonly type: "S" | "N" }) => {
    const existing = definitions.get(key.name);
    if (existing && existing.AttributeType !== key.type) {
      throw new Error(`table schema: attribute ${key.name} is declared as two types`);
    }
    definitions.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  };
  define(tableSchema.partitionKey);
  define(tableSchema.sortKey);
  for (const index of tableSchema.globalIndexes) {
    define(index.partitionKey);
    define(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [...definitions.values()],
    KeySchema: [
      { AttributeName: tableSchema.partitionKey.name, KeyType: "HASH" },
      { AttributeName: tableSchema.sortKey.name, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: tableSchema.globalIndexes.map(indexInput),
  };
}

function indexInput(index: (typeof tableSchema.globalIndexes)[number]) {
  return {
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey.name, KeyType: "HASH" as const },
      { AttributeName: index.sortKey.name, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: "ALL" as const },
  };
}

/**
 * Adds the schema's indexes a table made by an older version lacks (a local data directory kept
 * across upgrades), one at a time as DynamoDB requires; answers their names.
 */
async function ensureIndexes(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const added: string[] = [];
  for (const index of tableSchema.globalIndexes) {
    if (present.has(index.indexName)) continue;
    try {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [index.partitionKey, index.sortKey].map((key) => ({
            AttributeName: key.name,
            AttributeType: key.type,
          })),
          GlobalSecondaryIndexUpdates: [{ Create: indexInput(index) }],
        }),
      );
      added.push(index.indexName);
    } catch (error) {
      // Another start added it first: fine. Anything else is not.
      const again = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (!again.Table?.GlobalSecondaryIndexes?.some((found) => found.IndexName === index.indexName))
        throw error;
    }
  }
  return added;
}

export interface EnsureTableResult {
  /** True when this call created the table. */
  readonly created: boolean;
  /** Whether TTL on the schema's attribute is on (DynamoDB Local may not support it). */
  readonly timeToLive: boolean;
  /** Indexes of the schema an existing table lacked, added now. */
  readonly indexesAdded: readonly string[];
}

/**
 * Creates the table if it is missing and waits until it is ACTIVE; turns on TTL where supported.
 * Idempotent: an existing table gets the indexes it lacks, and is otherwise left as it is (its key
 * schema is not compared).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<EnsureTableResult> {
  let created = false;
  if (!(await tableExists(client, tableName))) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      created = true;
    } catch (error) {
      // Someone else created it between our check and our call: fine.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  const indexesAdded = created ? [] : await ensureIndexes(client, tableName);
  const timeToLive = await ensureTimeToLive(client, tableName);
  return { created, timeToLive, indexesAdded };
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

async function ensureTimeToLive(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const attribute = tableSchema.timeToLiveAttribute;
  try {
    const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    const description = current.TimeToLiveDescription;
    if (description?.AttributeName === attribute && description.TimeToLiveStatus === "ENABLED") return true;
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    );
    return true;
  } catch (error) {
    // DynamoDB Local versions without TTL answer with an unknown-operation or validation error.
    // TTL only removes expired items eventually, so nothing depends on it for correctness.
    if (error instanceof Error && /UnknownOperation|not supported|ValidationException/i.test(error.name)) {
      return false;
    }
    throw error;
  }
}
