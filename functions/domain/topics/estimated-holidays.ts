/**
 * A year's holidays estimated by the rules, for the months before the State Council publishes the
 * year's calendar (normally in November of the year before) and the county office loads it.
 *
 * 全国年节及纪念日放假办法 (as revised in 2024, in force from 2025): 元旦 1 day (1 January), 春节
 * 4 days (除夕 and 正月初一 to 初三), 清明节 1 day, 劳动节 2 days (1–2 May), 端午节 1 day, 中秋节
 * 1 day, 国庆节 3 days (1–3 October); a holiday that falls on a Saturday or Sunday is made up on
 * the following working day (第六条: 适逢星期六、星期日，应当在工作日补假). The notice's make-up
 * workdays (调休上班) and bridging days cannot be foretold, so an estimate has none: it may count a
 * bridging day as worked, never a weekend as worked.
 */
import { type Calendars, type HolidayCalendar, isWeekend, shiftDate } from "./calendar";
import { firstLunarTableYear, lunarFestivalTable } from "./lunar-dates.generated";

export const estimateSource = {
  "zh-CN":
    "按《全国年节及纪念日放假办法》估算（法定假日及补假，不含调休）；待国务院办公厅通知发布后录入正式安排",
  en: "Estimated by the statutory holiday rules (statutory days and make-up days off, no swapped workdays); load the State Council notice once it is published",
} as const;

/** The years an estimate can be made for: those of the lunar table. */
export const estimableYears = {
  first: firstLunarTableYear,
  last: firstLunarTableYear + lunarFestivalTable.length - 1,
} as const;

/** The statutory days of each festival of `year`, in the year's order; undefined outside the table. */
export function statutoryFestivals(year: number): readonly (readonly string[])[] | undefined {
  const row = lunarFestivalTable[year - firstLunarTableYear];
  if (!row) return undefined;
  const [springFestival, qingming, dragonBoat, midAutumn] = row.map((monthDay) => `${year}-${monthDay}`) as [
    string,
    string,
    string,
    string,
  ];
  return [
    [`${year}-01-01`],
    [
      shiftDate(springFestival, -1),
      springFestival,
      shiftDate(springFestival, 1),
      shiftDate(springFestival, 2),
    ],
    [qingming],
    [`${year}-05-01`, `${year}-05-02`],
    [dragonBoat],
    [midAutumn],
    [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`],
  ];
}

/** The festival's days, and one weekday after it for each of its days that fell on a weekend. */
function withMadeUpDays(festival: readonly string[], daysOff: ReadonlySet<string>): string[] {
  const days = [...festival];
  let owed = festival.filter(isWeekend).length;
  let next = festival.at(-1) as string;
  while (owed > 0) {
    next = shiftDate(next, 1);
    if (isWeekend(next) || daysOff.has(next) || days.includes(next)) continue;
    days.push(next);
    owed--;
  }
  return days;
}

/** `year`'s calendar estimated by the rules, or undefined outside the years the lunar table covers. */
export function estimatedCalendar(year: number): HolidayCalendar | undefined {
  const festivals = statutoryFestivals(year);
  if (!festivals) return undefined;
  const daysOff = new Set<string>(festivals.flat());
  for (const festival of festivals) for (const day of withMadeUpDays(festival, daysOff)) daysOff.add(day);
  return {
    year,
    // 除夕 may fall in the year before (never, with 春节 no earlier than 21 January, but the type allows it).
    holidays: [...daysOff].filter((day) => day.startsWith(`${year}-`)).sort(),
    workdays: [],
    source: estimateSource["zh-CN"],
    estimated: true,
  };
}

/** `official` with an estimate for every year the lunar table covers and no official calendar does. */
export function withEstimates(official: Calendars): Calendars {
  const covered = new Set(official.map((calendar) => calendar.year));
  const estimates: HolidayCalendar[] = [];
  for (let year = estimableYears.first; year <= estimableYears.last; year++) {
    if (covered.has(year)) continue;
    const estimate = estimatedCalendar(year);
    if (estimate) estimates.push(estimate);
  }
  return [...official, ...estimates].sort((a, b) => a.year - b.year);
}
