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
  type RestartStreak,
  recoveryExecutionName,
  topicOfExecution,
} from "../domain/topics/recovery";
import { logInfo } from "../kernel/log";
import type { LoopExecutions } from "./loop/topic-loop";
import type { RecoveryServices } from "./services";
import { findTopic, recordExecutionName, type StoredTopic } from "./store/topics";

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
 * Starts the recovery's execution and records its name on the topic, with the sweeper's streak of
 * restarts (`restarts`; none when a person re-drives the topic: the back-off starts afresh).
 */
export async function restart(
  services: RecoveryServices,
  recovery: Recovery,
  stepSeq: number,
  restarts?: RestartStreak,
): Promise<Restarted> {
  const executionName = recoveryExecutionName(recovery.topicId, stepSeq, services.now());
  await recordExecutionName(recovery.topicId, executionName, restarts);
  await services.loop.start(
    { topicId: recovery.topicId, step: recovery.step, resume: recovery.resume },
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
  return restart(services, health.recovery, topic.stepSeq);
}

export type { RecoveryReason, RecoveryServices };
