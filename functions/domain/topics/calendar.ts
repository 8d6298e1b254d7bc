/**
 * Working days in the county: Monday to Friday, minus the official holidays (放假), plus the
 * make-up workdays (调休上班) the State Council moves onto weekends. A year with no official calendar
 * yet counts with an estimate (estimated-holidays.ts), or weekends only beyond the estimates' years;
 * `yearsOnEstimate` lets callers say which deadlines rest on such a count.
 *
 * Deadlines are "by the end of that day" in the county's time zone: the instant returned is
 * 23:59:59.999 local time of the deadline's day.
 */
import { tzOffset } from "@date-fns/tz/tzOffset";

export interface HolidayCalendar {
  readonly year: number;
  /** Days off, `YYYY-MM-DD`, including the weekend days inside a holiday. */
  readonly holidays: readonly string[];
  /** Weekend days that are worked (调休上班), `YYYY-MM-DD`. */
  readonly workdays: readonly string[];
  /** Where the dates come from, e.g. the State Council notice. */
  readonly source: string;
  /** Estimated by the statutory rules, until the year's official calendar is loaded. */
  readonly estimated?: boolean;
}

/** Several calendars, one per year; where two cover the same year, the earlier one wins. */
export type Calendars = readonly HolidayCalendar[];

export type DayUnit = "days" | "workingDays";

