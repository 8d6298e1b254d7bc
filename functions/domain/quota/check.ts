/**
 * The quarterly check's calendar (decision 0022): when it runs (the first working day of a quarter,
 * with the county's holiday calendars), which check a date belongs to (`2027-Q2`), what it assesses
 * (the year as of the end of the quarter just ended; the first check of a year closes the previous
 * year), and the share of a year gone by, quarter by quarter. Pure rules.
 */
import {
  type Calendars,
  isIsoDate,
  isWorkingDay,
  localDate,
  localTime,
  shiftDate,
  yearOf,
} from "../topics/calendar";
import { quarterOf } from "./pace";

export type Quarter = 1 | 2 | 3 | 4;

/** `YYYY-MM-01`, the first day of a quarter. */
export const quarterStart = (year: number, quarter: Quarter): string =>
  `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}-01`;

/** The quarter's first working day: its first day, or the next one worked (元旦, 清明, 劳动节, 国庆 move it). */
export function firstWorkingDayOfQuarter(year: number, quarter: Quarter, calendars: Calendars): string {
  let date = quarterStart(year, quarter);
  while (!isWorkingDay(date, calendars)) date = shiftDate(date, 1);
  return date;
}

export const isFirstWorkingDayOfQuarter = (date: string, calendars: Calendars): boolean =>
  firstWorkingDayOfQuarter(yearOf(date), quarterOf(date), calendars) === date;

/** The instants (county midnight) at which each quarter of `year` starts, and the next year. */
function quarterBounds(year: number, timeZone: string): number[] {
  const starts = ([1, 2, 3, 4] as const).map((q) => localTime(quarterStart(year, q), 0, timeZone).getTime());
  return [...starts, localTime(`${year + 1}-01-01`, 0, timeZone).getTime()];
}

/**
 * The share of `year` gone by at `asOf`, quarter by quarter: each quarter is a quarter of the year,
 * its own days counted within it. At the end of a quarter it is exactly ¼, ½, ¾ or 1 — what the
 * "4" and a plan by quarter are held to — though Q1 has 90 (91 in a leap year) of 365 (366) days.
 */
export function quarterlyShare(asOf: Date, year: number, timeZone: string): number {
  const bounds = quarterBounds(year, timeZone);
  const time = asOf.getTime();
  if (time <= (bounds[0] ?? 0)) return 0;
  if (time >= (bounds[4] ?? 0)) return 1;
  const index = bounds.findIndex((bound, i) => time >= bound && time < (bounds[i + 1] ?? 0));
  const start = bounds[index] ?? 0;
  const end = bounds[index + 1] ?? 0;
  return (index + (time - start) / (end - start)) / 4;
}

/** The instant a quarter ends (the next one's first county midnight). */
export function quarterEndInstant(year: number, quarter: Quarter, timeZone: string): Date {
  return new Date(quarterBounds(year, timeZone)[quarter] ?? 0);
}

/**
 * One year a check assesses: as of the share gone by then, counting what is dated in the quarters
 * ended by then (`quartersEnded`); `closing` when the year is over.
 */
export interface AssessedYear {
  readonly year: number;
  readonly share: number;
  readonly quartersEnded: 1 | 2 | 3 | 4;
  readonly closing: boolean;
}

export interface CheckPeriod {
  /** `2027-Q2`: the check made at the start of 2027's second quarter. */
  readonly checkId: string;
  readonly year: number;
  readonly quarter: Quarter;
  /** The check's county date. */
  readonly date: string;
  /** The current year as of the end of the quarter just ended (none in Q1: nothing is due yet). */
  readonly current: AssessedYear | undefined;
  /**
   * The previous year at its end: the Q1 check closes it; a later check only when no other check of
   * the year has (the run decides, from the checks recorded).
   */
  readonly previous: AssessedYear;
}

export const checkIdOf = (year: number, quarter: Quarter) => `${year}-Q${quarter}`;
export const checkIdPattern = /^(\d{4})-Q([1-4])$/;

export function checkPeriod(asOf: Date, timeZone: string): CheckPeriod {
  const date = localDate(asOf, timeZone);
  const year = yearOf(date);
  const quarter = quarterOf(date);
  return {
    checkId: checkIdOf(year, quarter),
    year,
    quarter,
    date,
    current:
      quarter === 1
        ? undefined
        : { year, share: (quarter - 1) / 4, quartersEnded: (quarter - 1) as Quarter, closing: false },
    previous: { year: year - 1, share: 1, quartersEnded: 4, closing: true },
  };
}

/**
 * The instant a check asked for is made as of: a date is that day at 09:00, county time (when the
 * scheduled check runs), or now when that is earlier — today's date asked for before 09:00; an
 * instant is taken as it is; none is now. A day to come stays in the future (and is refused).
 */
export function checkInstant(asOf: string | undefined, now: Date, timeZone: string): Date {
  if (asOf === undefined) return now;
  if (!isIsoDate(asOf)) return new Date(asOf);
  const nine = localTime(asOf, 9, timeZone);
  return nine.getTime() > now.getTime() && localDate(now, timeZone) === asOf ? now : nine;
}
