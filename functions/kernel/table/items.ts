/** Marshalling between records and table items, and the paging loop every list shares. */

import {
  type AttributeValue,
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  GetItemCommand,
  type KeysAndAttributes,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { dynamodb, tableName } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { type IndexName, tableSchema } from "./table-schema";

/** The table's key attributes (from its one schema) and the entity tag: not part of a record. */
const keyAttributes = new Set([
  tableSchema.partitionKey.name,
  tableSchema.sortKey.name,
  ...tableSchema.globalIndexes.flatMap((index) => [index.partitionKey.name, index.sortKey.name]),
  "entity",
]);

export function toItem(
  record: object,
  keys: Record<string, string>,
  entity: string,
): Record<string, AttributeValue> {
  return marshall(
    { ...record, ...keys, entity },
    { removeUndefinedValues: true, convertClassInstanceToMap: false },
  );
}

export function fromItem<T>(item: Record<string, AttributeValue>): T {
  const plain = unmarshall(item);
  for (const name of keyAttributes) delete plain[name];
  // String sets (kept with ADD/DELETE) leave the store as sorted arrays: a Set would serialize as {}.
  for (const [name, value] of Object.entries(plain))
    if (value instanceof Set) plain[name] = [...value].sort();
  return plain as T;
}

export const values = (plain: Record<string, unknown>) => marshall(plain, { removeUndefinedValues: true });

/** One item by its key, read consistently (right after a write, a read must see it), or undefined. */
export async function getItem<T>(key: Record<string, string>): Promise<T | undefined> {
  const result = await dynamodb().send(
    new GetItemCommand({ TableName: tableName(), Key: marshall(key), ConsistentRead: true }),
  );
  return result.Item ? fromItem<T>(result.Item) : undefined;
}

export interface Page<T> {
  readonly items: T[];
  readonly cursor: string | null;
}

export interface PagedQuery {
  readonly index?: IndexName;
  readonly partition: { readonly name: string; readonly value: string };
  readonly sortKeyPrefix?: { readonly name: string; readonly value: string };
  /** Only items whose sort key sorts before `value` (e.g. dated keys up to a day); not with a prefix. */
  readonly sortKeyBefore?: { readonly name: string; readonly value: string };
  readonly filter?: { readonly expression: string; readonly values: Record<string, unknown> };
  /** Descending sort-key order (ULID-keyed items: newest first). */
  readonly newestFirst?: boolean;
  readonly limit: number;
  readonly cursor: string | undefined;
}

/** Largest number of pages read to fill one filtered list page, so one request stays bounded. */
const maxPagesPerRequest = 5;

/** The query's key condition with its names and values: the partition, and a sort-key prefix or bound. */
function keyCondition(query: Omit<PagedQuery, "cursor">) {
  const names: Record<string, string> = { "#pk": query.partition.name };
  const plainValues: Record<string, unknown> = { ":pk": query.partition.value, ...query.filter?.values };
  const sortKey = query.sortKeyPrefix ?? query.sortKeyBefore;
  if (!sortKey) return { condition: "#pk = :pk", names, plainValues };
  names["#sk"] = sortKey.name;
  plainValues[":sk"] = sortKey.value;
  const condition = query.sortKeyPrefix ? "#pk = :pk AND begins_with(#sk, :sk)" : "#pk = :pk AND #sk < :sk";
  return { condition, names, plainValues };
}

type Key = Record<string, AttributeValue>;

/**
 * Up to `limit` items from `startKey` on — reading at most `maxPagesPerRequest` pages to fill them
 * when a filter drops some — and the key to go on from (undefined: none left).
 */
async function readPages<T>(
  query: Omit<PagedQuery, "cursor">,
  from: Key | undefined,
): Promise<{ items: T[]; next: Key | undefined }> {
  const { condition, names, plainValues } = keyCondition(query);
  const items: T[] = [];
  let startKey = from;
  for (let page = 0; page < maxPagesPerRequest; page++) {
    const input: QueryCommandInput = {
      TableName: tableName(),
      IndexName: query.index,
      KeyConditionExpression: condition,
      FilterExpression: query.filter?.expression,
      ExpressionAttributeNames: { ...names, ...namesIn(query.filter?.expression) },
      ExpressionAttributeValues: values(plainValues),
      ExclusiveStartKey: startKey,
      ...(query.newestFirst ? { ScanIndexForward: false } : {}),
      Limit: query.limit - items.length,
    };
    const result = await dynamodb().send(new QueryCommand(input));
    for (const item of result.Items ?? []) items.push(fromItem<T>(item));
    startKey = result.LastEvaluatedKey;
    if (!startKey || items.length >= query.limit) break;
  }
  return { items, next: startKey };
}

/** One page of a list, continued from the caller's opaque cursor and giving the next one. */
export async function queryPage<T>(query: PagedQuery): Promise<Page<T>> {
  const keyNames = query.index ? ["PK", "SK", `${query.index}PK`, `${query.index}SK`] : ["PK", "SK"];
  const startKey = decodeCursor(query.cursor, {
    partitionName: query.partition.name,
    partitionValue: query.partition.value,
    keyNames,
    ...(query.sortKeyPrefix ? { sortKeyPrefix: query.sortKeyPrefix } : {}),
    ...(query.sortKeyBefore ? { sortKeyBefore: query.sortKeyBefore } : {}),
  });
  const { items, next } = await readPages<T>(query, startKey);
  return { items, cursor: encodeCursor(next) };
}

/**
 * Every item of the table that passes `filter` — a Scan, for the few background and county-office
 * views over small collections (the notices due, the ones that failed); request paths query.
 */
export async function scanAll<T>(filter: {
  readonly expression: string;
  readonly values: Record<string, unknown>;
}): Promise<T[]> {
  const all: T[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: filter.expression,
        ExpressionAttributeNames: namesIn(filter.expression),
        ExpressionAttributeValues: values(filter.values),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) all.push(fromItem<T>(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return all;
}

/** Every item of a partition (for bounded collections such as one station's members). */
export async function queryAll<T>(query: Omit<PagedQuery, "limit" | "cursor">): Promise<T[]> {
  const all: T[] = [];
  let startKey: Key | undefined;
  do {
    const page = await readPages<T>({ ...query, limit: 1000 }, startKey);
    all.push(...page.items);
    startKey = page.next;
  } while (startKey);
  return all;
}

/** Filter expressions name attributes as `#name`; each maps to the attribute of the same name. */
function namesIn(expression: string | undefined): Record<string, string> {
  const names: Record<string, string> = {};
  for (const match of expression?.matchAll(/#(\w+)/g) ?? []) {
    const name = match[1];
    if (name) names[`#${name}`] = name;
  }
  return names;
}

const batchLimit = 100;
const maxBatchRounds = 8;

/** Reads many items by key, in batches, retrying unprocessed keys with backoff; order follows `keys`. */
export async function getMany<T>(keys: readonly Record<string, string>[]): Promise<T[]> {
  const found = new Map<string, T>();
  for (let offset = 0; offset < keys.length; offset += batchLimit) {
    let pending: KeysAndAttributes | undefined = {
      Keys: keys.slice(offset, offset + batchLimit).map((key) => marshall(key)),
    };
    for (let round = 0; pending?.Keys?.length && round < maxBatchRounds; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** round * 10));
      const result: BatchGetItemCommandOutput = await dynamodb().send(
        new BatchGetItemCommand({ RequestItems: { [tableName()]: pending } }),
      );
      for (const item of result.Responses?.[tableName()] ?? []) {
        found.set(`${item.PK?.S}|${item.SK?.S}`, fromItem<T>(item));
      }
      pending = result.UnprocessedKeys?.[tableName()];
    }
    if (pending?.Keys?.length) throw new Error("BatchGetItem left keys unprocessed after retries");
  }
  return keys.flatMap((key) => {
    const record = found.get(`${key.PK}|${key.SK}`);
    return record ? [record] : [];
  });
}
