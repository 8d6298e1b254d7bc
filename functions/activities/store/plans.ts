/**
 * A station's plan of a year lives on its tally of that year (decision 0022): the quarterly check and
 * the county's quota list read the plan with the counts, in the same pages, never one item per station.
 * The plan is SET beside the counters (never a Put, which would drop them), versioned on its own.
 */
import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { ConflictError } from "../../domain/errors";
import type { StationPlan } from "../../domain/quota/assessment";
import type { StationTally } from "../../domain/quota/tally";
import { dynamodb, tableName } from "../../kernel/table/client";
import { getItem, getMany, queryPage } from "../../kernel/table/items";
import { stationTallyIndexKeys, stationTallyKey, talliesOfYear } from "../../kernel/table/keys";
import { isConditionFailure } from "../../kernel/table/transaction";
import { asTally } from "./tally";

export interface StoredPlan extends StationPlan {
  readonly stationId: string;
  readonly year: number;
  readonly version: number;
  readonly updatedAt: string;
}

/** A station's year as the quota reads it: the counts and the plan, from one item. */
export interface QuotaRow {
  readonly tally: StationTally;
  readonly plan: StoredPlan | undefined;
}

interface TallyItem extends Record<string, unknown> {
  readonly plan?: StationPlan;
  readonly planVersion?: number;
  readonly planUpdatedAt?: string;
}

function asRow(item: TallyItem | undefined, stationId: string, year: number): QuotaRow {
  const tally = asTally(item ?? {}, stationId, year);
  const plan =
    item?.plan && item.planVersion
      ? { ...item.plan, stationId, year, version: item.planVersion, updatedAt: item.planUpdatedAt ?? "" }
      : undefined;
  return { tally, plan };
}

export async function readQuotaRow(stationId: string, year: number): Promise<QuotaRow> {
  return asRow(await getItem<TallyItem>(stationTallyKey(stationId, year)), stationId, year);
}

/** The rows of these stations (a page of the county list): one BatchGetItem per hundred. */
export async function quotaRowsOf(
  stationIds: readonly string[],
  year: number,
): Promise<Map<string, QuotaRow>> {
  const items = await getMany<TallyItem>(stationIds.map((id) => stationTallyKey(id, year)));
  const rows = new Map<string, QuotaRow>();
  for (const item of items) rows.set(String(item.stationId), asRow(item, String(item.stationId), year));
  return rows;
}

/** A page of the year's rows (the tallies collection), about a thousand per request. */
export async function quotaRowsPage(
  year: number,
  page: { limit: number; cursor: string | undefined },
): Promise<{ items: QuotaRow[]; cursor: string | null }> {
  const found = await queryPage<TallyItem>({
    index: "GSI1",
    partition: { name: "GSI1PK", value: talliesOfYear(year) },
    limit: page.limit,
    cursor: page.cursor,
  });
  return {
    items: found.items.map((item) => asRow(item, String(item.stationId), year)),
    cursor: found.cursor,
  };
}

/**
 * Saves the plan: a first plan when `expectedVersion` is absent and there is none yet, else only over
 * that version (409 with the current version otherwise).
 */
export async function savePlan(
  stationId: string,
  year: number,
  plan: StationPlan,
  expectedVersion: number | undefined,
  now: Date,
): Promise<StoredPlan> {
  const version = (expectedVersion ?? 0) + 1;
  const index = stationTallyIndexKeys(stationId, year);
  try {
    await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(stationTallyKey(stationId, year)),
        UpdateExpression:
          "SET entity = :entity, stationId = :station, #year = :year, GSI1PK = :gsiPk, GSI1SK = :gsiSk, #plan = :plan, planVersion = :version, planUpdatedAt = :at",
        ConditionExpression:
          expectedVersion === undefined ? "attribute_not_exists(planVersion)" : "planVersion = :expected",
        ExpressionAttributeNames: { "#year": "year", "#plan": "plan" },
        ExpressionAttributeValues: marshall(
          {
            ":entity": "tally",
            ":station": stationId,
            ":year": year,
            ":gsiPk": index.GSI1PK,
            ":gsiSk": index.GSI1SK,
            ":plan": plan,
            ":version": version,
            ":at": now.toISOString(),
            ...(expectedVersion === undefined ? {} : { ":expected": expectedVersion }),
          },
          { removeUndefinedValues: true },
        ),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    throw new ConflictError("version_mismatch", (await readQuotaRow(stationId, year)).plan?.version);
  }
  return { ...plan, stationId, year, version, updatedAt: now.toISOString() };
}
