/**
 * One county's deployment: the table, the API functions bound to it, the topic loop (state machine
 * and its task function), the scheduled jobs, the sign-in (a user pool, or the county's OIDC
 * provider) and the HTTP API.
 */
import {
  ArnFormat,
  CfnOutput,
  Duration,
  Stack,
  type StackProps,
  Tags,
  Token,
  Validations,
} from "aws-cdk-lib";
import { Alarm } from "aws-cdk-lib/aws-cloudwatch";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import { type ApiFunctionName, routes } from "../functions/kernel/http/routes";
import { TopicLoop } from "../workflows/topic-loop";
import { ApiDomain } from "./constructs/api-domain";
import { AppTable } from "./constructs/app-table";
import { type ConsoleIdentity, ConsoleSite } from "./constructs/console-site";
import { CountyDashboard } from "./constructs/county-dashboard";
import { CountySchedules } from "./constructs/county-schedules";
import { NoticeSender } from "./constructs/notice-sender";
import { OperationsAlerts } from "./constructs/operations-alerts";
import { createSignIn, type SignIn } from "./constructs/sign-in";
import { StaffApi } from "./constructs/staff-api";
import type { StaffAuth } from "./constructs/staff-auth";
import { TableBackup } from "./constructs/table-backup";
import { setFunctionArchitecture, type TableAccess, TableFunction } from "./constructs/table-function";
import { noticeSenderSpecs } from "./delivery";
import { nagResource } from "./nag";
import type { CountySettings } from "./settings";

export interface HaoshangliangStackProps extends StackProps {
  readonly settings: CountySettings;
}

/** The environment every function gets (functions/config.ts reads it; TABLE_NAME comes from bindTable). */
export function functionEnvironment(settings: CountySettings): Record<string, string> {
  return {
    COUNTY_NAME: settings.county,
    COUNTY_TIME_ZONE: settings.timeZone,
    DEFAULT_LANGUAGE: settings.defaultLanguage,
    ...(settings.smsSignature ? { SMS_SIGNATURE: settings.smsSignature } : {}),
    ...settings.noticeRules,
    ...(settings.topicCategories ? { TOPIC_CATEGORIES: settings.topicCategories } : {}),
    ...(settings.quotaTargets ? { QUOTA_TARGETS: settings.quotaTargets } : {}),
    ...(settings.evaluationWeights ? { EVALUATION_WEIGHTS: settings.evaluationWeights } : {}),
  };
}

/** What each API function is for, and the least table access it needs. */
export const apiFunctions: Readonly<
  Record<ApiFunctionName, { readonly description: string; readonly access: TableAccess }>
> = {
  meta: { description: "好商量 API: health and the OpenAPI document", access: "read" },
  stations: {
    description: "好商量 API: stations and rooms, assignments, member suggestions",
    access: "readWrite",
  },
  members: {
    description: "好商量 API: the register of members and the contacts directory",
    access: "readWrite",
  },
  topics: {
    description: "好商量 API: topics through the six-step loop, notifications, calendars",
    access: "readWrite",
  },
  activities: {
    description: "好商量 API: activities, duty shifts, 社情民意, the year's plan and the 4+X quota",
    access: "readWrite",
  },
  "quota-checks": {
    description: "好商量 API: the quarterly check on demand, handed to the jobs' function, and its results",
    access: "readWrite",
  },
};

/** The API functions that drive the topic loop: start executions and deliver decisions. */
export const topicLoopClients: readonly ApiFunctionName[] = [
  "topics",
  // 社情民意 promoted to a topic starts its execution.
  "activities",
];

/** `stations` → `StationsFunction`, `quota-checks` → `QuotaChecksFunction`: the construct id of an API function. */
export function apiFunctionId(name: ApiFunctionName): string {
  const words = name.split("-").map((word) => `${word[0]?.toUpperCase() ?? ""}${word.slice(1)}`);
  return `${words.join("")}Function`;
}

/** The stack's name for a county: `Haoshangliang-<slug>`. */
export function stackNameFor(settings: CountySettings): string {
  return `Haoshangliang-${settings.countySlug}`;
}

export class HaoshangliangStack extends Stack {
  readonly table: AppTable;
  readonly apiFunctions: Readonly<Record<ApiFunctionName, TableFunction>>;
  /** The state machine's task function (functions/topic-loop.ts). */
  readonly topicLoopFunction: TableFunction;
  readonly topicLoop: TopicLoop;
  /** The stack's Cognito user pool; none with `identity=oidc` (decision 0024). */
  readonly auth: StaffAuth | undefined;
  readonly signIn: SignIn;
  readonly api: StaffApi;
  readonly schedules: CountySchedules;
  readonly notices: NoticeSender;
  readonly alerts: OperationsAlerts;
  readonly dashboard: CountyDashboard;
  readonly backup: TableBackup;
  /** The console's bucket and distribution, when the `console` setting is on. */
  readonly console: ConsoleSite | undefined;

