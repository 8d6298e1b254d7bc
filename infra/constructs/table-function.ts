/**
 * A Lambda function with this project's defaults, and a binder that gives it least-privilege access
 * to the table and tells it the table's name. Modelled on the Powertools for AWS Lambda (TypeScript)
 * example `FunctionWithLogGroup` (examples/app/cdk/function-with-logstream-construct.ts).
 */
import { Duration, Validations } from "aws-cdk-lib";
import { Effect, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, LoggingFormat, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import {
  type BundlingOptions,
  Charset,
  NodejsFunction,
  type NodejsFunctionProps,
  OutputFormat,
} from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { bundleSettings } from "../bundling";
import { fromRoot } from "../paths";
import type { FunctionArchitecture } from "../settings";
import type { BindableTable } from "./app-table";

/** The runtime every function uses; the bundles target the same Node.js major. */
export const functionRuntime = Runtime.NODEJS_22_X;

/**
 * esbuild settings shared by every function (see ../bundling.ts). The AWS SDK is bundled, not taken
 * from the runtime, so the code runs against the exact SDK version it was tested with and only the
 * clients it imports are loaded.
 */
export const defaultBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  mainFields: [...bundleSettings.mainFields],
  target: bundleSettings.target,
  minify: bundleSettings.minify,
  sourceMap: false,
  charset: Charset.UTF8,
  bundleAwsSDK: true,
  externalModules: [],
  banner: bundleSettings.banner,
  define: { ...bundleSettings.define },
  // `alias` is not a BundlingOptions field of its own; CDK passes this on as `--alias:<from>=<to>`.
  // `charset` is one, but CDK drops it on the way to esbuild (aws/aws-cdk#32649, open): without
  // `--charset=utf8` every Chinese character of a bundle became a six-byte `\uXXXX` escape.
  esbuildArgs: {
    "--alias": Object.entries(bundleSettings.alias).map(([from, to]) => `${from}=${to}`),
    "--charset": bundleSettings.charset,
  },
};

/** The construct-tree context that carries the county's `architecture` setting to every function. */
const architectureContextKey = "haoshangliang:functionArchitecture";

/**
 * Every TableFunction under `scope` (a stack, before its children are made) runs on `architecture`.
 * Context rather than a prop, so that the constructs between the stack and its functions need not
 * pass it on.
 */
export function setFunctionArchitecture(scope: Construct, architecture: FunctionArchitecture): void {
  scope.node.setContext(architectureContextKey, architecture);
}

/** The architecture set for `scope`'s stack; arm64 (Graviton) when none was. */
export function functionArchitecture(scope: Construct): Architecture {
  const value: unknown = scope.node.tryGetContext(architectureContextKey);
  if (value === undefined || value === "arm64") return Architecture.ARM_64;
  if (value === "x86_64") return Architecture.X86_64;
  throw new Error(`${architectureContextKey} must be arm64 or x86_64, not ${String(value)}`);
}

export interface TableFunctionProps
  extends Omit<NodejsFunctionProps, "entry" | "runtime" | "architecture" | "role" | "logGroup"> {
  /** The entry file, relative to the repository root, e.g. `functions/registry.ts`. */
  readonly entry: string;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

export type TableAccess = "read" | "readWrite";

export interface BindTableOptions {
  readonly table: BindableTable;
  /** @default "read" */
  readonly access?: TableAccess;
  /**
   * Allow `Scan` on the table and its indexes. Request paths never scan; only a sharded sweep
   * (the quarterly check) may ask for it.
   * @default false
   */
  readonly allowScan?: boolean;
  /** @default "TABLE_NAME" */
  readonly envVarName?: string;
}

/** Item reads. Transactions need no actions of their own: they are authorized item by item. */
const readActions = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
];
const writeActions = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
];

/**
 * A NodejsFunction on Node.js 22, arm64 unless the stack says x86_64, with an explicit log group
 * (retention set, no log-retention custom resource), its own role with no managed policies (it may write to its log group and
 * nothing else until bound), JSON logs and tracing off.
 */
export class TableFunction extends NodejsFunction {
  readonly functionLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TableFunctionProps) {
    const { entry, logRetention, bundling, environment, ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: logRetention ?? RetentionDays.ONE_MONTH,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of ${id}: its log group, plus what bindTable grants`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      handler: "handler",
      timeout: Duration.seconds(10),
      memorySize: 512,
      tracing: Tracing.DISABLED,
      loggingFormat: LoggingFormat.JSON,
      ...rest,
      entry: fromRoot(entry),
      projectRoot: fromRoot("."),
      depsLockFilePath: fromRoot("package-lock.json"),
      runtime: functionRuntime,
      // The bundles are plain JavaScript (no native addons), so one bundle serves either; the
      // architecture is passed on so that Docker bundling, if ever used, builds for the same platform.
      architecture: functionArchitecture(scope),
      role,
      logGroup,
      environment: { ...environment },
      bundling: { ...defaultBundling, ...bundling },
    });
    this.functionLogGroup = logGroup;
    Validations.of(this).acknowledge({
      id: "AwsSolutions-L1",
      reason:
        "Node.js 22 (a supported LTS runtime) is pinned on purpose: the bundles target node22 and the " +
        "local runtime and tests run on the same major. Moving to a newer runtime is a one-line change " +
        "(functionRuntime) made together with the bundle target and the local Node.js version.",
    });
  }

  /**
   * Grants access to the table and its named indexes (never `*`, never `index/*`) and sets the
   * environment variable that holds the table's name.
   */
  bindTable({
    table,
    access = "read",
    allowScan = false,
    envVarName = "TABLE_NAME",
  }: BindTableOptions): void {
    const { tableArn, tableName } = table.table;
    const query = allowScan ? ["dynamodb:Query", "dynamodb:Scan"] : ["dynamodb:Query"];
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: allowScan ? [...readActions, "dynamodb:Scan"] : readActions,
        resources: [tableArn],
      }),
    );
    if (table.indexArns.length > 0) {
      this.addToRolePolicy(
        new PolicyStatement({ effect: Effect.ALLOW, actions: query, resources: [...table.indexArns] }),
      );
    }
    if (access === "readWrite") {
      this.addToRolePolicy(
        new PolicyStatement({ effect: Effect.ALLOW, actions: writeActions, resources: [tableArn] }),
      );
    }
    // A table with a customer-managed key (decision 0026): its key, for these actions only.
    const key = table.table.encryptionKey;
    if (key) {
      const keyActions = ["kms:Decrypt", "kms:DescribeKey"];
      if (access === "readWrite") keyActions.push("kms:Encrypt", "kms:GenerateDataKey");
      this.addToRolePolicy(
        new PolicyStatement({ effect: Effect.ALLOW, actions: keyActions, resources: [key.keyArn] }),
      );
    }
    this.addEnvironment(envVarName, tableName);
  }
}
