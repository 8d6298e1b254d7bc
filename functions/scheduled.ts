/**
 * Lambda entry: the county's scheduled jobs, run by EventBridge Scheduler (locally, by the local
 * scheduler on the same clock). The schedule's payload names the job.
 */
import { defaultActivityServices, runDutyRoster } from "./activities/duty-roster";
// The quarterly quota check (decision 0022).
import { scheduledQuotaCheck } from "./activities/quota/scheduled-check";
import { logInfo, withLogScope } from "./kernel/log";
import { type ScheduledJob, scheduledJobs } from "./kernel/schedules";
import { watchHolidayCalendars } from "./topics/calendar-watch";
import { defaultRecoveryServices, defaultTopicServices } from "./topics/services";
import { defaultSweepGraceSeconds, sweepTopicLoops } from "./topics/sweep";

export interface ScheduledJobEvent {
  readonly job: ScheduledJob;
}

export class InvalidJobInput extends Error {
  override readonly name = "InvalidJobInput";
}

async function run(event: ScheduledJobEvent) {
  switch (event.job) {
    case "holidayCalendarWatch":
      return watchHolidayCalendars(defaultTopicServices());
    // the duty roster (issue #12)
    case "dutyRoster":
      return runDutyRoster(defaultActivityServices());
    // The quarterly quota check (decision 0022).
    case "quarterlyCheck":
      return scheduledQuotaCheck(defaultTopicServices());
    // The sweeper (decision 0026).
    case "topicLoopSweep":
      return sweepOutcome(
        await sweepTopicLoops(defaultRecoveryServices(), { graceSeconds: defaultSweepGraceSeconds }),
      );
  }
}

/** What the job's log line says: counts, and the topics restarted. */
function sweepOutcome(outcome: Awaited<ReturnType<typeof sweepTopicLoops>>) {
  const { restarted, ...counts } = outcome;
  return { ...counts, restarted: restarted.length, topicIds: restarted.map((r) => r.topicId) };
}

/** The schedule's payload, checked by hand: one field needs no schema library (zod was 13 kB here). */
function jobEvent(event: unknown): ScheduledJobEvent {
  const job = typeof event === "object" && event !== null ? (event as { job?: unknown }).job : undefined;
  if (!scheduledJobs.includes(job as ScheduledJob))
    throw new InvalidJobInput(`job must be one of ${scheduledJobs.join(", ")}, not ${JSON.stringify(job)}`);
  return { job: job as ScheduledJob };
}

export async function handler(event: unknown, context?: { readonly awsRequestId?: string }) {
  const { job } = jobEvent(event);
  return withLogScope(
    { ...(context?.awsRequestId ? { requestId: context.awsRequestId } : {}), job },
    async () => {
      const outcome = await run({ job });
      logInfo("scheduled job done", { ...outcome });
      return outcome;
    },
  );
}
