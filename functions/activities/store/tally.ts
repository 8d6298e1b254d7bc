/**
 * The tally's writes and reads (decision 0020): each record that counts (an activity, an opinion, a
 * topic) adds its delta with `tallyWrite` in the same transaction as its own conditional write — the
 * record's condition is the dedupe marker, so a retried request never counts twice.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { StationTally, TallyCounter, TallyDelta } from "../../domain/quota/tally";
import { tableName } from "../../kernel/table/client";
import { getItem } from "../../kernel/table/items";
import { memberAttendanceKey, stationTallyIndexKeys, stationTallyKey } from "../../kernel/table/keys";

/** The update that adds `delta` to a station's tally of `year`; none when the delta is empty. */
export function tallyWrite(stationId: string, year: number, delta: TallyDelta): TransactWriteItem[] {
  const changes = Object.entries(delta).filter(([, change]) => change !== 0);
  if (changes.length === 0) return [];
  const names = Object.fromEntries(changes.map(([name], index) => [`#c${index}`, name]));
  const values = Object.fromEntries(changes.map(([, change], index) => [`:c${index}`, change]));
  const index = stationTallyIndexKeys(stationId, year);
  return [
    {
      Update: {
        TableName: tableName(),
        Key: marshall(stationTallyKey(stationId, year)),
        UpdateExpression: `SET entity = :entity, stationId = :station, #year = :year, GSI1PK = :gsiPk, GSI1SK = :gsiSk ADD ${changes
          .map((_, i) => `#c${i} :c${i}`)
          .join(", ")}`,
        ExpressionAttributeNames: { ...names, "#year": "year" },
        ExpressionAttributeValues: marshall({
          ...values,
          ":entity": "tally",
          ":station": stationId,
          ":year": year,
          ":gsiPk": index.GSI1PK,
          ":gsiSk": index.GSI1SK,
        }),
      },
    },
  ];
}

/** The updates that count (+1) or uncount (−1) an activity for each member present. */
export function attendanceWrites(
  memberIds: readonly string[],
  year: number,
  change: 1 | -1,
): TransactWriteItem[] {
  return memberIds.map((memberId) => ({
    Update: {
      TableName: tableName(),
      Key: marshall(memberAttendanceKey(memberId, year)),
      UpdateExpression: "SET entity = :entity, memberId = :member, #year = :year ADD attended :change",
      ExpressionAttributeNames: { "#year": "year" },
      ExpressionAttributeValues: marshall({
        ":entity": "attendance",
        ":member": memberId,
        ":year": year,
        ":change": change,
      }),
    },
  }));
}

const tallyCounterPattern = /^(q[1-4]_)?(activity_|opinions|topics)/;

export function asTally(item: Record<string, unknown>, stationId: string, year: number): StationTally {
  const counters: Partial<Record<TallyCounter, number>> = {};
  for (const [name, value] of Object.entries(item))
    if (tallyCounterPattern.test(name) && typeof value === "number") counters[name as TallyCounter] = value;
  return { stationId, year, counters };
}

/** A station's tally of `year` (every counter 0 when nothing was counted). */
export async function readTally(stationId: string, year: number): Promise<StationTally> {
  const item = await getItem<Record<string, unknown>>(stationTallyKey(stationId, year));
  return asTally(item ?? {}, stationId, year);
}

/** Activities `memberId` attended in `year`. */
export async function memberAttendance(memberId: string, year: number): Promise<number> {
  const item = await getItem<{ attended?: number }>(memberAttendanceKey(memberId, year));
  return item?.attended ?? 0;
}
