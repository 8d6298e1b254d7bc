/** Reading activities: a station's list, one activity's history, a member's attendance. */
import type { Principal } from "../domain/access";
import { NotFoundError } from "../domain/errors";
import { localDate } from "../domain/topics/calendar";
import { config } from "../kernel/config";
import type { Page } from "../kernel/table/items";
import { stationIdsOfMember } from "../registry/store/assignments";
import { getStation } from "../registry/store/stations";
import { assertCanReadStation } from "./access";
import type { Activity, ActivityEvent } from "./activity-responses";
import { readActivity } from "./record";
import { activityEvents, listStationActivities, type StoredActivity } from "./store/activities";
import { memberAttendance } from "./store/tally";

/** An activity as the API shows it (its bookkeeping left out). */
export function shown(activity: StoredActivity): Activity {
  const { eventSeq: _eventSeq, ...rest } = activity;
  return rest;
}

export async function stationActivities(
  principal: Principal,
  stationId: string,
  query: {
    year?: number | undefined;
    type?: string | undefined;
    limit?: number | undefined;
    cursor?: string | undefined;
  },
): Promise<Page<Activity>> {
  await assertCanReadStation(principal, stationId);
  await getStation(stationId);
  const page = await listStationActivities(
    stationId,
    { year: query.year, type: query.type },
    { limit: query.limit ?? 50, cursor: query.cursor },
  );
  return { items: page.items.map(shown), cursor: page.cursor };
}

export async function activityHistory(principal: Principal, activityId: string): Promise<ActivityEvent[]> {
  await readActivity(principal, activityId);
  return activityEvents(activityId);
}

/**
 * Activities a member attended in a year (this year by default): the county office; staff of a
 * station the member serves at; the member themself. Anyone else is told there is no such member.
 */
export async function attendanceOf(
  principal: Principal,
  memberId: string,
  year: number | undefined,
  now: Date,
): Promise<{ memberId: string; year: number; attended: number }> {
  const allowed =
    principal.role === "admin" ||
    (principal.role === "member" && principal.memberId === memberId) ||
    (principal.role === "staff" &&
      (await stationIdsOfMember(memberId)).some((stationId) => principal.stationIds.includes(stationId)));
  if (!allowed) throw new NotFoundError("member", memberId);
  const asked = year ?? Number(localDate(now, config().timeZone).slice(0, 4));
  return { memberId, year: asked, attended: await memberAttendance(memberId, asked) };
}
