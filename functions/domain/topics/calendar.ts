/**
 * Working days in the county: Monday to Friday, minus the official holidays (放假), plus the
 * make-up workdays (调休上班) the State Council moves onto weekends. A year with no official calendar
 * yet counts with an estimate (estimated-holidays.ts), or weekends only beyond the estimates' years;
 * `yearsOnEstimate` lets callers say which deadlines rest on such a count.
 *
 * Deadlines are "by the end of that day" in the county's time zone: the instant returned is
 * 23:59:59.999 local time of the deadline's day.
 */
import { TZDate } from "@date-fns/tz";

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
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
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

/** The county's calendar date at `instant`. */
export function localDate(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return isoDateOf(new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate())));
}

/** The instant `hour`:00 local time on `date`. */
export function localTime(date: string, hour: number, timeZone: string): Date {
  const day = requireDay(date);
  return new Date(
    new TZDate(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, 0, timeZone).getTime(),
  );
}

/** The last millisecond of `date` in the county: what "by that day" means. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const day = requireDay(date);
  const [year, month, dayOfMonth] = [day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()];
  return new Date(new TZDate(year, month, dayOfMonth, 23, 59, 59, 999, timeZone).getTime());
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
