/**
 * The definition for the local runtime: the `TopicLoop` construct (workflows/topic-loop.ts, the one
 * source of truth) synthesized in a throwaway app, with every ARN made concrete. There is no
 * hand-written ASL anywhere.
 */
import { App, Stack } from "aws-cdk-lib";
import { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import type { CfnStateMachine } from "aws-cdk-lib/aws-stepfunctions";
import { TopicLoop } from "../../../workflows/topic-loop";

export interface TopicLoopDefinitionOptions {
  /** Default `local`. */
  readonly region?: string;
  /** Default `000000000000`. */
  readonly account?: string;
  /** Default `topic-loop`. */
  readonly stateMachineName?: string;
  /** The name of the placeholder task function in the definition's ARNs. Default `topic-loop`. */
  readonly functionName?: string;
  /** CDK context (feature flags), e.g. cdk.json's. */
  readonly context?: Record<string, unknown>;
}

export interface TopicLoopDefinition {
  /** The Amazon States Language definition, every ARN concrete. */
  readonly definition: AslDefinition;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  /** The task function's ARN as it appears in the definition. */
  readonly taskFunctionArn: string;
}

/** An Amazon States Language document (only what callers look at is typed). */
export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Record<string, AslState>;
  readonly Comment?: string;
  readonly TimeoutSeconds?: number;
}

export interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Parameters?: Record<string, unknown>;
  readonly TimeoutSeconds?: number;
  readonly TimeoutSecondsPath?: string;
  readonly Retry?: readonly { readonly ErrorEquals: readonly string[] }[];
  readonly Catch?: readonly { readonly ErrorEquals: readonly string[]; readonly Next: string }[];
  readonly Next?: string;
  readonly [key: string]: unknown;
}

const pseudo = (region: string, account: string): Record<string, string> => ({
  "AWS::Partition": "aws",
  "AWS::Region": region,
  "AWS::AccountId": account,
  "AWS::URLSuffix": "amazonaws.com",
});

/** Evaluates the few intrinsics a resolved definition string can hold (Fn::Join of pseudo refs). */
function evaluate(value: unknown, refs: Record<string, string>): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const join = record["Fn::Join"];
    if (Array.isArray(join) && typeof join[0] === "string" && Array.isArray(join[1])) {
      const [separator, parts] = join as [string, unknown[]];
      return parts.map((part) => evaluate(part, refs)).join(separator);
    }
    const ref = record.Ref;
    if (typeof ref === "string" && refs[ref] !== undefined) return refs[ref];
  }
  throw new Error(`cannot evaluate ${JSON.stringify(value)} in the topic loop's definition`);
}

/**
 * Synthesizes the `TopicLoop` construct in a throwaway app, with a placeholder task function of a
 * known ARN, and returns its definition with every ARN concrete. The local runtime runs this.
 */
export function topicLoopDefinition(options: TopicLoopDefinitionOptions = {}): TopicLoopDefinition {
  const region = options.region ?? "local";
  const account = options.account ?? "000000000000";
  const stateMachineName = options.stateMachineName ?? "topic-loop";
  const functionName = options.functionName ?? "topic-loop";
  const app = new App({ context: { ...options.context } });
  const stack = new Stack(app, "TopicLoopDefinition", { env: { region, account } });
  const taskFunctionArn = `arn:aws:lambda:${region}:${account}:function:${functionName}`;
  const taskFunction = LambdaFunction.fromFunctionAttributes(stack, "TaskFunction", {
    functionArn: taskFunctionArn,
    sameEnvironment: true,
  });
  const loop = new TopicLoop(stack, "TopicLoop", {
    taskFunction,
    logRetention: 1,
    stateMachineName,
  });
  const cfn = loop.stateMachine.node.defaultChild as CfnStateMachine;
  const text = evaluate(stack.resolve(cfn.definitionString), pseudo(region, account));
  return {
    definition: JSON.parse(text) as AslDefinition,
    stateMachineArn: `arn:aws:states:${region}:${account}:stateMachine:${stateMachineName}`,
    stateMachineName,
    taskFunctionArn,
  };
}
