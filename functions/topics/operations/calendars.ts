/** The holiday calendars working-day deadlines count with: read by all, replaced by an admin. */

import * as v from "valibot";
import { requireAdmin } from "../../domain/access";
import { ValidationError } from "../../domain/errors";
import { type HolidayCalendar, localDate, yearOf } from "../../domain/topics/calendar";
import { shippedCalendars, validateCalendar } from "../../domain/topics/holidays";
import { clock } from "../../kernel/clock";
import { config } from "../../kernel/config";
import { listOf, shortText, strictObject } from "../../kernel/contracts";
import { commonErrors } from "../../kernel/http/error-responses";
import { defineOperation, documented, ok } from "../../kernel/http/operation";
import { calendarYearPath } from "../contracts";
import { replanOpenDeadlines } from "../replan";
import { defaultTopicServices } from "../services";
import { calendarsInForce, saveCalendar, storedCalendars } from "../store/calendars";

const services = defaultTopicServices();

const dateList = listOf(v.pipe(v.string(), v.maxLength(10)), 366);

const calendarInput = strictObject({
  holidays: dateList,
  workdays: dateList,
  source: shortText(500),
});

/** The official calendars, and the estimates in use for this year and the next where none is loaded. */
async function listInForce() {
  const uploaded = new Set((await storedCalendars()).map((calendar) => calendar.year));
  const thisYear = yearOf(localDate(clock().now(), config().timeZone));
  return (await calendarsInForce())
    .filter((calendar) => !calendar.estimated || (calendar.year >= thisYear && calendar.year <= thisYear + 1))
    .map((calendar) => ({
      ...calendar,
      estimated: calendar.estimated === true,
      shipped: !uploaded.has(calendar.year) && shippedCalendars.includes(calendar),
    }));
}

export const calendarOperations = [
  defineOperation({
    route: "GET /holiday-calendars",
    operationId: "listHolidayCalendars",
    ...(documented && {
      summary: "节假日安排 · The holiday calendars in force",
      tag: "calendars",
      description:
        "Every official calendar (shipped or loaded), and for this year and the next, where the official one " +
        "is not loaded yet, the estimate deadlines count with meanwhile (`estimated: true`: the statutory " +
        "holidays and their make-up days off, no swapped workdays).",
      responses: [
        { status: 200, description: "One calendar per year", schema: "HolidayCalendarList" },
        ...commonErrors(),
      ],
    }),
    async handle() {
      return ok({ items: await listInForce() });
    },
  }),
  defineOperation({
    route: "PUT /holiday-calendars/{year}",
    allow: ["admin"],
    path: calendarYearPath,
    operationId: "putHolidayCalendar",
    ...(documented && {
      summary: "更新某年节假日安排 · Replace a year's holiday calendar (admin)",
      description:
        "Holidays (days off) and make-up workdays (调休上班) of one year, from the State Council notice. " +
        "Open topics whose planned deadline was counted through that year are counted again (a deadline set " +
        "by an extension stays); each one that moves gets a timeline line, its responsible person a notice, " +
        "and `replannedTopics` says how many moved.",
      tag: "calendars",
      responses: [
        { status: 200, description: "Saved; the calendars now in force", schema: "HolidayCalendarSaved" },
        ...commonErrors(400, 403),
      ],
    }),
    body: calendarInput,
    async handle({ path, principal, body }) {
      requireAdmin(principal);
      const calendar: HolidayCalendar = { year: path.year, ...body };
      const problems = validateCalendar(calendar);
      if (problems.length) throw new ValidationError(problems);
      await saveCalendar({
        ...calendar,
        holidays: [...body.holidays].sort(),
        workdays: [...body.workdays].sort(),
      });
      const replannedTopics = await replanOpenDeadlines(services, path.year);
      return ok({ items: await listInForce(), replannedTopics });
    },
  }),
];
