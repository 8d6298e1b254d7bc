/**
 * Template assertions on the topic loop (docs/decisions/0006-topic-loop.md): the state machine's
 * wiring, its log, alarm and permissions, read from the synthesized stack; and the path of a full
 * loop through the six steps, followed along the definition's transitions (nothing executes).
 * The county's stack is synthesized once, without bundling (no assertion here looks at code).
 */
import { Stack } from "aws-cdk-lib";
import { Capture, Match, Template } from "aws-cdk-lib/assertions";
import { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicSteps } from "../../functions/domain/topics/steps";
import { routes } from "../../functions/kernel/http/routes";
import {
  type AslDefinition,
  type AslState,
  topicLoopDefinition,
} from "../../infra/local/workflow/topic-loop-definition";
import { cdkJsonContext } from "../../infra/paths";
import { apiFunctionId, topicLoopClients } from "../../infra/stack";
import { TopicLoop } from "../../workflows/topic-loop";
import { logicalIds, newApp, onlyLogicalId, removeAssemblies, type Synthesized, synthesize } from "./synth";

const SYNTH_TIMEOUT = 120_000;

/** The states by the names the ADR, the runbook and the local runtime use. */
const S = {
  start: "Start or resume?",
  enter: "Enter step",
  resume: "Resume step",
  await: "Await step",
  remind: "Remind or escalate",
  handOverChoice: "Hand over?",
  handOver: "Hand over to a fresh execution",
  handedOver: "Handed over",
  decided: "Decided?",
  closed: "Topic closed",
} as const;

/** The Lambda service's transient errors, as Step Functions names them; throttling included. */
const LAMBDA_SERVICE_ERRORS = [
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
];
/** The task function's transient errors (functions/topic-loop.ts), retried with backoff. */
const TASK_ERRORS_RETRIED = ["ThrottledError"];

let synthesized: Synthesized;
let template: Template;
/** The deployed definition, CloudFormation references left as `${Ref}` / `${LogicalId.Attr}`. */
let definitionText: string;
let asl: AslDefinition;
let machineId: string;
let machineName: string;
let machineArn: string;
let taskFunctionId: string;
let taskFunctionArn: string;

beforeAll(() => {
  synthesized = synthesize({ bundle: false });
  template = synthesized.template;
  machineId = onlyLogicalId(template, "AWS::StepFunctions::StateMachine");
  const definition = new Capture();
  template.hasResourceProperties("AWS::StepFunctions::StateMachine", { DefinitionString: definition });
  definitionText = render(definition.asObject());
  asl = JSON.parse(definitionText) as AslDefinition;
  machineName = `${synthesized.stack.stackName}-topic-loop`;
  machineArn = `arn:${ref("AWS::Partition")}:states:${ref("AWS::Region")}:${ref("AWS::AccountId")}:stateMachine:${machineName}`;
  taskFunctionId = functionLogicalId("TopicLoopFunction");
  taskFunctionArn = ref(`${taskFunctionId}.Arn`);
}, SYNTH_TIMEOUT);

afterAll(removeAssemblies);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** How `render` writes a reference: `${AWS::Region}`, `${LogicalId.Arn}`. */
function ref(name: string): string {
  return `\${${name}}`;
}

