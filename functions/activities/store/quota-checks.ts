/**
 * The quarterly checks as recorded (decision 0022): one item per check (`QUOTACHECK#2027-Q2`), claimed
 * with a lease so that two runs at once do the work once, and one result item per station and year
 * assessed, written in batches of 25.
 */

import { randomUUID } from "node:crypto";
import {
  BatchWriteItemCommand,
  type BatchWriteItemCommandOutput,
  UpdateItemCommand,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { PaceStatus } from "../../domain/quota/pace";
import { dynamodb, tableName } from "../../kernel/table/client";
import { fromItem, getItem, type Page, queryPage, toItem } from "../../kernel/table/items";
import { isConditionFailure } from "../../kernel/table/transaction";

export type CheckTrigger = "schedule" | "request";

/** What a check found for one year: stations by status. */
export interface YearSummary {
  readonly year: number;
  readonly share: number;
  readonly closing: boolean;
  readonly stations: number;
  readonly byStatus: Readonly<Record<PaceStatus, number>>;
}

export interface QuotaCheck {
  readonly id: string;
  readonly status: "running" | "done";
  readonly trigger: CheckTrigger;
  readonly asOf: string;
  readonly date: string;
  readonly startedAt: string;
  readonly leaseUntil?: string;
  /** The run that holds the check: a run handed on (POST → the jobs' function) takes it over by this. */
  readonly claimId?: string;
  readonly finishedAt?: string;
  readonly years?: readonly YearSummary[];
  /** Notices recorded by the runs that finished (a run again records none already recorded). */
  readonly notices?: number;
  readonly runs: number;
}

export interface StationResult {
  readonly checkId: string;
  readonly year: number;
  readonly stationId: string;
  readonly stationName: string;
  readonly status: PaceStatus;
  readonly closing: boolean;
  readonly consultations: { readonly count: number; readonly expected: number; readonly target: number };
  readonly opinions: { readonly count: number; readonly expected: number; readonly target: number };
  readonly missing: string;
  readonly told: readonly string[];
}

const checkKey = (checkId: string) => ({ PK: `QUOTACHECK#${checkId}`, SK: "META" });
const resultKey = (checkId: string, year: number, stationId: string) => ({
  PK: `QUOTACHECK#${checkId}`,
  SK: `RESULT#${year}#${stationId}`,
});
const checksCollection = "QUOTACHECKS";

export const findCheck = (checkId: string) => getItem<QuotaCheck>(checkKey(checkId));

export type Claim =
  | { readonly claimed: true; readonly check: QuotaCheck; readonly claimId: string }
  | { readonly claimed: false; readonly check: QuotaCheck | undefined };

/**
 * Starts (or takes over, when its lease ran out) the check; refused while another run holds it, and
 * once done unless `again` (the county office asking for the current quarter's check again: it runs
 * anew, its notices keyed so that no finding is told twice).
 */
export async function claimCheck(
  check: Pick<QuotaCheck, "id" | "trigger" | "asOf" | "date">,
  now: Date,
  leaseMs: number,
  again = false,
): Promise<Claim> {
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const claimId = randomUUID();
  try {
    const result = await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(checkKey(check.id)),
        UpdateExpression:
          "SET entity = :entity, id = :id, #status = :running, #trigger = :trigger, asOf = :asOf, #date = :date, startedAt = if_not_exists(startedAt, :now), leaseUntil = :lease, claimId = :claim, GSI1PK = :gsiPk, GSI1SK = :gsiSk ADD runs :one",
        ConditionExpression: `attribute_not_exists(PK) OR (#status = :running AND leaseUntil < :now)${again ? " OR #status = :done" : ""}`,
        ExpressionAttributeNames: { "#status": "status", "#trigger": "trigger", "#date": "date" },
        ExpressionAttributeValues: marshall({
          ":entity": "quotaCheck",
          ":id": check.id,
          ":running": "running",
          ":trigger": check.trigger,
          ":asOf": check.asOf,
          ":date": check.date,
          ":now": now.toISOString(),
          ":lease": leaseUntil,
          ":claim": claimId,
          ":gsiPk": checksCollection,
          ":gsiSk": `CHECK#${check.id}`,
          ":one": 1,
          ...(again ? { ":done": "done" } : {}),
        }),
        ReturnValues: "ALL_NEW",
      }),
    );
    return { claimed: true, check: fromItem<QuotaCheck>(result.Attributes ?? {}), claimId };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { claimed: false, check: await findCheck(check.id) };
  }
}

/**
 * Takes over the check claimed as `claimId` (by the request that handed it on), with a lease of its
 * own; refused (undefined) once another run claimed it since, or it is done.
 */
