/** Holiday calendars uploaded by an admin; they replace the shipped calendar of the same year. */
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { Calendars, HolidayCalendar } from "../../domain/topics/calendar";
import { shippedCalendars } from "../../domain/topics/holidays";
import { dynamodb, tableName } from "../../kernel/table/client";
import { queryAll, toItem } from "../../kernel/table/items";
import { calendarKey, calendarPartition } from "../../kernel/table/keys";

export async function storedCalendars(): Promise<HolidayCalendar[]> {
  return queryAll<HolidayCalendar>({ partition: { name: "PK", value: calendarPartition } });
}

export async function saveCalendar(calendar: HolidayCalendar): Promise<void> {
  await dynamodb().send(
    new PutItemCommand({
      TableName: tableName(),
      Item: toItem(calendar, calendarKey(calendar.year), "calendar"),
    }),
  );
}

/** The calendars in force: uploaded ones, and the shipped ones for years nobody uploaded. */
export async function calendarsInForce(): Promise<Calendars> {
  const uploaded = await storedCalendars();
  const years = new Set(uploaded.map((calendar) => calendar.year));
  return [...uploaded, ...shippedCalendars.filter((calendar) => !years.has(calendar.year))].sort(
    (a, b) => a.year - b.year,
  );
}