/** A CloudFormation value (string, Ref, Fn::GetAtt, Fn::Join of those) as text. */
function render(value: unknown): string {
  if (typeof value === "string") return value;
  const object = record(value);
  if (typeof object.Ref === "string") return ref(object.Ref);
  const getAtt = object["Fn::GetAtt"];
  if (Array.isArray(getAtt) && getAtt.length === 2) return ref(`${getAtt[0]}.${getAtt[1]}`);
  const join = object["Fn::Join"];
  if (Array.isArray(join) && typeof join[0] === "string" && Array.isArray(join[1])) {
    return join[1].map(render).join(join[0]);
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

function resource(logicalId: string): Record<string, unknown> {
  return record(template.toJSON().Resources[logicalId]);
}

function properties(logicalId: string): Record<string, unknown> {
  return record(resource(logicalId).Properties);
}

/** The logical id of the one Lambda function made by the construct of this id. */
function functionLogicalId(constructId: string): string {
  const ids = logicalIds(template, "AWS::Lambda::Function").filter((id) =>
    new RegExp(`^${constructId}[0-9A-F]{8}$`).test(id),
  );
  if (ids.length !== 1 || !ids[0]) throw new Error(`expected one function ${constructId}, found ${ids}`);
  return ids[0];
}

function roleOf(logicalId: string, roleProperty: string): string {
  const role = record(properties(logicalId)[roleProperty])["Fn::GetAtt"];
  if (!Array.isArray(role) || typeof role[0] !== "string") throw new Error(`${roleProperty} is not a GetAtt`);
  return role[0];
}

/** Every statement of every policy attached to the role. */
function statementsOf(roleId: string): Record<string, unknown>[] {
  const policies = template.findResources("AWS::IAM::Policy", {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  const inline = asList(properties(roleId).Policies).map((policy) => record(policy).PolicyDocument);
  return [
    ...Object.values(policies).map((policy) => record(record(policy).Properties).PolicyDocument),
    ...inline,
  ]
    .flatMap((document) => asList(record(document).Statement))
    .map(record);
}

function actionsOf(statement: Record<string, unknown>): string[] {
  return asList(statement.Action).map(String);
}

function resourcesOf(statement: Record<string, unknown>): string[] {
  return asList(statement.Resource).map(render);
}

function stateOf(definition: AslDefinition, name: string): AslState {
  const state = definition.States[name];
  if (!state) throw new Error(`no state "${name}" in ${Object.keys(definition.States).join(", ")}`);
  return state;
}

function retriersOf(state: AslState): Record<string, unknown>[] {
  return asList(state.Retry).map(record);
}

function catchersOf(state: AslState): Record<string, unknown>[] {
  return asList(state.Catch).map(record);
}

function errorsOf(rule: Record<string, unknown>): string[] {
  return asList(rule.ErrorEquals).map(String);
}

/** The states that invoke the task function, in either integration. */
function lambdaTasks(definition: AslDefinition, functionArn: string): [string, AslState][] {
  return Object.entries(definition.States).filter(
    ([, state]) =>
      state.Type === "Task" &&
      (state.Resource === functionArn || String(state.Resource).includes(":states:::lambda:invoke")),
  );
}

// --- Following the definition: Choice rules, Next, Catch (the transitions, not the tasks) ------

/** `$.a.b` in the state's data; absent paths are reported, not guessed. */
function lookup(data: unknown, path: string): { present: boolean; value?: unknown } {
  if (!path.startsWith("$.")) throw new Error(`unsupported path ${path}`);
  let value: unknown = data;
  for (const key of path.slice(2).split(".")) {
    if (typeof value !== "object" || value === null || !(key in value)) return { present: false };
    value = (value as Record<string, unknown>)[key];
  }
  return { present: true, value };
}

/** One Choice rule, with the operators the definition uses; anything else is a test failure. */
function matches(rule: Record<string, unknown>, data: unknown): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((inner) => matches(record(inner), data));
  if (Array.isArray(rule.Or)) return rule.Or.some((inner) => matches(record(inner), data));
  if (rule.Not !== undefined) return !matches(record(rule.Not), data);
  const variable = String(rule.Variable);
  const { present, value } = lookup(data, variable);
  if ("IsPresent" in rule) return present === rule.IsPresent;
  // Step Functions fails the execution (States.Runtime) when a compared path is absent.
  if (!present) throw new Error(`States.Runtime: ${variable} is not in the state's input`);
  if ("StringEquals" in rule) return value === rule.StringEquals;
  if ("BooleanEquals" in rule) return value === rule.BooleanEquals;
  throw new Error(`unsupported choice rule ${JSON.stringify(rule)}`);
}

/** The state a Choice goes to for this input. */
function choose(state: AslState, data: unknown): string {
  if (state.Type !== "Choice") throw new Error(`not a Choice: ${JSON.stringify(state)}`);
  for (const rule of asList(state.Choices).map(record)) {
    if (matches(rule, data)) return String(rule.Next);
  }
  if (typeof state.Default !== "string") throw new Error("States.NoChoiceMatched");
  return state.Default;
}

/** What a stubbed task does: its result, or a timeout. */
type TaskOutcome = Record<string, unknown> | "timeout";

/**
 * Follows the definition from StartAt: Choices by their rules, Tasks by Next (the stub's result
 * replaces the data unless ResultPath is null) or, on a timeout, by the catcher that matches
 * States.Timeout. Returns every state entered, in order, up to a Succeed.
 */
function walk(
  definition: AslDefinition,
  input: Record<string, unknown>,
  task: (name: string, data: Record<string, unknown>) => TaskOutcome,
): string[] {
  const path: string[] = [];
  let name = definition.StartAt;
  let data = input;
  while (path.length < 200) {
    const state = stateOf(definition, name);
    path.push(name);
    if (state.Type === "Succeed") return path;
    if (state.Type === "Choice") {
      name = choose(state, data);
      continue;
    }
    if (state.Type !== "Task") throw new Error(`unexpected ${state.Type} state "${name}"`);
    const outcome = task(name, data);
    if (outcome === "timeout") {
      const catcher = catchersOf(state).find((c) => errorsOf(c).includes("States.Timeout"));
      if (!catcher) throw new Error(`"${name}" timed out with no catcher: the execution fails`);
      if (catcher.ResultPath !== null) data = { Error: "States.Timeout" };
      name = String(catcher.Next);
    } else {
      if (state.ResultPath !== null) data = outcome;
      if (typeof state.Next !== "string") throw new Error(`"${name}" has no Next`);
      name = state.Next;
    }
  }
  throw new Error(`no end after ${path.length} states: ${path.join(" → ")}`);
}

/** A task's parameter object for this data: `key.$` taken from `$.…` paths, `$$.…` left as is. */
function parametersFor(parameters: unknown, data: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record(parameters)).map(([key, value]) => {
      if (!key.endsWith(".$")) return [key, value];
      const path = String(value);
      return [key.slice(0, -2), path.startsWith("$.") ? lookup(data, path).value : path];
    }),
  );
}

// ---------------------------------------------------------------------------------------------

describe("the topic loop's state machine", () => {
  it("is the one STANDARD state machine, named <stack>-topic-loop", () => {
    template.resourceCountIs("AWS::StepFunctions::StateMachine", 1);
    expect(machineName).toBe("Haoshangliang-demo-county-topic-loop");
    template.hasResourceProperties("AWS::StepFunctions::StateMachine", {
      StateMachineName: machineName,
      StateMachineType: "STANDARD",
      RoleArn: { "Fn::GetAtt": [Match.stringLikeRegexp("^TopicLoopStateMachineRole"), "Arn"] },
    });
  });

  it("logs every state at level ALL, without execution data, to its own log group with a retention", () => {
    const logging = record(properties(machineId).LoggingConfiguration);
    expect(logging.Level).toBe("ALL");
    expect(logging.IncludeExecutionData).toBe(false);
    const destinations = asList(logging.Destinations).map(record);
    expect(destinations).toHaveLength(1);
    const arn = record(record(destinations[0]?.CloudWatchLogsLogGroup).LogGroupArn)["Fn::GetAtt"];
    expect(Array.isArray(arn) && arn[1]).toBe("Arn");
    const logGroupId = String(Array.isArray(arn) ? arn[0] : "");
    expect(resource(logGroupId).Type).toBe("AWS::Logs::LogGroup");
    expect(properties(logGroupId)).toMatchObject({
      LogGroupName: `/aws/vendedlogs/states/${machineName}`,
      RetentionInDays: 30,
    });
    // A fixed name must not outlive the stack, or redeploying a deleted stack fails.
    expect(resource(logGroupId).DeletionPolicy).toBe("Delete");
  });

  it("has X-Ray tracing off by default", () => {
    expect(properties(machineId).TracingConfiguration).toEqual({ Enabled: false });
    const role = roleOf(machineId, "RoleArn");
    expect(statementsOf(role).flatMap(actionsOf)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^xray:/)]),
    );
  });

  it("deploys the definition topicLoopDefinition() gives the local runtime", () => {
    const region = "eu-test-1";
    const account = "123456789012";
    const local = topicLoopDefinition({
      context: cdkJsonContext(),
      stateMachineName: machineName,
      region,
      account,
    });
    const deployed = definitionText
      .replaceAll(ref("AWS::Partition"), "aws")
      .replaceAll(ref("AWS::Region"), region)
      .replaceAll(ref("AWS::AccountId"), account)
      .replaceAll(taskFunctionArn, local.taskFunctionArn);
    expect(deployed).not.toContain("${");
    expect(JSON.parse(deployed)).toEqual(local.definition);
  });
});

