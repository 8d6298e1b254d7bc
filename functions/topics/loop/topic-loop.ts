/**
 * The port in front of the state machine that carries each topic through its steps. Use cases talk
 * to this interface only; `step-functions.ts` is its one adapter (AWS, or the local runtime's Step
 * Functions endpoint — see docs/decisions/0008-parts-and-an-application-layer.md).
 */
import type { ExecutionStatus } from "../../domain/topics/recovery";
import type { TopicStep } from "../../domain/topics/steps";

/** What an execution starts with: the step to enter (or to resume, after a restart). */
export interface LoopInput {
  readonly topicId: string;
  readonly step: TopicStep;
  readonly resume: boolean;
  /** The wait of the step's entry (waiting.ts `entryWait`); without it, the step is resumed. */
  readonly waitSeconds?: number;
}

/** What a waiting execution is handed: the decision taken on its step. */
export interface LoopDecision {
  readonly topicId: string;
  readonly outcome: "advance" | "return" | "close" | "rearm";
  readonly step: TopicStep;
  /**
   * The wait of the entry of `step` (waiting.ts `entryWait`), with an advance or a return. Without it
   * the execution resumes the step instead of entering it (a re-arm; a decision from an older version).
   */
  readonly waitSeconds?: number;
}

export interface TopicLoop {
  /** Starts the topic's execution; a repeated start under the same name is a no-op. */
  start(input: LoopInput, executionName: string): Promise<void>;
  /** Hands a decision to the execution waiting on `taskToken`; false when nothing waits on it any more. */
  deliver(taskToken: string, decision: LoopDecision): Promise<boolean>;
}

/** What runs: the sweeper and the re-drive ask before they start a topic's loop again. */
export interface LoopExecutions {
  /** The names of every running execution. */
  runningNames(): Promise<ReadonlySet<string>>;
  /** The status of one execution; undefined when there is no such execution. */
  status(executionName: string): Promise<ExecutionStatus | undefined>;
}
