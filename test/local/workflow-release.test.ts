/**
 * The local workflow runtime releases an execution once it has ended: nothing of its run stays (its
 * evaluator, its history, its task token), only the summary DescribeExecution answers with — so a
 * province of topics carried through their loops does not fill the memory. Here with a one-state
 * machine (a callback task) and a task function that only parks its token, behind the local Step
 * Functions endpoint the API's SDK client talks to.
 */
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from "@aws-sdk/client-sfn";
import { afterEach, describe, expect, it } from "vitest";
import { type SfnEndpoint, startSfnEndpoint } from "../../infra/local/sfn-endpoint";
import {
  startWorkflowRuntime,
  type TaskHandler,
  type TopicLoopDefinition,
  type WorkflowRuntime,
  type WorkflowRuntimeOptions,
} from "../../infra/local/workflow-runtime";

const stateMachineName = "release-test";
const stateMachineArn = `arn:aws:states:local:000000000000:stateMachine:${stateMachineName}`;

/** Await (a callback task whose payload carries its wait, as the topic loop's does) → Done. */
const definition: TopicLoopDefinition = {
  stateMachineArn,
  stateMachineName,
  taskFunctionArn: "arn:aws:lambda:local:000000000000:function:release-test",
  definition: {
    StartAt: "Await",
    States: {
      Await: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Parameters: {
          FunctionName: "arn:aws:lambda:local:000000000000:function:release-test",
          Payload: { "taskToken.$": "$$.Task.Token", "waitSeconds.$": "$.waitSeconds", "n.$": "$.n" },
        },
        TimeoutSecondsPath: "$.waitSeconds",
        Next: "Done",
      },
      Done: { Type: "Succeed" },
    },
  },
};

/** The task function: parks the token (returns), as awaitStep does. */
const parkOnly: TaskHandler = async () => ({});

let runtime: WorkflowRuntime | undefined;
let endpoint: SfnEndpoint | undefined;
let client: SFNClient | undefined;

async function start(options: WorkflowRuntimeOptions = {}) {
  runtime = await startWorkflowRuntime({ definition, taskHandler: parkOnly, ...options });
  endpoint = await startSfnEndpoint(runtime);
  client = new SFNClient({
    region: "local",
    endpoint: endpoint.url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  return { runtime, client };
}

afterEach(async () => {
  client?.destroy();
  await runtime?.stop();
  await endpoint?.close();
  client = undefined;
  runtime = undefined;
  endpoint = undefined;
});

/** Starts `count` executions, answers each parked token through the SDK, waits for them all to end. */
async function runToTheEnd(
  workflow: WorkflowRuntime,
  sfn: SFNClient,
  count: number,
): Promise<{ executionArns: string[]; tokens: string[] }> {
  const executionArns: string[] = [];
  const tokens: string[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, n) => {
      const { executionArn } = await workflow.startExecution({
        name: `execution-${n}`,
        input: { n, waitSeconds: 3600 },
      });
      executionArns[n] = executionArn;
      const task = await workflow.waitForTask(executionArn);
      tokens[n] = task.taskToken;
      await sfn.send(
        new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ n }) }),
      );
      const ended = await workflow.waitForExecution(executionArn);
      expect(ended.status).toBe("SUCCEEDED");
    }),
  );
  return { executionArns, tokens };
}