describe("the definition", () => {
  it("starts at the Choice Start or resume?: Resume step when $.resume is true or the entry's wait is missing, else Enter step", () => {
    expect(asl.StartAt).toBe(S.start);
    const start = stateOf(asl, S.start);
    expect(start.Type).toBe("Choice");
    expect(asList(start.Choices).map((rule) => record(rule).Next)).toEqual([S.resume, S.resume]);
    expect(start.Default).toBe(S.enter);
    expect(JSON.stringify(start.Choices)).toContain('"Variable":"$.resume"');
    expect(choose(start, { topicId: "t", step: "collect", resume: true, waitSeconds: 60 })).toBe(S.resume);
    expect(choose(start, { topicId: "t", step: "collect", resume: false, waitSeconds: 60 })).toBe(S.enter);
    // An input without `resume` starts the topic rather than failing on the absent path.
    expect(choose(start, { topicId: "t", step: "collect", waitSeconds: 60 })).toBe(S.enter);
    // Started by an older version, without the entry's wait: resumed (the Await step catches up),
    // rather than failing on an absent TimeoutSecondsPath.
    expect(choose(start, { topicId: "t", step: "collect", resume: false })).toBe(S.resume);
  });

  it("Resume and Remind call the task function with their action, topicId, step and execution name", () => {
    for (const [name, action] of [
      [S.resume, "resumeStep"],
      [S.remind, "remind"],
    ] as const) {
      const state = stateOf(asl, name);
      expect(state.Type).toBe("Task");
      expect(state.Resource).toBe(taskFunctionArn);
      expect(state.Parameters).toEqual({
        action,
        "topicId.$": "$.topicId",
        "step.$": "$.step",
        "executionName.$": "$$.Execution.Name",
        // Remind hands over before Step Functions' one-year limit, so it needs the execution's age.
        ...(action === "remind" ? { "executionStartedAt.$": "$$.Execution.StartTime" } : {}),
      });
    }
    expect(stateOf(asl, S.resume).Next).toBe(S.await);
    expect(stateOf(asl, S.remind).Next).toBe(S.handOverChoice);
  });

  it.each([
    [S.enter, "enterStep"],
    [S.await, "awaitStep"],
  ])("%s parks a task token and waits $.waitSeconds for the decision", (name, action) => {
    const state = stateOf(asl, name);
    expect(state.Type).toBe("Task");
    expect(state.Resource).toBe(`arn:${ref("AWS::Partition")}:states:::lambda:invoke.waitForTaskToken`);
    expect(state.TimeoutSecondsPath).toBe("$.waitSeconds");
    expect(state.TimeoutSeconds).toBeUndefined();
    expect(state.HeartbeatSeconds).toBeUndefined();
    expect(state.Parameters).toEqual({
      FunctionName: taskFunctionArn,
      Payload: {
        action,
        "topicId.$": "$.topicId",
        "step.$": "$.step",
        "waitSeconds.$": "$.waitSeconds",
        "taskToken.$": "$$.Task.Token",
        "executionName.$": "$$.Execution.Name",
      },
    });
    // The SendTaskSuccess output ({ topicId, outcome, step, waitSeconds }) is what Decided? looks at.
    for (const key of ["ResultPath", "ResultSelector", "OutputPath", "InputPath"]) {
      expect(state[key], key).toBeUndefined();
    }
    expect(state.Next).toBe(S.decided);
  });

  it.each([S.enter, S.await])(
    "%s catches only States.Timeout, into Remind or escalate, discarding the error",
    (name) => {
      expect(catchersOf(stateOf(asl, name))).toEqual([
        { ErrorEquals: ["States.Timeout"], ResultPath: null, Next: S.remind },
      ]);
    },
  );

  it("every Lambda task retries the Lambda service errors and the task's transient errors, with capped, jittered backoff", () => {
    const tasks = lambdaTasks(asl, taskFunctionArn);
    expect(tasks.map(([name]) => name).sort()).toEqual([S.await, S.enter, S.remind, S.resume].sort());
    for (const [name, state] of tasks) {
      const retriers = retriersOf(state);
      for (const error of [...LAMBDA_SERVICE_ERRORS, ...TASK_ERRORS_RETRIED]) {
        const retrier = retriers.find((candidate) => errorsOf(candidate).includes(error));
        expect(retrier, `${name} retries ${error}`).toBeDefined();
        expect(retrier, `${name} on ${error}`).toMatchObject({
          JitterStrategy: "FULL",
          MaxDelaySeconds: expect.any(Number),
          BackoffRate: expect.any(Number),
          IntervalSeconds: expect.any(Number),
          MaxAttempts: expect.any(Number),
        });
        expect(Number(retrier?.BackoffRate), `${name} backs off on ${error}`).toBeGreaterThan(1);
        expect(Number(retrier?.MaxAttempts), `${name} retries ${error} more than once`).toBeGreaterThan(1);
        expect(Number(retrier?.MaxDelaySeconds)).toBeGreaterThanOrEqual(Number(retrier?.IntervalSeconds));
      }
    }
  });

  it("never retries TopicNotFound or InvalidTaskInput, and retries anything else as a last resort", () => {
    for (const [name, state] of lambdaTasks(asl, taskFunctionArn)) {
      const retriers = retriersOf(state);
      // The first retrier that names an error is the one applied: these two come first, with none.
      // For Await step the timeout is its wake-up: Retry comes before Catch, so it must not be retried.
      const firstErrors = [
        "TopicNotFound",
        "InvalidTaskInput",
        ...(name === S.await || name === S.enter ? ["States.Timeout"] : []),
      ];
      expect(retriers[0], name).toMatchObject({ ErrorEquals: firstErrors, MaxAttempts: 0 });
      const named = retriers.slice(1).flatMap(errorsOf);
      expect(named, name).not.toContain("TopicNotFound");
      expect(named, name).not.toContain("InvalidTaskInput");
      // States.ALL only alone and last, as Step Functions requires; it catches raw SDK throttles.
      const last = retriers.at(-1);
      expect(last && errorsOf(last), name).toEqual(["States.ALL"]);
      expect(last, name).toMatchObject({ JitterStrategy: "FULL" });
      expect(Number(last?.MaxAttempts), name).toBeGreaterThan(3);
    }
    const catchers = Object.entries(asl.States).flatMap(([name, state]) =>
      catchersOf(state).map((catcher) => [name, errorsOf(catcher)]),
    );
    expect(catchers).toEqual([
      [S.enter, ["States.Timeout"]],
      [S.await, ["States.Timeout"]],
    ]);
  });

  it("bounds every task but the two waits with a TimeoutSeconds longer than the task function's timeout", () => {
    const functionTimeout = Number(properties(taskFunctionId).Timeout);
    expect(functionTimeout).toBeGreaterThan(0);
    const bounded = Object.entries(asl.States).filter(
      ([name, state]) => state.Type === "Task" && name !== S.await && name !== S.enter,
    );
    expect(bounded.map(([name]) => name).sort()).toEqual([S.handOver, S.remind, S.resume].sort());
    for (const [name, state] of bounded) {
      expect(state.TimeoutSecondsPath, name).toBeUndefined();
      expect(state.TimeoutSeconds, name).toEqual(expect.any(Number));
      expect(Number(state.TimeoutSeconds), name).toBeGreaterThan(functionTimeout);
    }
  });

  it("Hand over? hands over when Remind or escalate says restart, else waits again", () => {
    const choice = stateOf(asl, S.handOverChoice);
    expect(choose(choice, { topicId: "t", step: "collect", waitSeconds: 60, restart: true })).toBe(
      S.handOver,
    );
    expect(choose(choice, { topicId: "t", step: "collect", waitSeconds: 60, restart: false })).toBe(S.await);
  });

  it("the hand-over starts this same machine with resume: true, named after this execution, with retries", () => {
    const state = stateOf(asl, S.handOver);
    expect(state.Type).toBe("Task");
    // Request-response: the old execution ends; .sync would keep it (and its history) alive.
    expect(state.Resource).toBe(`arn:${ref("AWS::Partition")}:states:::states:startExecution`);
    const parameters = record(state.Parameters);
    expect(parameters.StateMachineArn).toBe(machineArn);
    expect(parameters.Input).toMatchObject({ "topicId.$": "$.topicId", "step.$": "$.step", resume: true });
    expect(String(parameters["Name.$"])).toMatch(/\$\.topicId.*\$\$\.Execution\.Name/);
    expect(state.ResultPath).toBeNull();
    const retriers = retriersOf(state);
    expect(retriers.flatMap(errorsOf)).toContain("States.TaskFailed");
    for (const retrier of retriers) {
      expect(retrier).toMatchObject({ JitterStrategy: "FULL", MaxDelaySeconds: expect.any(Number) });
      expect(Number(retrier.BackoffRate)).toBeGreaterThan(1);
      expect(Number(retrier.MaxAttempts)).toBeGreaterThan(1);
    }
    expect(state.Next).toBe(S.handedOver);
    expect(stateOf(asl, S.handedOver).Type).toBe("Succeed");
  });

  it("Decided? closes the topic on close, re-arms on rearm, otherwise enters the step the decision names", () => {
    const decided = stateOf(asl, S.decided);
    const wait = { waitSeconds: 3600 };
    expect(choose(decided, { topicId: "t", outcome: "close", step: "feedback" })).toBe(S.closed);
    expect(choose(decided, { topicId: "t", outcome: "advance", step: "research", ...wait })).toBe(S.enter);
    expect(choose(decided, { topicId: "t", outcome: "return", step: "collect", ...wait })).toBe(S.enter);
    // An extension re-plans the same step's alarms without entering it again.
    expect(choose(decided, { topicId: "t", outcome: "rearm", step: "research" })).toBe(S.resume);
    // A decision without the entry's wait (sent by an older version) resumes rather than fails.
    expect(choose(decided, { topicId: "t", outcome: "advance", step: "research" })).toBe(S.resume);
    expect(stateOf(asl, S.closed).Type).toBe("Succeed");
  });

  it("names only existing states and reaches every state from StartAt", () => {
    const targets = (state: AslState): string[] =>
      [
        state.Next,
        state.Default,
        ...asList(state.Choices).map((rule) => record(rule).Next),
        ...catchersOf(state).map((catcher) => catcher.Next),
      ].filter((target): target is string => typeof target === "string");
    const reached = new Set<string>([asl.StartAt]);
    const queue = [asl.StartAt];
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      for (const target of targets(stateOf(asl, name))) {
        if (!reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    expect([...reached].sort()).toEqual(Object.keys(asl.States).sort());
    expect(Object.keys(asl.States).sort()).toEqual(Object.values(S).sort());
  });
});

describe("a topic's path through the loop (topicLoopDefinition(), followed transition by transition)", () => {
  const definition = (): AslDefinition => topicLoopDefinition({ context: cdkJsonContext() }).definition;
  const topicId = "01JTOPIC0000000000000000AA";
  const resumed = (data: Record<string, unknown>) => ({
    topicId: data.topicId,
    step: data.step,
    waitSeconds: 3600,
  });
  const started = { topicId, step: topicSteps[0], resume: false, waitSeconds: 3600 };

  it("without reminders is 1 + 6 × 2 + 1 = 14 states: each step entered (and awaited in the same task) and decided, then closed", () => {
    expect(topicSteps).toHaveLength(6);
    const enteredSteps: unknown[] = [];
    const path = walk(definition(), started, (name, data) => {
      if (name !== S.enter) throw new Error(`unexpected task ${name}`);
      enteredSteps.push(data.step);
      const next = topicSteps[enteredSteps.length];
      return next
        ? { topicId, outcome: "advance", step: next, waitSeconds: 3600 }
        : { topicId, outcome: "close", step: data.step };
    });
    expect(path).toEqual([S.start, ...topicSteps.flatMap(() => [S.enter, S.decided]), S.closed]);
    expect(path).toHaveLength(1 + topicSteps.length * 2 + 1);
    expect(path).toHaveLength(14);
    expect(enteredSteps).toEqual([...topicSteps]);
  });

  it("on a timeout reminds with the wait's own input and waits again", () => {
    let remindedWith: unknown;
    const path = walk(definition(), { ...started, step: "consult" }, (name, data) => {
      if (name === S.enter) return "timeout";
      if (name === S.await) return { topicId, outcome: "close", step: data.step };
      if (name === S.remind) {
        remindedWith = data;
        return { topicId, step: data.step, waitSeconds: 1800, restart: false };
      }
      throw new Error(`unexpected task ${name}`);
    });
    expect(path).toEqual([S.start, S.enter, S.remind, S.handOverChoice, S.await, S.decided, S.closed]);
    expect(remindedWith).toEqual({ topicId, step: "consult", resume: false, waitSeconds: 3600 });
  });

  it("hands over to an execution that resumes the same step, without entering it anew", () => {
    const asl = definition();
    let handedOverInput: Record<string, unknown> = {};
    const first = walk(asl, { ...started, step: "research" }, (name, data) => {
      if (name === S.enter) return "timeout";
      if (name === S.remind) return { topicId, step: data.step, waitSeconds: 60, restart: true };
      if (name === S.handOver) {
        handedOverInput = parametersFor(record(stateOf(asl, S.handOver).Parameters).Input, data);
        return { ExecutionArn: "arn:aws:states:local:000000000000:execution:topic-loop:next" };
      }
      throw new Error(`unexpected task ${name}`);
    });
    expect(first).toEqual([S.start, S.enter, S.remind, S.handOverChoice, S.handOver, S.handedOver]);
    expect(handedOverInput).toMatchObject({ topicId, step: "research", resume: true });

    const second = walk(asl, handedOverInput, (name, data) => {
      if (name === S.resume) return resumed(data);
      if (name === S.await) return { topicId, outcome: "close", step: data.step };
      throw new Error(`unexpected task ${name}`);
    });
    expect(second).toEqual([S.start, S.resume, S.await, S.decided, S.closed]);
  });
});

describe("the alarms on executions that stopped", () => {
  it.each(["ExecutionsFailed", "ExecutionsTimedOut"])("fires on one %s of this machine", (metric) => {
    const alarms = template.findResources("AWS::CloudWatch::Alarm", {
      Properties: { MetricName: metric },
    });
    expect(Object.keys(alarms)).toHaveLength(1);
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/States",
      MetricName: metric,
      Dimensions: [{ Name: "StateMachineArn", Value: { Ref: machineId } }],
      Statistic: "Sum",
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
    });
  });
});