  constructor(scope: Construct, id: string, props: HaoshangliangStackProps) {
    const { settings, ...stackProps } = props;
    super(scope, id, {
      description: `好商量 consultation platform for ${settings.countySlug}`,
      ...stackProps,
    });
    Tags.of(this).add("app", "haoshangliang");
    Tags.of(this).add("county", settings.countySlug);
    setFunctionArchitecture(this, settings.architecture);

    this.table = new AppTable(this, "Data", { tableKey: settings.operations.tableKey });
    this.backup = new TableBackup(this, "Backup", {
      table: this.table.table,
      retentionDays: settings.operations.backupRetentionDays,
    });
    ({ topicLoopFunction: this.topicLoopFunction, topicLoop: this.topicLoop } = this.#topicLoop(settings));
    this.apiFunctions = this.#apiFunctions(settings);
    this.schedules = this.#schedules(settings);
    this.notices = new NoticeSender(this, "Notices", {
      table: this.table,
      // An environment-agnostic stack (no region known at synth) counts as in a global region.
      specs: noticeSenderSpecs(
        settings.delivery,
        Token.isUnresolved(this.region) ? undefined : this.region,
        settings.smsSignature,
      ),
      // Delivered notices leave the table after their retention (decision 0026).
      environment: {
        ...functionEnvironment(settings),
        NOTICE_RETENTION_DAYS: String(settings.operations.noticeRetentionDays),
      },
      logRetention: settings.logRetention,
    });
    this.signIn = createSignIn(this, {
      identity: settings.identity,
      mfa: settings.mfa,
      language: settings.defaultLanguage,
    });
    this.auth = this.signIn.userPool;
    for (const fn of Object.values(this.apiFunctions)) {
      for (const [key, value] of Object.entries(this.signIn.environment)) fn.addEnvironment(key, value);
    }
    // The console's distribution depends on nothing of the API's, so the API's CORS may name it.
    const consoleSite = settings.console ? new ConsoleSite(this, "Console") : undefined;
    this.console = consoleSite;
    this.api = new StaffApi(this, "Api", {
      handlers: this.apiFunctions,
      jwtIssuer: this.signIn.issuer,
      jwtAudience: this.signIn.audiences,
      allowedOrigins: settings.allowedOrigins ?? (consoleSite ? [consoleSite.url] : ["*"]),
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
      logRetention: settings.logRetention,
    });

    this.alerts = this.#alerts(settings);
    this.dashboard = new CountyDashboard(this, "Dashboard", {
      dashboardName: this.stackName,
      stateMachine: this.topicLoop.stateMachine,
      httpApi: this.api.httpApi,
      alarms: this.node.findAll().filter((child): child is Alarm => child instanceof Alarm),
    });

    if (settings.apiDomain) new ApiDomain(this, "ApiDomain", { api: this.api, domain: settings.apiDomain });
    new CfnOutput(this, "ApiUrl", { value: this.api.url, description: "Base URL of the staff API" });
    if (consoleSite) {
      // The client's callback is the distribution's address; the distribution needs nothing of the pool.
      const hostedUi = this.signIn.userPool?.enableConsoleSignIn(consoleSite.url, settings.countySlug);
      consoleSite.deploy({
        apiUrl: this.api.url,
        identity: consoleIdentity(this.signIn, settings, hostedUi?.signOutUrl),
        logRetention: settings.logRetention,
      });
      new CfnOutput(this, "ConsoleUrl", { value: consoleSite.url, description: "The 工作台 console" });
    }
    new CfnOutput(this, "TableName", { value: this.table.table.tableName });
    new CfnOutput(this, "TopicLoopArn", { value: this.topicLoop.stateMachineArn });
  }

  /**
   * The topic loop's name (and so its ARN) is fixed before anything refers to it: the task function
   * is told the ARN, and the machine's definition names the function.
   */
  #topicLoop(settings: CountySettings): { topicLoopFunction: TableFunction; topicLoop: TopicLoop } {
    const topicLoopFunction = new TableFunction(this, "TopicLoopFunction", {
      entry: "functions/topic-loop.ts",
      description: "好商量 topic loop: the state machine's tasks (enter, await, remind, resume a step)",
      environment: functionEnvironment(settings),
      logRetention: settings.logRetention,
      timeout: Duration.seconds(30),
    });
    topicLoopFunction.bindTable({ table: this.table, access: "readWrite" });
    const topicLoop = new TopicLoop(this, "TopicLoop", {
      taskFunction: topicLoopFunction,
      logRetention: settings.logRetention,
      stateMachineName: `${this.stackName}-topic-loop`,
    });
    topicLoopFunction.addEnvironment("TOPIC_LOOP_ARN", topicLoop.stateMachineArn);
    // Awaiting a step delivers a decision that arrived before the token was parked.
    grantTaskResponse(topicLoopFunction, topicLoop.stateMachineArn);
    return { topicLoopFunction, topicLoop };
  }

