/** Lambda entry: the topic state machine's tasks, chosen by the payload's `action`. */
import { NotFoundError } from "./domain/errors";
import { isTopicStep, type TopicStep, topicSteps } from "./domain/topics/steps";
import { logInfo, withLogScope } from "./kernel/log";
import { awaitStep } from "./topics/loop/await-step";
import { enterStep, enterStepOnly } from "./topics/loop/enter-step";
import { InvalidTaskInput, TopicNotFound } from "./topics/loop/errors";
import { remind } from "./topics/loop/remind";
import { resumeStep } from "./topics/loop/resume-step";
import { defaultTopicServices, type TopicServices } from "./topics/services";

export { InvalidTaskInput } from "./topics/loop/errors";

/** The payloads the state machine sends (workflows/topic-loop.ts builds them). */
export type TaskEvent = (
  | { readonly action: "resumeStep"; readonly topicId: string; readonly step: TopicStep }
  | {
      readonly action: "enterStep";
      readonly topicId: string;
      readonly step: TopicStep;
      /** The wait's token, parked with the entry; none from an execution of the older definition. */
      readonly taskToken?: string | undefined;
    }
  | {
      readonly action: "remind";
      readonly topicId: string;
      readonly step: TopicStep;
      /** `$$.Execution.StartTime`: an ISO 8601 date-time with Z or an offset. */
      readonly executionStartedAt?: string | undefined;
    }
  | {
      readonly action: "awaitStep";
      readonly topicId: string;
      readonly step: TopicStep;
      readonly taskToken: string;
    }
) & {
  /** `$$.Execution.Name`: on the task's log lines, and recorded on the topic when its token parks. */
  readonly executionName?: string | undefined;
};

const actions = ["enterStep", "resumeStep", "remind", "awaitStep"];
const text = (value: unknown, max = Number.POSITIVE_INFINITY): value is string =>
  typeof value === "string" && value.length >= 1 && value.length <= max;

/**
 * What is wrong with a task payload, one problem a line (none: it is a TaskEvent). Checked by hand:
 * four flat shapes need no schema library (zod was a tenth of this bundle, docs/decisions/0010).
 */
export function taskEventProblems(event: unknown): string[] {
  if (typeof event !== "object" || event === null) return ["the task input must be an object"];
  const { action, topicId, step, executionStartedAt, taskToken, executionName } = event as Record<
    string,
    unknown
  >;
  const problems: string[] = [];
  if (executionName !== undefined && !text(executionName, 80))
    problems.push("executionName must be a string of 1 to 80 characters");
  if (!actions.includes(action as string)) problems.push(`action must be one of ${actions.join(", ")}`);
  if (!text(topicId, 64)) problems.push("topicId must be a string of 1 to 64 characters");
  if (!(typeof step === "string" && isTopicStep(step)))
    problems.push(`step must be one of ${topicSteps.join(", ")}`);
  const started = action === "remind" ? executionStartedAt : undefined;
  if (
    started !== undefined &&
    !(
      text(started, 64) &&
      /^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/.test(started) &&
      Date.parse(started) > 0
    )
  )
    problems.push("executionStartedAt must be an ISO 8601 date-time with Z or an offset");
  if (action === "awaitStep" && !text(taskToken)) problems.push("taskToken must be a non-empty string");
  if (action === "enterStep" && taskToken !== undefined && !text(taskToken))
    problems.push("taskToken must be a non-empty string");
  return problems;
}

/** The fields of the payload's action, no others (as the state machine's payloads hold). */
function taskEvent(event: Record<string, unknown>): TaskEvent {
  const { action, topicId, step, executionStartedAt, taskToken, executionName } = event as Record<
    string,
    string
  >;
  const base = {
    topicId: topicId as string,
    step: step as TopicStep,
    ...(executionName ? { executionName } : {}),
  };
  if (action === "remind") return { action, ...base, ...(executionStartedAt ? { executionStartedAt } : {}) };
  if (action === "awaitStep") return { action, ...base, taskToken: taskToken as string };
  if (action === "enterStep") return { action, ...base, ...(taskToken ? { taskToken } : {}) };
  return { action: "resumeStep", ...base };
}

function run(services: TopicServices, input: TaskEvent) {
  switch (input.action) {
    case "enterStep":
      return input.taskToken
        ? enterStep(services, { ...input, taskToken: input.taskToken })
        : enterStepOnly(services, input);
    case "resumeStep":
      return resumeStep(services, input);
    case "remind":
      return remind(services, input);
    case "awaitStep":
      return awaitStep(services, input);
  }
}

/** What the task's log lines carry: the invocation, the topic, its execution, the task and step. */
function logFields(input: TaskEvent, context: { readonly awsRequestId?: string } | undefined) {
  return {
    ...(context?.awsRequestId ? { requestId: context.awsRequestId } : {}),
    topicId: input.topicId,
    ...(input.executionName ? { executionName: input.executionName } : {}),
    task: input.action,
    step: input.step,
  };
}

export async function handler(event: unknown, context?: { readonly awsRequestId?: string }) {
  const problems = taskEventProblems(event);
  if (problems.length > 0) throw new InvalidTaskInput(problems.join("\n"));
  const input = taskEvent(event as Record<string, unknown>);
  return withLogScope(logFields(input, context), async () => {
    try {
      const result = await run(defaultTopicServices(), input);
      // One line per task: the topic's story in its execution (what it waits for, and how long).
      logInfo("topic loop task done", result ? { ...result } : {});
      return result;
    } catch (error) {
      // Named for the state machine's Retry rules: a topic that is gone is not worth a retry.
      if (error instanceof NotFoundError && error.resource === "topic")
        throw new TopicNotFound(`topic ${input.topicId} does not exist`);
      throw error;
    }
  });
}
