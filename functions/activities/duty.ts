/**
 * 委员值班: a station plans duty shifts; recording one (check-in, with the visitors received) makes it
 * a duty activity, counted in the same transaction; a planned shift may be cancelled, with a reason.
 */
import { type Principal, requireWriter } from "../domain/access";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors";
import { yearOfDate } from "../domain/quota/activities";
import { canRecord } from "../domain/quota/duty";
import { localDate } from "../domain/topics/calendar";
import { config } from "../kernel/config";
import { newId } from "../kernel/ids";
import { retryStaleWrites } from "../kernel/retry";
import type { Page } from "../kernel/table/items";
import { getStation } from "../registry/store/stations";
import { actorOf, assertCanReadStation, assertCanRecordAt } from "./access";
import type { DutyCheckIn, DutyShiftCreate } from "./duty-contracts";
import type { DutyShift } from "./duty-responses";
import { recordActivityWrites, type StoredActivity } from "./store/activities";
import { createShift, getShift, listStationShifts, releaseDutyDay, saveShift } from "./store/duty-shifts";

const today = (now: Date) => localDate(now, config().timeZone);

export async function planShift(
  principal: Principal,
  stationId: string,
  input: DutyShiftCreate,
  now: Date,
): Promise<DutyShift> {
  assertCanRecordAt(principal, stationId);
  await getStation(stationId);
  if (input.date < today(now))
    throw new ValidationError([
      { field: "date", code: "date_in_past", message: "date_in_past", params: { today: today(now) } },
    ]);
  const at = now.toISOString();
  return createShift({
    id: newId(now.getTime()),
    stationId,
    date: input.date,
    memberId: input.memberId,
    ...(input.note ? { note: input.note } : {}),
    status: "planned",
    plannedBy: actorOf(principal),
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
}

export async function stationShifts(
  principal: Principal,
  stationId: string,
  query: { from?: string; to?: string; status?: string; limit?: number; cursor?: string },
): Promise<Page<DutyShift>> {
  await assertCanReadStation(principal, stationId);
  await getStation(stationId);
  return listStationShifts(stationId, query, { limit: query.limit ?? 50, cursor: query.cursor });
}

/** A shift the caller may see (else it does not exist for them). */
async function readShift(principal: Principal, shiftId: string): Promise<DutyShift> {
  const shift = await getShift(shiftId);
  try {
    await assertCanReadStation(principal, shift.stationId);
  } catch {
    throw new NotFoundError("duty_shift", shiftId);
  }
  return shift;
}

/** 取消值班: a planned (or missed) shift, with a reason. */
export function cancelShift(
  principal: Principal,
  shiftId: string,
  reason: string,
  now: Date,
): Promise<DutyShift> {
  return retryStaleWrites(async () => {
    const shift = await readShift(principal, shiftId);
    assertCanRecordAt(principal, shift.stationId);
    if (!canRecord(shift.status)) throw new ConflictError("shift_closed", shift.version);
    const at = now.toISOString();
    return saveShift(
      shift,
      { ...shift, status: "cancelled", cancelledAt: at, cancelReason: reason, updatedAt: at },
      [releaseDutyDay(shift)],
    );
  });
}

/** Staff of the station and the county office record a shift; so may the member on duty. */
function assertCanCheckIn(principal: Principal, shift: DutyShift): void {
  if (principal.role === "member" && principal.memberId === shift.memberId) return;
  requireWriter(principal);
  assertCanRecordAt(principal, shift.stationId);
}

/** The duty activity a recorded shift is: its id is the shift's, so it is counted once. */
function dutyActivity(shift: DutyShift, place: string, input: DutyCheckIn, principal: Principal, at: string) {
  const activity: StoredActivity = {
    id: shift.id,
    stationId: shift.stationId,
    type: "duty",
    date: shift.date,
    year: yearOfDate(shift.date),
    place,
    memberIds: [shift.memberId],
    residentsReached: input.residentsReached ?? input.visitorsReceived,
    visitorsReceived: input.visitorsReceived,
    ...(input.summary ? { summary: input.summary } : {}),
    shiftId: shift.id,
    source: "duty",
    status: "recorded",
    recordedBy: actorOf(principal),
    version: 1,
    eventSeq: 1,
    createdAt: at,
    updatedAt: at,
  };
  return recordActivityWrites(activity, { at, kind: "recorded", actor: actorOf(principal) });
}

/** 值班登记: the shift recorded and its duty activity counted, in one transaction; twice is a 409. */
export function checkIn(
  principal: Principal,
  shiftId: string,
  input: DutyCheckIn,
  now: Date,
): Promise<DutyShift> {
  return retryStaleWrites(async () => {
    const shift = await readShift(principal, shiftId);
    assertCanCheckIn(principal, shift);
    if (!canRecord(shift.status)) throw new ConflictError("shift_closed", shift.version);
    if (shift.date > today(now)) throw new ConflictError("shift_not_yet", shift.version);
    const station = await getStation(shift.stationId);
    const at = now.toISOString();
    const recorded: DutyShift = {
      ...shift,
      status: "recorded",
      activityId: shift.id,
      visitorsReceived: input.visitorsReceived,
      recordedAt: at,
      recordedBy: actorOf(principal),
      updatedAt: at,
    };
    return saveShift(shift, recorded, dutyActivity(shift, station.hostVenue.name, input, principal, at));
  });
}