export interface Duration {
  readonly amount: number;
  readonly unit: DayUnit;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayMs = 86_400_000;

/** `YYYY-MM-DD` of a UTC midnight. */
const isoDateOf = (day: Date) => day.toISOString().slice(0, 10);

/**
 * A date `YYYY-MM-DD` as its UTC midnight, so that day arithmetic never depends on the host's zone
 * (plain `Date` arithmetic here: a day is exactly 86 400 000 ms in UTC).
 */
function utcDay(date: string): Date | undefined {
  const match = isoDatePattern.exec(date);
  if (!match) return undefined;
  // setUTCFullYear, not Date.UTC, which reads the years 0–99 as 1900–1999.
  const day = new Date(0);
  day.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoDateOf(day) === date ? day : undefined;
}

function requireDay(date: string): Date {
  const day = utcDay(date);
  if (!day) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return day;
}

/** Whether `date` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(date: string): boolean {
  return utcDay(date) !== undefined;
}

export function yearOf(date: string): number {
  return requireDay(date).getUTCFullYear();
}

export function isWeekend(date: string): boolean {
  const weekday = requireDay(date).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The date `days` calendar days after (or, if negative, before) `date`. */
export function shiftDate(date: string, days: number): string {
  return isoDateOf(new Date(requireDay(date).getTime() + days * dayMs));
}

export function calendarFor(year: number, calendars: Calendars): HolidayCalendar | undefined {
  return calendars.find((calendar) => calendar.year === year);
}

export function hasCalendarFor(year: number, calendars: Calendars): boolean {
  return calendarFor(year, calendars) !== undefined;
}

/** Whether `year` counts with its official calendar (not an estimate, not weekends only). */
export function hasOfficialCalendarFor(year: number, calendars: Calendars): boolean {
  const calendar = calendarFor(year, calendars);
  return calendar !== undefined && !calendar.estimated;
}

/** Years from `from` to `to` (dates, inclusive) without their official calendar: the count there is an estimate. */
export function yearsOnEstimate(from: string, to: string, calendars: Calendars): number[] {
  const years: number[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    if (!hasOfficialCalendarFor(year, calendars)) years.push(year);
  }
  return years;
}

export function isWorkingDay(date: string, calendars: Calendars): boolean {
  const calendar = calendarFor(yearOf(date), calendars);
  if (calendar?.holidays.includes(date)) return false;
  if (calendar?.workdays.includes(date)) return true;
  return !isWeekend(date);
}

/**
 * The `n`-th working day after `date` (before it, if `n` is negative), not counting `date` itself;
 * `date` unchanged when `n` is 0.
 */
export function shiftWorkingDays(date: string, n: number, calendars: Calendars): string {
  requireWholeNumber(n);
  const step = n < 0 ? -1 : 1;
  let current = date;
  for (let left = Math.abs(n); left > 0; ) {
    current = shiftDate(current, step);
    if (isWorkingDay(current, calendars)) left--;
  }
  return current;
}

/** The date `duration` after (or, if `direction` is -1, before) `date`. */
export function shiftDateBy(
  date: string,
  duration: Duration,
  calendars: Calendars,
  direction: 1 | -1 = 1,
): string {
  const n = duration.amount * direction;
  return duration.unit === "workingDays" ? shiftWorkingDays(date, n, calendars) : shiftDate(date, n);
}

/**
 * Milliseconds the zone's clock is ahead of UTC at `time` (whole seconds, as `TZDate` rounds them).
 * `tzOffset` alone, not `TZDate`: the offset is all these conversions need, and `TZDate` would add
 * 4 kB and a patch of every `Date` method at load to each function that plans deadlines.
 */
const offsetMs = (timeZone: string, time: number) =>
  Math.round(tzOffset(timeZone, new Date(time)) * 60) * 1000;

/** The county's calendar date at `instant`. */
export function localDate(instant: Date, timeZone: string): string {
  return isoDateOf(new Date(instant.getTime() + offsetMs(timeZone, instant.getTime())));
}

/**
 * The instant at which the zone's clock shows `wall` (a UTC timestamp read as local time). The
 * offset is taken at a first guess, so that a day on which daylight saving starts or ends gets the
 * offset in force at that hour; a time the clocks skip is read with the offset before the change and
 * so lands after it (02:30 on the day clocks go from 02:00 to 03:00 is 03:30), as `Date` and `TZDate` do.
 */
function fromLocal(wall: number, timeZone: string): Date {
  const instant = wall - offsetMs(timeZone, wall - offsetMs(timeZone, wall));
  const offset = offsetMs(timeZone, instant);
  return new Date(instant + offset === wall ? instant : Math.max(instant, wall - offset));
}

/** The instant `hour`:00 local time on `date`. */
export function localTime(date: string, hour: number, timeZone: string): Date {
  return fromLocal(requireDay(date).getTime() + hour * 3_600_000, timeZone);
}

/** The last millisecond of `date` in the county: what "by that day" means. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return fromLocal(requireDay(date).getTime() + dayMs - 1, timeZone);
}

/** The end of the `n`-th working day after `start`'s local date (the start's own day when `n` is 0). */
export function addWorkingDays(start: Date, n: number, calendars: Calendars, timeZone: string): Date {
  requireNonNegative(n);
  return endOfLocalDay(shiftWorkingDays(localDate(start, timeZone), n, calendars), timeZone);
}

/** The end of the `n`-th calendar day after `start`'s local date. */
export function addCalendarDays(start: Date, n: number, timeZone: string): Date {
  requireNonNegative(n);
  return endOfLocalDay(shiftDate(localDate(start, timeZone), n), timeZone);
}

export function addDuration(start: Date, duration: Duration, calendars: Calendars, timeZone: string): Date {
  return duration.unit === "workingDays"
    ? addWorkingDays(start, duration.amount, calendars, timeZone)
    : addCalendarDays(start, duration.amount, timeZone);
}

/**
 * A deadline as people type it: a date means the end of that day in the county, a date-time (with
 * `Z` or an offset) is taken as it is. Undefined if it is neither.
 */
export function parseDeadline(value: string, timeZone: string): Date | undefined {
  if (isoDatePattern.test(value)) return isIsoDate(value) ? endOfLocalDay(value, timeZone) : undefined;
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

function requireWholeNumber(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
}

function requireNonNegative(n: number): void {
  requireWholeNumber(n);
  if (n < 0) throw new RangeError(`negative number of days: ${n}`);
}
