/**
 * 节假日安排提醒: run once a day. From 1 November, while next year's official holiday calendar is
 * not loaded (and all year, if this year's is not), the county office is told once a week, and
 * deadlines count with the estimate meanwhile. Open deadlines are re-planned against the official
 * calendars, catching up if a re-plan after an upload stopped half-way.
 */
import { hasOfficialCalendarFor, localDate, shiftDate, yearOf } from "../domain/topics/calendar";
import { config } from "../kernel/config";
import { logError } from "../kernel/log";
import { holidayCalendarMissing } from "../notices/templates/calendar-notices";
import { countyOfficeAddressees } from "./recipients";
import { replanOpenDeadlines } from "./replan";
import type { TopicServices } from "./services";
import { calendarsInForce } from "./store/calendars";

/** The State Council publishes next year's calendar in the autumn; the county office is asked from this month. */
export const askForNextYearFromMonth = 11;

export interface CalendarWatchOutcome {
  /** Years that count with an estimate and should not. */
  readonly missing: readonly number[];
  /** Notices sent now (a notice already sent this week is not sent again). */
  readonly told: number;
  /** Open deadlines that moved. */
  readonly replanned: number;
}

/** The years whose official calendar should be loaded by `today`. */
export function yearsDue(today: string): number[] {
  const year = yearOf(today);
  return Number(today.slice(5, 7)) >= askForNextYearFromMonth ? [year, year + 1] : [year];
}

/** The Monday of `today`'s week: the notice goes once a week. */
const weekOf = (today: string) => shiftDate(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));

/** Asks the county office (its inbox and its contacts, each once a week) for the year's calendar. */
async function askForCalendar(services: TopicServices, year: number, today: string): Promise<boolean> {
  const key = `holiday-calendar-missing:${year}:${weekOf(today)}`;
  let told = false;
  for (const [index, addressee] of (await countyOfficeAddressees()).entries()) {
    const { sent } = await services.notifier.send({
      ...addressee,
      template: holidayCalendarMissing,
      idempotencyKey: index === 0 ? key : `${key}:${addressee.recipient.id}`,
      variables: { recipientName: addressee.recipient.name, year: String(year) },
    });
    told ||= sent;
  }
  return told;
}

export async function watchHolidayCalendars(services: TopicServices): Promise<CalendarWatchOutcome> {
  const today = localDate(services.now(), config().timeZone);
  const calendars = await calendarsInForce();
  const due = yearsDue(today);
  const missing = due.filter((year) => !hasOfficialCalendarFor(year, calendars));
  let told = 0;
  for (const year of missing) {
    try {
      if (await askForCalendar(services, year, today)) told++;
    } catch (error) {
      logError("the county office could not be asked for a holiday calendar", { year }, error);
    }
  }
  let replanned = 0;
  for (const year of due.filter((year) => !missing.includes(year))) {
    replanned += await replanOpenDeadlines(services, year);
  }
  return { missing, told, replanned };
}
