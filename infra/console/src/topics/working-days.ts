/**
 * Working days left to a deadline, counted as the API counts them (functions/domain/topics/calendar.ts):
 * Monday to Friday, minus the official holidays, plus the make-up workdays (调休上班), from the
 * calendars GET /holiday-calendars gives. The topic response has no count of its own.
 */
import type { components } from "../api/schema.generated";

export type HolidayCalendar = components["schemas"]["HolidayCalendarList"]["items"][number];

const dayMs = 86_400_000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);
const timeOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

function isWorkingDay(date: string, calendars: readonly HolidayCalendar[]): boolean {
  const calendar = calendars.find((c) => c.year === Number(date.slice(0, 4)));
  if (calendar?.holidays.includes(date)) return false;
  if (calendar?.workdays.includes(date)) return true;
  const weekday = new Date(timeOf(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export interface WorkingDaysLeft {
  /** Working days after `today`, up to and including the deadline's day (negative when past). */
  readonly days: number;
  /** Some year of the count has no official calendar yet: the count rests on an estimate. */
  readonly estimated: boolean;
}

/** Working days from `today` to `deadlineDay` (both `YYYY-MM-DD`, the county's dates). */
export function workingDaysLeft(
  today: string,
  deadlineDay: string,
  calendars: readonly HolidayCalendar[],
): WorkingDaysLeft {
  const [from, to, sign] = today <= deadlineDay ? [today, deadlineDay, 1] : [deadlineDay, today, -1];
  let days = 0;
  for (let time = timeOf(from) + dayMs; time <= timeOf(to); time += dayMs) {
    if (isWorkingDay(isoDate(time), calendars)) days++;
  }
  let estimated = false;
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const calendar = calendars.find((c) => c.year === year);
    if (!calendar || calendar.estimated) estimated = true;
  }
  return { days: days * sign, estimated };
}