  #apiFunctions(settings: CountySettings): Record<ApiFunctionName, TableFunction> {
    const servedFunctions = new Set<ApiFunctionName>(routes.map((route) => route.function));
    const functions = {} as Record<ApiFunctionName, TableFunction>;
    for (const name of servedFunctions) {
      const fn = new TableFunction(this, apiFunctionId(name), {
        entry: `functions/${name}.ts`,
        description: apiFunctions[name].description,
        environment: functionEnvironment(settings),
        logRetention: settings.logRetention,
      });
      fn.bindTable({ table: this.table, access: apiFunctions[name].access });
      functions[name] = fn;
    }
    // Only functions some route names exist; the record's type claims all of them.
    const served: Partial<Record<ApiFunctionName, TableFunction>> = functions;
    for (const name of topicLoopClients) {
      const fn = served[name];
      if (!fn) continue;
      fn.addEnvironment("TOPIC_LOOP_ARN", this.topicLoop.stateMachineArn);
      grantStartExecution(fn, this.topicLoop.stateMachineArn);
      grantTaskResponse(fn, this.topicLoop.stateMachineArn);
    }
    // POST /topics/{topicId}/redrive asks what runs before it starts a topic again (decision 0026).
    if (served.topics) grantLoopInspection(served.topics, this.topicLoop);
    return functions;
  }

  /** The alerts topic and the alarms the other constructs lack (decision 0026). */
  #alerts(settings: CountySettings): OperationsAlerts {
    return new OperationsAlerts(this, "Alerts", {
      alertEmail: settings.operations.alertEmail,
      watchErrors: {
        ...Object.fromEntries(
          Object.entries(this.apiFunctions).map(([name, fn]) => [apiFunctionId(name as ApiFunctionName), fn]),
        ),
        TopicLoopFunction: this.topicLoopFunction,
      },
      watchThrottles: {
        ScheduledJobsFunction: this.schedules.function,
        ...Object.fromEntries(this.notices.functions.map((fn) => [fn.node.id, fn])),
      },
      table: this.table.table,
      httpApi: this.api.httpApi,
    });
  }

  #schedules(settings: CountySettings): CountySchedules {
    const schedules = new CountySchedules(this, "Schedules", {
      table: this.table,
      timeZone: settings.timeZone,
      environment: functionEnvironment(settings),
      logRetention: settings.logRetention,
    });
    // A re-planned deadline wakes the topic's waiting execution to plan its alarms afresh.
    schedules.function.addEnvironment("TOPIC_LOOP_ARN", this.topicLoop.stateMachineArn);
    grantTaskResponse(schedules.function, this.topicLoop.stateMachineArn);
    // The sweeper restarts open topics whose execution is gone (decision 0026).
    grantStartExecution(schedules.function, this.topicLoop.stateMachineArn);
    grantLoopInspection(schedules.function, this.topicLoop);
    // A quarterly check the county office asks for is handed to the jobs' function (decision 0022).
    const checks: TableFunction | undefined = this.apiFunctions["quota-checks"];
    if (checks) {
      checks.addEnvironment("SCHEDULED_JOBS_FUNCTION", schedules.function.functionName);
      // The function itself, not `grantInvoke`'s `:*` too: no version or alias is ever invoked.
      checks.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["lambda:InvokeFunction"],
          resources: [schedules.function.functionArn],
        }),
      );
    }
    return schedules;
  }
}

/** The console's sign-in: the API's issuer, the first audience as the client id, the token the API checks. */
function consoleIdentity(
  signIn: SignIn,
  settings: CountySettings,
  signOutUrl: string | undefined,
): ConsoleIdentity {
  return {
    issuer: signIn.issuer,
    clientId: signIn.audiences[0] ?? "",
    tokenUse: settings.identity.tokenUse,
    ...(signOutUrl ? { signOutUrl } : {}),
  };
}

/** Start executions of the topic loop (a topic registered, a restart resumed). */
function grantStartExecution(fn: TableFunction, stateMachineArn: string): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["states:StartExecution"],
      resources: [stateMachineArn],
    }),
  );
}

/**
 * Answer the loop's waiting tasks. IAM's reference lists no resource type for these actions, but a
 * callback token is authorized against its state machine (as CDK's `grantTaskResponse` and the AWS
 * SAM `StepFunctionsCallbackPolicy` template scope it), so the grant names the one machine.
 */
function grantTaskResponse(fn: TableFunction, stateMachineArn: string): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["states:SendTaskSuccess", "states:SendTaskFailure"],
      resources: [stateMachineArn],
    }),
  );
}

/**
 * See which executions of the topic loop run, and how one ended (the sweeper and the re-drive,
 * decision 0026): ListExecutions on the machine, DescribeExecution on its executions.
 */
function grantLoopInspection(fn: TableFunction, topicLoop: TopicLoop): void {
  const stack = Stack.of(fn);
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["states:ListExecutions"],
      resources: [topicLoop.stateMachineArn],
    }),
  );
  const executions = stack.formatArn({
    service: "states",
    resource: "execution",
    resourceName: `${topicLoop.stateMachineName}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["states:DescribeExecution"],
      resources: [executions],
    }),
  );
  if (fn.role) {
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResource(stack, executions)}]`,
      reason:
        "states:DescribeExecution on the executions of the one topic loop (`execution:<machine>:*`): an " +
        "execution's ARN is its machine's and its own name, and the sweeper asks about any topic's.",
    });
  }
}
