/**
 * The local stand-in for EventBridge Scheduler: runs the county's scheduled jobs (the same
 * `countySchedules` the stack deploys) at their times in the county's zone, on the local clock — so
 * `--speed` makes the days, and the jobs, come faster. A missed time (the stack was down) is not made
 * up, as on AWS with a flexible window off; each job is written to run safely any number of times.
 */
import { Cron } from "croner";
import type { Clock } from "../../functions/kernel/clock";
import {
  type CountySchedule,
  countySchedules,
  cronPattern,
  type ScheduledJob,
} from "../../functions/kernel/schedules";

export interface LocalSchedulerOptions {
  readonly clock: Clock;
  readonly timeZone: string;
  /** Runs one job (the scheduled function's handler, in-process). */
  readonly run: (job: ScheduledJob) => Promise<unknown>;
  /** A line per run, its outcome or its error. */
  readonly log?: (line: string) => void;
  readonly schedules?: readonly CountySchedule[];
}

export interface ScheduledRun {
  readonly job: ScheduledJob;
  readonly next: Date;
}

export interface LocalScheduler {
  /** Each job's next time, on the local clock. */
  upcoming(): ScheduledRun[];
  stop(): Promise<void>;
}

/** Longest single timer: Node's limit is 2^31 ms; shorter keeps a sleeping laptop's wake-up prompt. */
const maxTimerMs = 60 * 60 * 1000;

const describe = (outcome: unknown) => (outcome === undefined ? "done" : JSON.stringify(outcome));

export function startLocalScheduler(options: LocalSchedulerOptions): LocalScheduler {
  const { clock, timeZone, log } = options;
  const timers = new Map<ScheduledJob, NodeJS.Timeout>();
  const next = new Map<ScheduledJob, Date>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const runNow = async (job: ScheduledJob) => {
    try {
      const outcome = await options.run(job);
      log?.(`${job}: ${describe(outcome)}`);
    } catch (error) {
      log?.(`${job} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const arm = (schedule: CountySchedule, cron: Cron) => {
    if (stopped) return;
    const at = next.get(schedule.job) ?? cron.nextRun(clock.now());
    if (!at) return;
    next.set(schedule.job, at);
    const waitMs = Math.min(
      maxTimerMs,
      Math.max(0, clock.realMs((at.getTime() - clock.now().getTime()) / 1000)),
    );
    const timer = setTimeout(() => {
      if (clock.now() < at) return arm(schedule, cron);
      next.delete(schedule.job);
      const run = runNow(schedule.job).finally(() => {
        running.delete(run);
        arm(schedule, cron);
      });
      running.add(run);
    }, waitMs);
    timer.unref();
    timers.set(schedule.job, timer);
  };

  for (const schedule of options.schedules ?? countySchedules) {
    arm(schedule, new Cron(cronPattern(schedule), { timezone: timeZone, paused: true }));
  }

  return {
    upcoming: () => [...next].map(([job, at]) => ({ job, next: at })),
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
