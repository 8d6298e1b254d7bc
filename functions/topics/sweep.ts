/**
 * The sweeper (decision 0026): every open topic whose execution is gone — it failed, timed out, was
 * stopped, or never started — is started again from its stored step. Hourly on AWS (a scheduled
 * job), and once when the local stack starts (no execution survives a local restart).
 */
import {
  loopHealth,
  type RecoveryReason,
  recoveryStartSeconds,
  restartBackOff,
  restartDue,
  streakAfterRestart,
} from "../domain/topics/recovery";
import { topicSteps } from "../domain/topics/steps";
import { logError, logInfo } from "../kernel/log";
import { emitMetric } from "../kernel/metrics";
import { knownExecutions, type RecoveryServices, type Restarted, restart, topicsRunning } from "./recover";
import { openTopics, type StoredTopic } from "./store/topics";

export interface SweepOptions {
  /**
   * A topic written this recently with no execution seen is left for the next sweep: registering
   * writes the topic, then starts its execution. 0 when nothing can be starting (local start-up).
   */
  readonly graceSeconds: number;
  /**
   * Default true: hold back topics whose loop keeps failing (decision 0026). False at the local
   * stack's start-up, where no execution survives and every open topic must start again.
   */
  readonly backOff?: boolean;
  /**
   * A recovery's execution recorded this recently and not known yet is starting (another sweep made
   * it): default `recoveryStartSeconds`; 0 at the local start-up, where nothing can be starting.
   */
  readonly startingSeconds?: number;
}

export interface SweepOutcome {
  readonly open: number;
  readonly running: number;
  readonly settling: number;
  readonly restarted: readonly Restarted[];
  /** Stranded after failed restarts, left for a later sweep (the back-off). */
  readonly backingOff: number;
  /** Stranded after as many failed restarts as the back-off allows: a person must re-drive them. */
  readonly givenUp: readonly string[];
  /** Topics whose restart failed this time (logged); the next sweep tries again. */
  readonly failed: number;
  readonly byReason: Partial<Record<RecoveryReason, number>>;
}

/** Ten minutes: far beyond a registration's write-then-start, far below the hour between sweeps. */
export const defaultSweepGraceSeconds = 600;

export async function sweepTopicLoops(
  services: RecoveryServices,
  options: SweepOptions,
): Promise<SweepOutcome> {
  // The running executions first: a topic registered after this list is read is young (grace), and
  // an execution handing over to a fresh one is still running while it does.
  const running = await topicsRunning(services.executions);
  const topics = await openTopics();
  const restarted: Restarted[] = [];
  const givenUp: string[] = [];
  const byReason: Partial<Record<RecoveryReason, number>> = {};
  let [settling, alive, failed, backingOff] = [0, 0, 0, 0];
  for (const topic of topics) {
    const known = await knownExecutions(services.executions, topic, running);
    const now = services.now();
    const starting = options.startingSeconds ?? recoveryStartSeconds;
    const health = loopHealth(topic, known, now, options.graceSeconds, starting);
    if (health.kind === "running") alive++;
    if (health.kind === "settling") settling++;
    if (health.kind !== "stranded") continue;
    const { reason } = health.recovery;
    const due = options.backOff === false ? { kind: "now" as const } : restartDue(topic, reason, now);
    if (due.kind === "later") backingOff++;
    if (due.kind === "givenUp") givenUp.push(topic.id);
    if (due.kind !== "now") continue;
    try {
      const streak = streakAfterRestart(topic, reason, now) ?? "keep";
      const made = await restart(services, health.recovery, topic, streak);
      if (made) {
        restarted.push(made);
        byReason[reason] = (byReason[reason] ?? 0) + 1;
      }
    } catch (error) {
      failed++;
      logError("a stranded topic could not be restarted", { topicId: topic.id }, error);
    }
  }
  reportOpenTopics(topics, services.now(), { restarted: restarted.length, failed, givenUp });
  return { open: topics.length, running: alive, settling, restarted, backingOff, givenUp, failed, byReason };
}

/**
 * The dashboard's gauges, from the list the sweep read anyway: open topics per step (0 too, so a
 * step with none shows a line), those past their deadline, and the topics restarted this time.
 */
function reportOpenTopics(
  topics: readonly StoredTopic[],
  now: Date,
  restarts: { readonly restarted: number; readonly failed: number; readonly givenUp: readonly string[] },
): void {
  const { restarted, failed, givenUp } = restarts;
  for (const step of topicSteps) {
    emitMetric("OpenTopics", topics.filter((topic) => topic.step === step).length, { Step: step });
  }
  const overdue = topics.filter(
    (topic) => topic.deadline !== undefined && Date.parse(topic.deadline) < now.getTime(),
  );
  emitMetric("OverdueTopics", overdue.length);
  emitMetric("TopicsRestarted", restarted);
  emitMetric("TopicRestartsFailed", failed);
  emitMetric("TopicsGivenUp", givenUp.length);
  if (givenUp.length > 0)
    logInfo("topics whose loop keeps failing wait for a person to re-drive them", {
      topicIds: givenUp.join(","),
      restarts: restartBackOff.maxRestarts,
    });
}