describe("permissions around the topic loop", () => {
  const functionNames = [...new Set(routes.map((route) => route.function))];

  function environmentOf(logicalId: string): Record<string, unknown> {
    return record(record(properties(logicalId).Environment).Variables);
  }

  /** The Step Functions actions the function's role allows, each with the resources it names. */
  function statesGrants(logicalId: string): { actions: string[]; resources: string[] } {
    const statements = statementsOf(roleOf(logicalId, "Role"));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of actionsOf(statement)) expect(action).not.toMatch(/^\*$|^states:\*$/);
    }
    const states = statements.filter((statement) =>
      actionsOf(statement).some((a) => a.startsWith("states:")),
    );
    for (const statement of states) expect(statement.Effect).toBe("Allow");
    return {
      actions: [...new Set(states.flatMap(actionsOf))].sort(),
      resources: [...new Set(states.flatMap(resourcesOf))],
    };
  }

  it("the task function knows the machine's ARN and may only answer its waiting tasks", () => {
    expect(render(environmentOf(taskFunctionId).TOPIC_LOOP_ARN)).toBe(machineArn);
    expect(statesGrants(taskFunctionId)).toEqual({
      actions: ["states:SendTaskFailure", "states:SendTaskSuccess"],
      resources: [machineArn],
    });
  });

  it.each(["topics", "activities"] as const)(
    "the %s function knows the machine's ARN, starts executions and answers waiting tasks",
    (name) => {
      // activities: a 社情民意 item promoted to a topic starts the topic's execution.
      expect(topicLoopClients).toEqual(["topics", "activities"]);
      const id = functionLogicalId(apiFunctionId(name));
      expect(render(environmentOf(id).TOPIC_LOOP_ARN)).toBe(machineArn);
      const grants = statesGrants(id);
      // topics: the re-drive also lists what runs and asks how an execution ended (decision 0026).
      const redrive = name === "topics" ? ["states:DescribeExecution", "states:ListExecutions"] : [];
      expect(grants.actions).toEqual(
        [...redrive, "states:SendTaskFailure", "states:SendTaskSuccess", "states:StartExecution"].sort(),
      );
      expect(grants.resources[0]).toBe(machineArn);
      expect(grants.resources.slice(1).map(render)).toEqual(
        name === "topics" ? [`${machineArn.replace(":stateMachine:", ":execution:")}:*`] : [],
      );
    },
  );

  it("no other API function gets the machine's ARN or any states: action", () => {
    const others = functionNames.filter((name) => !topicLoopClients.includes(name)).sort();
    expect(others).toEqual(["members", "meta", "quota-checks", "stations"]);
    for (const name of others) {
      const id = functionLogicalId(apiFunctionId(name));
      expect(environmentOf(id).TOPIC_LOOP_ARN, name).toBeUndefined();
      expect(statesGrants(id), name).toEqual({ actions: [], resources: [] });
    }
  });

  it("the state machine's role invokes only the task function and starts only this machine", () => {
    const statements = statementsOf(roleOf(machineId, "RoleArn"));
    for (const statement of statements) expect(statement.Effect).toBe("Allow");
    const lambda = statements.filter((statement) =>
      actionsOf(statement).some((a) => a.startsWith("lambda:")),
    );
    expect(lambda).toHaveLength(1);
    expect(actionsOf(lambda[0] ?? {})).toEqual(["lambda:InvokeFunction"]);
    expect(resourcesOf(lambda[0] ?? {}).sort()).toEqual([taskFunctionArn, `${taskFunctionArn}:*`].sort());

    const states = statements.filter((statement) =>
      actionsOf(statement).some((a) => a.startsWith("states:")),
    );
    expect(states.flatMap(actionsOf)).toEqual(["states:StartExecution"]);
    expect(states.flatMap(resourcesOf)).toEqual([machineArn]);

    // Only CloudWatch Logs' log delivery, which has no resource-level permissions, may name `*`.
    for (const statement of statements) {
      const actions = actionsOf(statement);
      expect(
        actions.every((action) => /^(lambda|states|logs):[A-Za-z]+$/.test(action)),
        String(actions),
      ).toBe(true);
      if (resourcesOf(statement).includes("*")) {
        for (const action of actions) expect(action).toMatch(/^logs:/);
      }
    }
  });
});

