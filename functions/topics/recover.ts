/**
 * Starting a stranded topic's loop again (decision 0026): from its stored step, resumed when that
 * step's entry was made, entered afresh otherwise. The sweeper (sweep.ts) does it for every stranded
 * topic; the county office does it for one (`POST /topics/{topicId}/redrive`).
 */
import { ConflictError, NotFoundError } from "../domain/errors";
import {
  type LoopExecutions as KnownExecutions,
  loopHealth,
  type Recovery,
  type RecoveryReason,
  recoveryExecutionName,
  topicOfExecution,
} from "../domain/topics/recovery";
import { logInfo } from "../kernel/log";
import type { LoopExecutions } from "./loop/topic-loop";
import { entryWait } from "./loop/waiting";
import type { RecoveryServices } from "./services";
import { calendarsInForce } from "./store/calendars";
import { findTopic, recordExecutionName, type StoredTopic, type StreakChange } from "./store/topics";

export interface Restarted extends Recovery {
  readonly executionName: string;
}

/** The ids of topics some running execution carries. */
export async function topicsRunning(executions: LoopExecutions): Promise<Set<string>> {
  const running = new Set<string>();
  for (const name of await executions.runningNames()) running.add(topicOfExecution(name));
  return running;
}

/** What is known of one topic's executions, given the topics that run. */
export async function knownExecutions(
  executions: LoopExecutions,
  topic: StoredTopic,
  running: ReadonlySet<string>,
): Promise<KnownExecutions> {
  if (running.has(topic.id)) return { running: true };
  const lastStatus = topic.executionName ? await executions.status(topic.executionName) : undefined;
  return { running: false, lastStatus };
}

/**
 * Records the recovery's execution on the topic, then starts it, with what it does to the sweeper's
 * streak (`streak`; a re-drive clears it). Undefined, starting nothing, when the topic changed since
 * it was judged: another recovery restarted it first, or it closed.
 */
export async function restart(
  services: RecoveryServices,
  recovery: Recovery,
  topic: StoredTopic,
  streak: StreakChange,
): Promise<Restarted | undefined> {
  const executionName = recoveryExecutionName(recovery.topicId, topic.stepSeq, services.now());
  if (!(await recordExecutionName(recovery.topicId, executionName, topic.executionName, streak))) {
    logInfo("topic loop restarted by another recovery meanwhile", { topicId: recovery.topicId });
    return undefined;
  }
  // A step never entered is entered by the new execution, which needs the entry's wait up front.
  const entry = recovery.resume
    ? {}
    : { waitSeconds: entryWait(topic, services.now(), await calendarsInForce()) };
  await services.loop.start(
    { topicId: recovery.topicId, step: recovery.step, resume: recovery.resume, ...entry },
    executionName,
  );
  logInfo("topic loop restarted", { ...recovery, executionName });
  return { ...recovery, executionName };
}

/**
 * Re-drives one topic now (no grace period: someone asked). 404 for an unknown topic, 409
 * `loop_running` while an execution carries it, and the topic's own 409 when it is closed.
 */
export async function redriveTopic(services: RecoveryServices, topicId: string): Promise<Restarted> {
  const topic = await findTopic(topicId);
  if (!topic) throw new NotFoundError("topic", topicId);
  const known = await knownExecutions(services.executions, topic, await topicsRunning(services.executions));
  const health = loopHealth(topic, known, services.now(), 0);
  if (health.kind === "closed") {
    const problem = {
      field: "",
      code: "topic_closed",
      message: "topic_closed",
      params: { closedAs: topic.closedAs ?? "completed" },
    };
    throw new ConflictError("wrong_step", topic.version, [problem]);
  }
  if (health.kind !== "stranded") throw new ConflictError("loop_running", topic.version);
  // Someone looked at it: the sweeper's back-off starts afresh.
  const restarted = await restart(services, health.recovery, topic, "clear");
  if (!restarted) throw new ConflictError("loop_running", topic.version);
  return restarted;
}

export type { RecoveryReason, RecoveryServices };