export async function takeOverCheck(
  checkId: string,
  claimId: string,
  now: Date,
  leaseMs: number,
): Promise<QuotaCheck | undefined> {
  try {
    const result = await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(checkKey(checkId)),
        UpdateExpression: "SET leaseUntil = :lease",
        ConditionExpression: "#status = :running AND claimId = :claim",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: marshall({
          ":running": "running",
          ":claim": claimId,
          ":lease": new Date(now.getTime() + leaseMs).toISOString(),
        }),
        ReturnValues: "ALL_NEW",
      }),
    );
    return fromItem<QuotaCheck>(result.Attributes ?? {});
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return undefined;
  }
}

/**
 * Lets a check that failed partway be taken again at once (its lease ended now) rather than after the
 * lease: a retry of the scheduled run, or the county office's POST, picks it up and runs it again —
 * its notices keyed so that none is sent twice.
 */
export async function releaseCheck(checkId: string, now: Date): Promise<void> {
  try {
    await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(checkKey(checkId)),
        UpdateExpression: "SET leaseUntil = :past",
        ConditionExpression: "#status = :running",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: marshall({
          ":running": "running",
          ":past": new Date(now.getTime() - 1).toISOString(),
        }),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export async function finishCheck(
  checkId: string,
  outcome: { years: readonly YearSummary[]; notices: number },
  now: Date,
): Promise<void> {
  await dynamodb().send(
    new UpdateItemCommand({
      TableName: tableName(),
      Key: marshall(checkKey(checkId)),
      UpdateExpression:
        "SET #status = :done, finishedAt = :now, years = :years, notices = if_not_exists(notices, :zero) + :notices REMOVE leaseUntil",
      ConditionExpression: "#status = :running",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: marshall({
        ":done": "done",
        ":running": "running",
        ":now": now.toISOString(),
        ":years": outcome.years,
        ":notices": outcome.notices,
        ":zero": 0,
      }),
    }),
  );
}

const batchSize = 25;

async function writeBatch(requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  for (let round = 0; pending.length > 0; round++) {
    if (round > 8) throw new Error("BatchWriteItem left items unprocessed after retries");
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** round * 10));
    const result: BatchWriteItemCommandOutput = await dynamodb().send(
      new BatchWriteItemCommand({ RequestItems: { [tableName()]: pending } }),
    );
    pending = result.UnprocessedItems?.[tableName()] ?? [];
  }
}

/** Records the results of a page of stations (a re-run overwrites them with the same). */
export async function saveResults(results: readonly StationResult[]): Promise<void> {
  const requests = results.map(
    (result): WriteRequest => ({
      PutRequest: {
        Item: toItem(result, resultKey(result.checkId, result.year, result.stationId), "quotaResult"),
      },
    }),
  );
  const batches = [];
  for (let offset = 0; offset < requests.length; offset += batchSize)
    batches.push(writeBatch(requests.slice(offset, offset + batchSize)));
  await Promise.all(batches);
}

export function listChecks(page: { limit: number; cursor: string | undefined }): Promise<Page<QuotaCheck>> {
  return queryPage<QuotaCheck>({
    index: "GSI1",
    partition: { name: "GSI1PK", value: checksCollection },
    newestFirst: true,
    limit: page.limit,
    cursor: page.cursor,
  });
}

/** DynamoDB takes at most 100 operands after IN: beyond that the page is narrowed as it is read. */
const maxInOperands = 100;

export async function checkResultsPage(
  checkId: string,
  filter: { stationIds?: readonly string[] | undefined; year?: number | undefined },
  page: { limit: number; cursor: string | undefined },
): Promise<Page<StationResult>> {
  const ids = filter.stationIds;
  // Staff of no station see no station's results (and `IN ()` is no expression DynamoDB accepts).
  if (ids && ids.length === 0) return { items: [], cursor: null };
  const inFilter = ids && ids.length <= maxInOperands;
  const found = await queryPage<StationResult>({
    partition: { name: "PK", value: `QUOTACHECK#${checkId}` },
    sortKeyPrefix: { name: "SK", value: filter.year ? `RESULT#${filter.year}#` : "RESULT#" },
    ...(inFilter
      ? {
          filter: {
            expression: `#stationId IN (${ids.map((_, i) => `:s${i}`).join(", ")})`,
            values: Object.fromEntries(ids.map((id, i) => [`:s${i}`, id])),
          },
        }
      : {}),
    limit: page.limit,
    cursor: page.cursor,
  });
  if (!ids || inFilter) return found;
  const visible = new Set(ids);
  return { items: found.items.filter((result) => visible.has(result.stationId)), cursor: found.cursor };
}