describe("the TopicLoop construct on its own", () => {
  function loopStack(id: string, props: { tracing?: boolean; stateMachineName?: string } = {}) {
    const app = newApp(false);
    const stack = new Stack(app, id, { env: { account: "123456789012", region: "eu-test-1" } });
    const taskFunction = LambdaFunction.fromFunctionAttributes(stack, "TaskFunction", {
      functionArn: "arn:aws:lambda:eu-test-1:123456789012:function:topic-loop",
      sameEnvironment: true,
    });
    const loop = new TopicLoop(stack, "TopicLoop", {
      taskFunction,
      logRetention: RetentionDays.TWO_WEEKS,
      ...props,
    });
    return { stack, loop };
  }

  it("defaults to the name <stack name>-topic-loop, tracing off, and the given log retention", () => {
    const { stack, loop } = loopStack("LoopDefaults");
    const defaults = Template.fromStack(stack);
    expect(loop.stateMachineName).toBe("LoopDefaults-topic-loop");
    defaults.hasResourceProperties("AWS::StepFunctions::StateMachine", {
      StateMachineName: "LoopDefaults-topic-loop",
      StateMachineType: "STANDARD",
      TracingConfiguration: { Enabled: false },
    });
    defaults.hasResourceProperties("AWS::Logs::LogGroup", {
      LogGroupName: "/aws/vendedlogs/states/LoopDefaults-topic-loop",
      RetentionInDays: 14,
    });
  });

  it("with tracing: true enables X-Ray and lets the machine's role write traces", () => {
    const { stack } = loopStack("LoopTraced", { tracing: true });
    const traced = Template.fromStack(stack);
    traced.hasResourceProperties("AWS::StepFunctions::StateMachine", {
      TracingConfiguration: { Enabled: true },
    });
    traced.hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(["xray:PutTraceSegments"]), Effect: "Allow" }),
        ]),
      },
    });
  });

  it("refuses a state machine name Step Functions would reject", () => {
    expect(() => loopStack("LoopBadName", { stateMachineName: "topic loop" })).toThrow(/must be 1 to 80/);
  });
});
