/** Holiday calendars uploaded by an admin; they replace the shipped calendar of the same year. */
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { Calendars, HolidayCalendar } from "../../domain/topics/calendar";
import { withEstimates } from "../../domain/topics/estimated-holidays";
import { shippedCalendars } from "../../domain/topics/holidays";
import { dynamodb, tableName } from "../../kernel/table/client";
import { queryAll, toItem } from "../../kernel/table/items";
import { calendarKey, calendarPartition } from "../../kernel/table/keys";

export async function storedCalendars(): Promise<HolidayCalendar[]> {
  return queryAll<HolidayCalendar>({ partition: { name: "PK", value: calendarPartition } });
}

/**
 * Calendars change a few times a year; every decision and wake-up needs them. Kept for a minute per
 * function instance (an upload is seen at once by the instance that saved it, within a minute by the
 * others — a deadline a minute older is the same working day).
 */
const cacheMs = 60_000;
let cached: { readonly at: number; readonly calendars: Promise<Calendars> } | undefined;

export async function saveCalendar(calendar: HolidayCalendar): Promise<void> {
  cached = undefined;
  await dynamodb().send(
    new PutItemCommand({
      TableName: tableName(),
      Item: toItem(calendar, calendarKey(calendar.year), "calendar"),
    }),
  );
}

/**
 * The calendars in force: uploaded ones, the shipped ones for years nobody uploaded, and estimates by
 * the statutory rules for years with neither (each marked `estimated`).
 */
export function calendarsInForce(): Promise<Calendars> {
  if (cached && Date.now() - cached.at < cacheMs) return cached.calendars;
  const calendars = readCalendarsInForce();
  cached = { at: Date.now(), calendars };
  // A failed read is not kept: the next call tries again.
  calendars.catch(() => {
    if (cached?.calendars === calendars) cached = undefined;
  });
  return calendars;
}

async function readCalendarsInForce(): Promise<Calendars> {
  const uploaded = await storedCalendars();
  const years = new Set(uploaded.map((calendar) => calendar.year));
  return withEstimates([...uploaded, ...shippedCalendars.filter((calendar) => !years.has(calendar.year))]);
}
