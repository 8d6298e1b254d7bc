/**
 * Topics carried through the whole loop side by side on the local stack: once their executions have
 * ended the runtime holds nothing of them but a summary each (no history, no token), while
 * DescribeExecution through the SDK still answers for them and each topic's record — its step, its
 * timeline — is whole in the table.
 */
import { DescribeExecutionCommand, SFNClient } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicSteps } from "../../functions/domain/topics/steps";
import { type Api, startApi } from "../api/harness";
import {
  completeWhenReady,
  createTopic,
  executionEnded,
  executionsOf,
  kinds,
  readTopic,
  type StationWithLead,
  stationWithLead,
} from "./harness";

let api: Api;
let home: StationWithLead;

beforeAll(async () => {
  api = await startApi();
  home = await stationWithLead(api);
});

afterAll(async () => {
  expect(api?.takeServerErrors() ?? []).toEqual([]);
  await api?.stop();
});

describe("topics whose loops have ended", () => {
  it("leave only a summary of their executions in the runtime, described through the SDK, their timelines whole", async () => {
    const count = 6;
    const topics = await Promise.all(
      Array.from({ length: count }, async (_, n) => {
        const topic = await createTopic(api, home.station.id, { title: `老旧小区加装电梯 ${n + 1}` });
        for (const step of topicSteps) await completeWhenReady(api, topic.id, step, [home.lead.id]);
        const ended = await executionEnded(api, topic.id);
        expect(ended.status).toBe("SUCCEEDED");
        return topic;
      }),
    );

    expect(api.stack.workflow.retention()).toEqual({
      running: 0,
      ended: count,
      histories: 0,
      waitingTokens: 0,
      taskWaiters: 0,
    });

    const sfn = new SFNClient({
      region: "local",
      endpoint: api.stack.stepFunctionsEndpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    try {
      for (const topic of topics) {
        const [execution] = executionsOf(api, topic.id);
        if (!execution) throw new Error(`no execution for ${topic.id}`);
        expect(execution).toMatchObject({ status: "SUCCEEDED", stateTransitions: 14 });
        const described = await sfn.send(
          new DescribeExecutionCommand({ executionArn: execution.executionArn }),
        );
        expect(described.status).toBe("SUCCEEDED");
        expect(JSON.parse(described.input ?? "null")).toMatchObject({ topicId: topic.id, step: "collect" });
        expect(described.stopDate).toBeInstanceOf(Date);
        expect(() => api.stack.workflow.getExecutionHistory(execution.executionArn)).toThrow(/not kept/);

        const detail = await readTopic(api, topic.id);
        expect(detail).toMatchObject({ status: "closed", closedAs: "completed" });
        expect(kinds(detail).filter((kind) => kind === "step_completed")).toHaveLength(topicSteps.length);
      }
    } finally {
      sfn.destroy();
    }
  });
});
