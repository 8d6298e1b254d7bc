/**
 * Lambda entry: the county's scheduled jobs, run by EventBridge Scheduler (locally, by the local
 * scheduler on the same clock). The schedule's payload names the job.
 */
import * as z from "zod/mini";
import { logInfo, withLogScope } from "./kernel/log";
import { scheduledJobs } from "./kernel/schedules";
import { watchHolidayCalendars } from "./topics/calendar-watch";
import { defaultTopicServices } from "./topics/services";

const jobEvent = z.object({ job: z.enum(scheduledJobs) });

export type ScheduledJobEvent = z.output<typeof jobEvent>;

export class InvalidJobInput extends Error {
  override readonly name = "InvalidJobInput";
}

async function run(event: ScheduledJobEvent) {
  switch (event.job) {
    case "holidayCalendarWatch":
      return watchHolidayCalendars(defaultTopicServices());
  }
}

export async function handler(event: unknown) {
  const parsed = jobEvent.safeParse(event);
  if (!parsed.success) throw new InvalidJobInput(z.prettifyError(parsed.error));
  return withLogScope({ job: parsed.data.job }, async () => {
    const outcome = await run(parsed.data);
    logInfo("scheduled job done", { ...outcome });
    return outcome;
  });
}
