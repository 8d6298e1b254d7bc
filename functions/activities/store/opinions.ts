/**
 * 社情民意 items in the table (decision 0020). Every write puts the whole item on a condition — a new
 * id, or the version read (and, for a transition, the status it leaves) — with the tally's delta in
 * the same transaction: the condition is the dedupe marker, so a retry never counts twice.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { NotFoundError, StaleWriteError } from "../../domain/errors";
import { opinionCollectedDelta, opinionYear } from "../../domain/quota/opinions";
import type { TallyDelta } from "../../domain/quota/tally";
import { tableName } from "../../kernel/table/client";
import { getItem, type Page, queryPage, toItem, values } from "../../kernel/table/items";
import { opinionIndexKeys, opinionKey, opinionsOfStation, stationKey } from "../../kernel/table/keys";
import { writeTransaction } from "../../kernel/table/transaction";
import type { Opinion } from "../opinion-responses";
import { memberYearWrite, tallyWrite } from "./tally";

export type StoredOpinion = Opinion;

/** The whole item, written on `condition` (with its values). */
export function putOpinion(
  opinion: StoredOpinion,
  condition: { readonly expression: string; readonly values?: Record<string, unknown> },
): TransactWriteItem {
  return {
    Put: {
      TableName: tableName(),
      Item: toItem(
        opinion,
        { ...opinionKey(opinion.id), ...opinionIndexKeys(opinion.id, opinion.stationId, opinion.receivedOn) },
        "opinion",
      ),
      ConditionExpression: condition.expression,
      ...(condition.values ? { ExpressionAttributeValues: values(condition.values) } : {}),
    },
  };
}

/** `next` in place of `current`, if nobody changed it since it was read. */
export const replaceOpinion = (current: StoredOpinion, next: StoredOpinion): TransactWriteItem =>
  putOpinion(next, { expression: "version = :expected", values: { ":expected": current.version } });

/** A station that does not exist refuses the new item (its position 1 in the transaction). */
export class StationMissing extends Error {
  override readonly name = "StationMissing";
}

/** Writes a new item counted in its station's tally; throws StationMissing when the station is not there. */
function submittedByMember(opinion: StoredOpinion): TransactWriteItem[] {
  const memberId = (opinion.submitter as { memberId?: string } | undefined)?.memberId;
  return memberId ? memberYearWrite(memberId, opinionYear(opinion.receivedOn), { opinions: 1 }) : [];
}

export async function createOpinion(opinion: StoredOpinion): Promise<StoredOpinion> {
  const outcome = await writeTransaction([
    putOpinion(opinion, { expression: "attribute_not_exists(PK)" }),
    {
      ConditionCheck: {
        TableName: tableName(),
        Key: marshall(stationKey(opinion.stationId)),
        ConditionExpression: "attribute_exists(PK)",
      },
    },
    ...tallyWrite(
      opinion.stationId,
      opinionYear(opinion.receivedOn),
      opinionCollectedDelta(opinion.receivedOn),
    ),
    // A member's item counts among their 社情民意 submitted (decision 0027).
    ...submittedByMember(opinion),
  ]);
  if (outcome.committed) return opinion;
  if (outcome.failed[1]) throw new StationMissing();
  throw new StaleWriteError();
}

/** `next` in place of `current` with what the change counts; StaleWriteError when someone got there first. */
export async function saveOpinion(
  current: StoredOpinion,
  next: StoredOpinion,
  delta: TallyDelta,
): Promise<StoredOpinion> {
  const outcome = await writeTransaction([
    replaceOpinion(current, next),
    ...tallyWrite(current.stationId, opinionYear(current.receivedOn), delta),
  ]);
  if (!outcome.committed) throw new StaleWriteError(current.version);
  return next;
}

export function findOpinion(opinionId: string): Promise<StoredOpinion | undefined> {
  return getItem<StoredOpinion>(opinionKey(opinionId));
}

export async function getOpinion(opinionId: string): Promise<StoredOpinion> {
  const opinion = await findOpinion(opinionId);
  if (!opinion) throw new NotFoundError("opinion", opinionId);
  return opinion;
}

/** A station's items, newest received first; of one year, and of one status, when asked. */
export function listOpinions(
  stationId: string,
  filter: { readonly year?: number | undefined; readonly status?: string | undefined },
  page: { limit: number; cursor: string | undefined },
): Promise<Page<StoredOpinion>> {
  return queryPage<StoredOpinion>({
    index: "GSI1",
    partition: { name: "GSI1PK", value: opinionsOfStation(stationId) },
    sortKeyPrefix: { name: "GSI1SK", value: filter.year ? `OPINION#${filter.year}-` : "OPINION#" },
    ...(filter.status
      ? { filter: { expression: "#status = :status", values: { ":status": filter.status } } }
      : {}),
    newestFirst: true,
    limit: page.limit,
    cursor: page.cursor,
  });
}
