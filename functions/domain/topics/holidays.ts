/**
 * The official holiday calendars shipped with the software, one per year, from the State Council
 * notice (国务院办公厅关于XXXX年部分节假日安排的通知) normally published in November of the year
 * before. A year is added only from its notice: 2027 is absent until the notice is out, and counts
 * weekends only meanwhile (see `hasCalendarFor`). Admins can upload a calendar; `validateCalendar`
 * checks it first.
 */
import type { FieldProblem } from "../errors";
import { type Calendars, type HolidayCalendar, isIsoDate, isWeekend, shiftDate, yearOf } from "./calendar";

/** Every date from `first` to `last`, inclusive. */
function days(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last; date = shiftDate(date, 1)) dates.push(date);
  return dates;
}

export const calendar2026: HolidayCalendar = {
  year: 2026,
  holidays: [
    ...days("2026-01-01", "2026-01-03"), // 元旦
    ...days("2026-02-15", "2026-02-23"), // 春节
    ...days("2026-04-04", "2026-04-06"), // 清明节
    ...days("2026-05-01", "2026-05-05"), // 劳动节
    ...days("2026-06-19", "2026-06-21"), // 端午节
    ...days("2026-09-25", "2026-09-27"), // 中秋节
    ...days("2026-10-01", "2026-10-07"), // 国庆节
  ],
  workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
  source:
    "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）" +
    " https://www.gov.cn/zhengce/content/202511/content_7047090.htm" +
    "; checked against the Xinhua text as reprinted (gmw.cn), not against gov.cn itself",
};

export const shippedCalendars: Calendars = [calendar2026];

/** What is wrong with a calendar, as field problems (`holidays.3`, `workdays.0`, …); empty if nothing. */
export function validateCalendar(calendar: HolidayCalendar): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, code: string, params?: Record<string, string | number>) =>
    problems.push({ field, code, message: code, ...(params ? { params } : {}) });

  if (!Number.isInteger(calendar.year) || calendar.year < 2000 || calendar.year > 2100) {
    problem("year", "invalid_year", { year: calendar.year });
  }
  if (!calendar.source.trim()) problem("source", "source_missing");

  const check = (list: "holidays" | "workdays") => {
    const seen = new Set<string>();
    for (const [index, date] of calendar[list].entries()) {
      const field = `${list}.${index}`;
      if (!isIsoDate(date)) {
        problem(field, "invalid_date", { date });
        continue;
      }
      if (yearOf(date) !== calendar.year) problem(field, "date_outside_year", { date, year: calendar.year });
      if (seen.has(date)) problem(field, "duplicate_date", { date });
      seen.add(date);
      if (list === "workdays") {
        if (!isWeekend(date)) problem(field, "workday_not_weekend", { date });
        if (calendar.holidays.includes(date)) problem(field, "holiday_and_workday", { date });
      }
    }
  };
  check("holidays");
  check("workdays");
  return problems;
}
