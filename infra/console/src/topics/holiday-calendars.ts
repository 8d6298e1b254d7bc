/** The holiday calendars in force (GET /holiday-calendars), which working days are counted with. */
import type { Api } from "../api/client";
import { unwrap } from "../api/errors";
import type { HolidayCalendar } from "./working-days";

const cache = new WeakMap<Api, Promise<HolidayCalendar[]>>();

/** The calendars in force, fetched once per client (every deadline on a page shares them). */
export function holidayCalendars(api: Api): Promise<HolidayCalendar[]> {
  let calendars = cache.get(api);
  if (!calendars) {
    calendars = unwrap(api.GET("/holiday-calendars")).then((list) => list.items);
    calendars.catch(() => cache.delete(api));
    cache.set(api, calendars);
  }
  return calendars;
}
