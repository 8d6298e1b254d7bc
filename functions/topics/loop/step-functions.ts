/**
 * The topic loop on Step Functions: start an execution, deliver a decision to a parked task. Locally
 * STEPFUNCTIONS_ENDPOINT points the same SDK calls at the local runtime.
 */
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import type { ExecutionStatus } from "../../domain/topics/recovery";
import { localAwareClient, requiredSetting } from "../../kernel/service-client";
import type { LoopDecision, LoopExecutions, LoopInput, TopicLoop } from "./topic-loop";

export type { LoopInput } from "./topic-loop";

const sfn = localAwareClient("STEPFUNCTIONS_ENDPOINT", (options) => new SFNClient(options));

const stateMachineArn = () => requiredSetting("TOPIC_LOOP_ARN");

/** Starts the topic's execution; the name makes a repeated start of the same run a no-op. */
export async function startTopicLoop(input: LoopInput, executionName: string): Promise<void> {
  try {
    await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(),
        name: executionName,
        input: JSON.stringify(input),
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === "ExecutionAlreadyExists") return;
    throw error;
  }
}

/** Token errors mean the wait is over already (timed out and re-armed, or answered): not a failure. */
const staleTokenErrors = new Set(["TaskTimedOut", "InvalidToken", "TaskDoesNotExist"]);

/** Delivers a decision. Returns false when the token is no longer waiting. */
export async function deliverDecision(taskToken: string, decision: LoopDecision): Promise<boolean> {
  try {
    await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(decision) }));
    return true;
  } catch (error) {
    if (error instanceof Error && staleTokenErrors.has(error.name)) return false;
    throw error;
  }
}

export const stepFunctionsTopicLoop: TopicLoop = { start: startTopicLoop, deliver: deliverDecision };

/** `arn:…:stateMachine:<machine>` → `arn:…:execution:<machine>:<name>` (any partition). */
export function executionArnOf(stateMachine: string, executionName: string): string {
  return `${stateMachine.replace(":stateMachine:", ":execution:")}:${executionName}`;
}

/** The names of every running execution of the topic loop, all pages. */
export async function runningExecutionNames(): Promise<Set<string>> {
  const names = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await sfn().send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn(),
        statusFilter: "RUNNING",
        maxResults: 1000,
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    for (const execution of page.executions ?? []) if (execution.name) names.add(execution.name);
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

/** The status of one execution by name; undefined when there is none (never started, or expired). */
export async function executionStatus(executionName: string): Promise<ExecutionStatus | undefined> {
  try {
    const described = await sfn().send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn(), executionName) }),
    );
    return described.status as ExecutionStatus | undefined;
  } catch (error) {
    if (error instanceof Error && error.name === "ExecutionDoesNotExist") return undefined;
    throw error;
  }
}

export const stepFunctionsLoopExecutions: LoopExecutions = {
  runningNames: runningExecutionNames,
  status: executionStatus,
};
