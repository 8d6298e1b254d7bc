/** The holiday calendars working-day deadlines count with: read by all, replaced by an admin. */

import * as z from "zod/mini";
import { requireAdmin } from "../../domain/access";
import { ValidationError } from "../../domain/errors";
import type { HolidayCalendar } from "../../domain/topics/calendar";
import { shippedCalendars, validateCalendar } from "../../domain/topics/holidays";
import { shortText } from "../../kernel/contracts";
import { commonErrors } from "../../kernel/http/error-responses";
import { defineOperation, ok } from "../../kernel/http/operation";
import { calendarYearPath } from "../contracts";
import { calendarsInForce, saveCalendar, storedCalendars } from "../store/calendars";

const dateList = z.array(z.string().check(z.maxLength(10))).check(z.maxLength(366));

const calendarInput = z.strictObject({
  holidays: dateList,
  workdays: dateList,
  source: shortText(500),
});

async function listInForce() {
  const uploaded = new Set((await storedCalendars()).map((calendar) => calendar.year));
  return (await calendarsInForce()).map((calendar) => ({
    ...calendar,
    shipped: !uploaded.has(calendar.year) && shippedCalendars.includes(calendar),
  }));
}

export const calendarOperations = [
  defineOperation({
    route: "GET /holiday-calendars",
    operationId: "listHolidayCalendars",
    summary: "节假日安排 · The holiday calendars in force",
    tag: "calendars",
    responses: [
      { status: 200, description: "One calendar per year", schema: "HolidayCalendarList" },
      ...commonErrors(),
    ],
    async handle() {
      return ok({ items: await listInForce() });
    },
  }),
  defineOperation({
    route: "PUT /holiday-calendars/{year}",
    allow: ["admin"],
    path: calendarYearPath,
    operationId: "putHolidayCalendar",
    summary: "更新某年节假日安排 · Replace a year's holiday calendar (admin)",
    description:
      "Holidays (days off) and make-up workdays (调休上班) of one year, from the State Council notice.",
    tag: "calendars",
    body: calendarInput,
    responses: [
      { status: 200, description: "Saved; the calendars now in force", schema: "HolidayCalendarList" },
      ...commonErrors(400, 403),
    ],
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
      return ok({ items: await listInForce() });
    },
  }),
];
