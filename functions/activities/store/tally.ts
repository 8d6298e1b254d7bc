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

/**
 * What a member's year record (`ATTENDANCE#<year>`) counts (decision 0027): activities attended, duty
 * shifts done, 社情民意 items submitted, steps they were responsible for completed on time or late.
 */
export type MemberYearCounter = "attended" | "duty" | "opinions" | "steps_on_time" | "steps_late";

/** The update that adds `counts` to a member's year record; none when nothing changes. */
export function memberYearWrite(
  memberId: string,
  year: number,
  counts: Readonly<Partial<Record<MemberYearCounter, number>>>,
): TransactWriteItem[] {
  const changes = Object.entries(counts).filter(([, change]) => change !== 0);
  if (changes.length === 0) return [];
  return [
    {
      Update: {
        TableName: tableName(),
        Key: marshall(memberAttendanceKey(memberId, year)),
        UpdateExpression: `SET entity = :entity, memberId = :member, #year = :year ADD ${changes
          .map(([name], i) => `${name} :c${i}`)
          .join(", ")}`,
        ExpressionAttributeNames: { "#year": "year" },
        ExpressionAttributeValues: marshall({
          ":entity": "attendance",
          ":member": memberId,
          ":year": year,
          ...Object.fromEntries(changes.map(([, change], i) => [`:c${i}`, change])),
        }),
      },
    },
  ];
}

/** The updates that count (+1) or uncount (−1) an activity for each member present (a duty shift as one too). */
export function attendanceWrites(
  memberIds: readonly string[],
  year: number,
  change: 1 | -1,
  duty = false,
): TransactWriteItem[] {
  const counts = duty ? { attended: change, duty: change } : { attended: change };
  return memberIds.flatMap((memberId) => memberYearWrite(memberId, year, counts));
}

type MemberCounts = Readonly<Partial<Record<MemberYearCounter, number>>>;

/** Counter changes of one write: a station's tallies by year, members' year records. */
export interface CounterChanges {
  readonly tallies: readonly { readonly year: number; readonly delta: TallyDelta }[];
  readonly members: readonly {
    readonly memberId: string;
    readonly year: number;
    readonly counts: MemberCounts;
  }[];
}

function summed<K extends string>(
  into: Partial<Record<K, number>>,
  add: Readonly<Partial<Record<K, number>>>,
) {
  for (const [name, change] of Object.entries(add) as [K, number][]) into[name] = (into[name] ?? 0) + change;
}

/** The updates of `changes`, one per item (a transaction may touch an item once): changes to it summed. */
export function counterWrites(stationId: string, changes: CounterChanges): TransactWriteItem[] {
  const tallies = new Map<number, Partial<Record<TallyCounter, number>>>();
  for (const { year, delta } of changes.tallies) {
    const into = tallies.get(year) ?? {};
    summed(into, delta);
    tallies.set(year, into);
  }
  const members = new Map<
    string,
    { memberId: string; year: number; counts: Partial<Record<MemberYearCounter, number>> }
  >();
  for (const { memberId, year, counts } of changes.members) {
    const entry = members.get(`${memberId}#${year}`) ?? { memberId, year, counts: {} };
    summed(entry.counts, counts);
    members.set(`${memberId}#${year}`, entry);
  }
  return [
    ...[...tallies].flatMap(([year, delta]) => tallyWrite(stationId, year, delta)),
    ...[...members.values()].flatMap((entry) => memberYearWrite(entry.memberId, entry.year, entry.counts)),
  ];
}

const tallyCounterPattern = /^(q[1-4]_)?(activity_|opinions|topics|loop_)/;

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
