/**
 * Lambda entry: the county's scheduled jobs, run by EventBridge Scheduler (locally, by the local
 * scheduler on the same clock). The schedule's payload names the job.
 */
import { defaultActivityServices, runDutyRoster } from "./activities/duty-roster";
import type { RequestedCheck } from "./activities/quota/check-launcher";
import { runRequestedCheck } from "./activities/quota/requested-check";
// The quarterly quota check (decision 0022).
import { scheduledQuotaCheck } from "./activities/quota/scheduled-check";
import { logInfo, withLogScope } from "./kernel/log";
import { type ScheduledJob, scheduledJobs } from "./kernel/schedules";
import { repairNoticeQueue } from "./notices/delivery-store";
import { watchHolidayCalendars } from "./topics/calendar-watch";
import { defaultRecoveryServices, defaultTopicServices } from "./topics/services";
import { defaultSweepGraceSeconds, sweepTopicLoops } from "./topics/sweep";

export interface ScheduledJobEvent {
  readonly job: ScheduledJob;
  /** A quarterly check the county office asked for, claimed by its request (POST /quota-checks). */
  readonly requested?: RequestedCheck;
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
      return event.requested
        ? runRequestedCheck(defaultTopicServices(), event.requested)
        : scheduledQuotaCheck(defaultTopicServices());
    // The notices' work queue (decision 0014).
    case "noticeQueueRepair":
      return { repaired: await repairNoticeQueue() };
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

/** The payload, checked by hand: four strings need no schema library (zod was 13 kB here). */
function jobEvent(event: unknown): ScheduledJobEvent {
  const fields = typeof event === "object" && event !== null ? (event as Record<string, unknown>) : {};
  const job = fields.job;
  if (!scheduledJobs.includes(job as ScheduledJob))
    throw new InvalidJobInput(`job must be one of ${scheduledJobs.join(", ")}, not ${JSON.stringify(job)}`);
  if (fields.requested === undefined) return { job: job as ScheduledJob };
  return { job: job as ScheduledJob, requested: requestedCheck(job, fields.requested) };
}

function requestedCheck(job: unknown, value: unknown): RequestedCheck {
  const requested = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const { checkId, claimId, asOf } = requested;
  const texts = [checkId, claimId, asOf].every((text) => typeof text === "string" && text.length > 0);
  if (job !== "quarterlyCheck" || !texts || Number.isNaN(Date.parse(asOf as string)))
    throw new InvalidJobInput("requested must be a quarterly check's {checkId, claimId, asOf}");
  return { checkId, claimId, asOf } as RequestedCheck;
}

export async function handler(event: unknown, context?: { readonly awsRequestId?: string }) {
  const job = jobEvent(event);
  return withLogScope(
    { ...(context?.awsRequestId ? { requestId: context.awsRequestId } : {}), job: job.job },
    async () => {
      const outcome = await run(job);
      logInfo("scheduled job done", { ...outcome });
      return outcome;
    },
  );
}