describe("an execution that has ended", () => {
  it("is released down to its summary: no history, no token, nothing running", async () => {
    const { runtime: workflow, client: sfn } = await start();
    await runToTheEnd(workflow, sfn, 200);

    expect(workflow.retention()).toEqual({
      running: 0,
      ended: 200,
      histories: 0,
      waitingTokens: 0,
      taskWaiters: 0,
    });
    expect(workflow.pendingTasks()).toEqual([]);
  });

  it("is still described through the SDK: status, dates, input, output, its states", async () => {
    const { runtime: workflow, client: sfn } = await start();
    const { executionArns } = await runToTheEnd(workflow, sfn, 3);
    const executionArn = executionArns[1] ?? "";

    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({
      executionArn,
      stateMachineArn,
      name: "execution-1",
      status: "SUCCEEDED",
      input: JSON.stringify({ n: 1, waitSeconds: 3600 }),
      output: JSON.stringify({ n: 1 }),
    });
    expect(described.startDate).toBeInstanceOf(Date);
    expect(described.stopDate?.getTime()).toBeGreaterThanOrEqual(described.startDate?.getTime() ?? 0);

    expect(workflow.describeExecution(executionArn)).toMatchObject({
      status: "SUCCEEDED",
      stateTransitions: 2,
      statesEntered: ["Await", "Done"],
    });
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: "SUCCEEDED" }));
    expect(listed.executions?.map((execution) => execution.name).sort()).toEqual([
      "execution-0",
      "execution-1",
      "execution-2",
    ]);
    // Its name stays taken while it is described, as on AWS.
    await expect(
      workflow.startExecution({ name: "execution-1", input: { n: 1, waitSeconds: 3600 } }),
    ).rejects.toMatchObject({ name: "ExecutionAlreadyExists" });
  });

  it("answers TaskTimedOut for its old token, and InvalidToken for a token never issued", async () => {
    const { runtime: workflow, client: sfn } = await start();
    const { tokens } = await runToTheEnd(workflow, sfn, 2);

    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[0] ?? "", output: "{}" })),
    ).rejects.toMatchObject({ name: "TaskTimedOut" });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: "not-a-token-of-this-runtime", output: "{}" })),
    ).rejects.toMatchObject({ name: "InvalidToken" });
    // A token of another runtime is not one of this runtime's either.
    const other = await startWorkflowRuntime({ definition, taskHandler: parkOnly });
    try {
      const { executionArn } = await other.startExecution({ input: { n: 0, waitSeconds: 3600 } });
      const foreign = await other.waitForTask(executionArn);
      await expect(workflow.sendTaskSuccess(foreign.taskToken, {})).rejects.toMatchObject({
        name: "InvalidToken",
      });
    } finally {
      await other.stop();
    }
  });

  it("keeps its history only when asked to, for the latest executions", async () => {
    const { runtime: workflow, client: sfn } = await start({ keepHistories: 2 });
    const { executionArns } = await runToTheEnd(workflow, sfn, 5);

    expect(workflow.retention()).toMatchObject({ ended: 5, histories: 2 });
    const kept = executionArns.filter((arn) => {
      try {
        return workflow.getExecutionHistory(arn).at(-1)?.type === "ExecutionSucceeded";
      } catch {
        return false;
      }
    });
    expect(kept).toHaveLength(2);
  });

  it("is forgotten once more than keepEndedExecutions have ended after it", async () => {
    const { runtime: workflow, client: sfn } = await start({ keepEndedExecutions: 3 });
    const first = await runToTheEnd(workflow, sfn, 1);
    for (let n = 1; n <= 3; n += 1) {
      const { executionArn } = await workflow.startExecution({
        name: `later-${n}`,
        input: { n, waitSeconds: 3600 },
      });
      const task = await workflow.waitForTask(executionArn);
      await workflow.sendTaskSuccess(task.taskToken, {});
      await workflow.waitForExecution(executionArn);
    }

    expect(workflow.retention()).toMatchObject({ running: 0, ended: 3 });
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArns[0] ?? "" })),
    ).rejects.toMatchObject({ name: "ExecutionDoesNotExist" });
  });
});

describe("a running execution", () => {
  it("holds its one waiting token and no history by default", async () => {
    const { runtime: workflow } = await start();
    const { executionArn } = await workflow.startExecution({
      name: "open",
      input: { n: 0, waitSeconds: 3600 },
    });
    const task = await workflow.waitForTask(executionArn);

    expect(workflow.retention()).toEqual({
      running: 1,
      ended: 0,
      histories: 0,
      waitingTokens: 1,
      taskWaiters: 0,
    });
    expect(workflow.pendingTasks(executionArn).map((pending) => pending.taskToken)).toEqual([task.taskToken]);
    expect(workflow.describeExecution(executionArn).status).toBe("RUNNING");
    expect(() => workflow.getExecutionHistory(executionArn)).toThrow(/not kept/);
  });
});
