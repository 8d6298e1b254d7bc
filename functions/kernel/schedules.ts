/**
 * The county's scheduled jobs and when they run, in the county's time zone: the one list that the
 * AWS stack (EventBridge Scheduler) and the local scheduler both read. `functions/scheduled.ts` runs them.
 */
export const scheduledJobs = [
  "holidayCalendarWatch",
  // the duty roster (issue #12)
  "dutyRoster",
  // The quarterly quota check (decision 0022).
  "quarterlyCheck",
  // The sweeper: open topics whose execution is gone start again (decision 0026).
  "topicLoopSweep",
  // Notices waiting or failed but missing from the notices' work queue are put back (decision 0014).
  "noticeQueueRepair",
] as const;
export type ScheduledJob = (typeof scheduledJobs)[number];

export interface CountySchedule {
  readonly job: ScheduledJob;
  readonly description: string;
  /** Cron fields in the county's time zone; omitted ones are "every" (no minute: every minute of the hour). */
  readonly at: {
    readonly minute?: number;
    /** Omitted: every hour. */
    readonly hour?: number;
    /** A day of the month, or a range such as "1-10". */
    readonly day?: number | string;
    /** Months, e.g. "1,4,7,10". */
    readonly month?: string;
  };
}

export const countySchedules: readonly CountySchedule[] = [
  {
    job: "holidayCalendarWatch",
    description:
      "节假日安排提醒: asks the county office for a missing holiday calendar, re-plans open deadlines",
    // Before the working day, at the hour reminders go out.
    at: { minute: 0, hour: 8 },
  },
  // —— the duty roster (issue #12) ——
  {
    job: "dutyRoster",
    description:
      "值班提醒: reminds members of tomorrow's duty shift; marks missed shifts as no-shows and tells the station",
    at: { minute: 0, hour: 9 },
  },
  // The quarterly quota check (decision 0022).
  {
    job: "quarterlyCheck",
    description:
      "4+X 季度检查: 09:00 on days 1-10 of Jan/Apr/Jul/Oct; the job does nothing unless today is the quarter's first working day",
    // The first working day of a quarter falls within its first ten days (国庆 ends by 8 October).
    at: { minute: 0, hour: 9, day: "1-10", month: "1,4,7,10" },
  },
  // The sweeper (decision 0026).
  {
    job: "topicLoopSweep",
    description:
      "议题流程巡检: restarts every open topic whose execution is gone (failed, timed out, stopped, never started)",
    // Every hour, off the round hour the other jobs use.
    at: { minute: 17 },
  },
  // The notices' work queue (decision 0014, addendum of 2026-12-03).
  {
    job: "noticeQueueRepair",
    description:
      "通知队列校正: puts back in the senders' work queue any notice that waits or failed but is missing from it (one scan a day)",
    at: { minute: 43, hour: 3 },
  },
];

/** The standard five-field cron pattern of a schedule (the local scheduler's). */
export function cronPattern(schedule: CountySchedule): string {
  const { minute, hour, day, month } = schedule.at;
  return `${minute ?? "*"} ${hour ?? "*"} ${day ?? "*"} ${month ?? "*"} *`;
}
