/**
 * The Lambda context object a function called in-process gets: the gateway's API functions and the
 * workflow runtime's task function alike.
 */
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

export interface ContextInput {
  readonly functionName: string;
  /** The function's configured timeout; getRemainingTimeInMillis counts down from it. */
  readonly timeoutMs: number;
  readonly startedAt: number;
}

/** The parts of Lambda's context object a handler can rely on. */
export function buildContext({ functionName, timeoutMs, startedAt }: ContextInput): Context {
  const deadline = startedAt + timeoutMs;
  const unsupported = (name: string) => () => {
    throw new Error(`context.${name}() is not supported; return a value or throw instead`);
  };
  const day = new Date(startedAt).toISOString().slice(0, 10).replaceAll("-", "/");
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]local`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported("done"),
    fail: unsupported("fail"),
    succeed: unsupported("succeed"),
  };
}
