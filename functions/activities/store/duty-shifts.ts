/**
 * Duty shifts in the table. A shift changes status on its version; recording one writes its duty
 * activity (tally and attendance) in the same transaction, so a shift is counted once.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { ConflictError, NotFoundError, StaleWriteError, ValidationError } from "../../domain/errors";
import { tableName } from "../../kernel/table/client";
import { getItem, type Page, queryAll, queryPage, toItem, values } from "../../kernel/table/items";
import {
  dutyShiftIndexKeys,
  dutyShiftKey,
  memberDutyDayKey,
  membershipKey,
  plannedShifts,
  plannedShiftsFrom,
  shiftsOfStation,
} from "../../kernel/table/keys";
import { writeTransaction } from "../../kernel/table/transaction";
import type { DutyShift } from "../duty-responses";

export function putShift(
  shift: DutyShift,
  condition: { expression: string; values?: object },
): TransactWriteItem {
  return {
    Put: {
      TableName: tableName(),
      Item: toItem(
        shift,
        {
          ...dutyShiftKey(shift.id),
          ...dutyShiftIndexKeys(shift.id, shift.stationId, shift.date, shift.status === "planned"),
        },
        "dutyShift",
      ),
      ConditionExpression: condition.expression,
      ExpressionAttributeValues: condition.values ? values({ ...condition.values }) : undefined,
    },
  };
}

const dutyDayKeyOf = (shift: DutyShift) => memberDutyDayKey(shift.stationId, shift.date, shift.memberId);

/**
 * Plans a shift, on condition that the member serves at the station and has no other shift there that
 * day (the day's guard item), both checked in the same write.
 */
export async function createShift(shift: DutyShift): Promise<DutyShift> {
  const outcome = await writeTransaction([
    putShift(shift, { expression: "attribute_not_exists(PK)" }),
    {
      ConditionCheck: {
        TableName: tableName(),
        Key: marshall(membershipKey(shift.stationId, shift.memberId)),
        ConditionExpression: "attribute_exists(PK)",
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: marshall({ ...dutyDayKeyOf(shift), entity: "dutyDay", shiftId: shift.id }),
        ConditionExpression: "attribute_not_exists(PK)",
      },
    },
  ]);
  if (outcome.committed) return shift;
  if (outcome.failed[1])
    throw new ValidationError([{ field: "memberId", code: "not_serving_here", message: "not_serving_here" }]);
  if (outcome.failed[2])
    throw new ValidationError([
      {
        field: "memberId",
        code: "already_on_duty",
        message: "already_on_duty",
        params: { date: shift.date },
      },
    ]);
  throw new ConflictError("already_exists");
}

/** Frees the member's day when `shift` is cancelled (only the guard this shift holds). */
export function releaseDutyDay(shift: DutyShift): TransactWriteItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: marshall(dutyDayKeyOf(shift)),
      ConditionExpression: "attribute_not_exists(PK) OR shiftId = :shift",
      ExpressionAttributeValues: marshall({ ":shift": shift.id }),
    },
  };
}

/** Writes `next` in place of `current` with what it brings (a duty activity, notices), if unchanged since read. */
export async function saveShift(
  current: DutyShift,
  next: DutyShift,
  alsoWrite: readonly TransactWriteItem[] = [],
): Promise<DutyShift> {
  const saved = { ...next, version: current.version + 1 };
  const own = putShift(saved, { expression: "version = :version", values: { ":version": current.version } });
  const outcome = await writeTransaction([own, ...alsoWrite]);
  if (outcome.committed) return saved;
  throw new StaleWriteError((await findShift(current.id))?.version);
}

export function findShift(shiftId: string): Promise<DutyShift | undefined> {
  return getItem<DutyShift>(dutyShiftKey(shiftId));
}

export async function getShift(shiftId: string): Promise<DutyShift> {
  const shift = await findShift(shiftId);
  if (!shift) throw new NotFoundError("duty_shift", shiftId);
  return shift;
}

/** A station's shifts by date (from, to inclusive), earliest first. */
export function listStationShifts(
  stationId: string,
  filter: { from?: string | undefined; to?: string | undefined; status?: string | undefined },
  page: { limit: number; cursor: string | undefined },
): Promise<Page<DutyShift>> {
  const clauses: string[] = [];
  const plain: Record<string, unknown> = {};
  if (filter.from) {
    clauses.push("#date >= :from");
    plain[":from"] = filter.from;
  }
  if (filter.to) {
    clauses.push("#date <= :to");
    plain[":to"] = filter.to;
  }
  if (filter.status) {
    clauses.push("#status = :status");
    plain[":status"] = filter.status;
  }
  return queryPage<DutyShift>({
    index: "GSI1",
    partition: { name: "GSI1PK", value: shiftsOfStation(stationId) },
    sortKeyPrefix: { name: "GSI1SK", value: "SHIFT#" },
    ...(clauses.length ? { filter: { expression: clauses.join(" AND "), values: plain } } : {}),
    limit: page.limit,
    cursor: page.cursor,
  });
}

/**
 * The county's planned shifts dated before `date` (the sparse index, in date order): the daily roster
 * run's one query, which never reads the shifts planned further ahead.
 */
export function plannedShiftsBefore(date: string): Promise<DutyShift[]> {
  return queryAll<DutyShift>({
    index: "GSI2",
    partition: { name: "GSI2PK", value: plannedShifts },
    sortKeyBefore: { name: "GSI2SK", value: plannedShiftsFrom(date) },
  });
}
