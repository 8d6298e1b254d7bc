/**
 * The pieces of the local stack, each with a start and a stop. `start.ts` runs them in order;
 * adding a piece (the scheduler, say) is one more entry in `localComponents`.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type CountySchedule, countySchedules } from "../../functions/kernel/schedules";
import { loadApiFunctions } from "./api-functions";
import { type LocalDelivery, startLocalDelivery } from "./delivery";
import { httpApi, type SeedOutcome, seedMarkerPath, seedOnce } from "./demo/seed";
import { demoSignIn } from "./demo-sign-in";
import {
  type DynamoDbLocal,
  localCredentials,
  localDynamoDbClient,
  localRegion,
  startDynamoDbLocal,
} from "./dynamodb-local";
import { type ExternalIdentity, externalConsoleConfig } from "./external-identity";
import { type ApiFunction, type Gateway, startGateway } from "./gateway";
import { drain } from "./gateway/request";
import type { LocalRoutes } from "./gateway/respond";
import { type LocalKeys, loadOrCreateKeys, localAudience, withIssuer } from "./keys";
import { startLambdaEndpoint } from "./lambda-endpoint";
import type { Component } from "./lifecycle";
import { localAdminSubjects, putLocalUser } from "./local-users";
import { redriveOpenTopics } from "./redrive";
import { type LocalScheduler, startLocalScheduler } from "./scheduler";
import { type SfnEndpoint, startSfnEndpoint } from "./sfn-endpoint";
import { clockEnvironmentKeys, installLocalClock, type LocalClock } from "./simulated-time";
import { writeStackFile } from "./stack-file";
import { ensureTable } from "./table";
import { signToken } from "./token";
import {
  type HistoryEvent,
  startWorkflowRuntime,
  type WorkflowRuntime,
  type WorkflowRuntimeOptions,
} from "./workflow-runtime";

export interface ResolvedStackOptions {
  /** API port; 0 picks a free one. */
  readonly port: number;
  readonly host: string;
  /** 0 picks a free one. */
  readonly dynamodbPort: number;
  /** Absolute. Keys always live here; the database too unless `inMemory`. */
  readonly dataDir: string;
  readonly inMemory: boolean;
  readonly seed: boolean;
  readonly tableName: string;
  readonly accessLog: ((line: string) => void) | undefined;
  /** The simulated clock runs this many times faster than real time (1: real time). */
  readonly speed: number;
  /** One line per scheduled job run (its outcome or its error). */
  readonly jobLog: ((line: string) => void) | undefined;
  /** One line per state the topic loop enters. */
  readonly workflowLog: ((line: string) => void) | undefined;
  /** The console's built files, served at / beside the API; undefined: none. */
  readonly consoleDir: string | undefined;
  /** Sign-in through this OpenID provider instead of the stack's own issuer; undefined: the stack's own. */
  readonly identity?: ExternalIdentity | undefined;
}

/** The notification outbox file (one JSON line per notification) in a data directory. */
export const outboxPath = (dataDir: string) => join(dataDir, "outbox.jsonl");

/** What the components build up, in start order. */
export interface StackState {
  readonly options: ResolvedStackOptions;
  dynamodb?: DynamoDbLocal;
  client?: DynamoDBClient;
  keys?: LocalKeys;
  /** The API's Lambda functions by name, loaded in-process. */
  functions?: Readonly<Record<string, ApiFunction>>;
  gateway?: Gateway;
  seed?: SeedOutcome | { readonly kind: "disabled" };
  clock?: LocalClock;
  workflow?: { readonly runtime: WorkflowRuntime; readonly endpoint: SfnEndpoint };
  /** Open topics whose loop was started again at start-up. */
  redriven?: number;
  scheduler?: LocalScheduler;
  delivery?: LocalDelivery;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not started yet: check the component order`);
  return value;
}

export const dynamodbComponent: Component<StackState> = {
  name: "DynamoDB Local",
  async start(state) {
    const { inMemory, dataDir, dynamodbPort } = state.options;
    const dynamodb = await startDynamoDbLocal(
      inMemory ? { inMemory, port: dynamodbPort } : { dataDir, port: dynamodbPort },
    );
    state.dynamodb = dynamodb;
    state.client = localDynamoDbClient(dynamodb.endpoint);
    return async () => {
      state.client?.destroy();
      await dynamodb.stop();
    };
  },
};

export const tableComponent: Component<StackState> = {
  name: "table",
  async start(state) {
    await ensureTable(need(state.client, "DynamoDB Local"), state.options.tableName);
    return undefined;
  },
};

/**
 * The functions read their configuration from the environment once per process, so it must be in
 * place before their modules are imported — and one process can serve one local stack.
 */
const environmentKeys = [
  "TABLE_NAME",
  "DYNAMODB_ENDPOINT",
  "AWS_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "OUTBOX_FILE",
  "STEPFUNCTIONS_ENDPOINT",
  "TOPIC_LOOP_ARN",
  "IDENTITY_AUDIENCE",
  "IDENTITY_TOKEN_USE",
  "BOOTSTRAP_ADMINS",
  ...clockEnvironmentKeys,
] as const;
let configuredFor: string | undefined;

export const environmentComponent: Component<StackState> = {
  name: "environment",
  async start(state) {
    const endpoint = need(state.dynamodb, "DynamoDB Local").endpoint;
    const target = `${state.options.tableName} at ${endpoint}`;
    if (configuredFor !== undefined && configuredFor !== target) {
      throw new Error(
        `this process already ran the API against ${configuredFor}; the functions read their configuration ` +
          "once per process, so start one local stack per process",
      );
    }
    const previous = Object.fromEntries(environmentKeys.map((key) => [key, process.env[key]]));
    process.env.TABLE_NAME = state.options.tableName;
    process.env.DYNAMODB_ENDPOINT = endpoint;
    process.env.AWS_REGION = localRegion;
    // Dummy credentials, so that real ones in the shell are never used by the local stack.
    process.env.AWS_ACCESS_KEY_ID = localCredentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = localCredentials.secretAccessKey;
    delete process.env.AWS_SESSION_TOKEN;
    process.env.OUTBOX_FILE = outboxPath(state.options.dataDir);
    // The functions check the token's audience and use again, as they do on AWS (decision 0024).
    const external = state.options.identity;
    process.env.IDENTITY_AUDIENCE = external?.audience ?? localAudience;
    process.env.IDENTITY_TOKEN_USE = "id";
    if (external?.bootstrapAdmins.length) process.env.BOOTSTRAP_ADMINS = external.bootstrapAdmins.join(",");
    else delete process.env.BOOTSTRAP_ADMINS;
    configuredFor = target;
    return async () => {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    };
  },
};

export const clockComponent: Component<StackState> = {
  name: "clock",
  async start(state) {
    const { speed, inMemory, dataDir } = state.options;
    const local = await installLocalClock({ speed, dataDir: inMemory ? undefined : dataDir });
    state.clock = local;
    if (!local.simulated) return undefined;
    // Kept every few seconds, so that even a killed run resumes close to where it was.
    const timer = setInterval(() => void local.save().catch(() => {}), 5_000);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await local.save();
    };
  },
};

function describeState(event: HistoryEvent, name: string): string | undefined {
  if (event.type === "StateEntered") return `${name} → ${event.stateName ?? "?"}`;
  if (event.type === "ExecutionSucceeded") return `${name} ended`;
  if (event.type === "ExecutionFailed") return `${name} FAILED: ${event.error ?? ""} ${event.cause ?? ""}`;
  if (event.type === "StateRetried") return `${name} retrying ${event.stateName ?? "?"}`;
  return undefined;
}

/**
 * The topic loop: the state machine synthesized from workflows/topic-loop.ts, run in-process with
 * its real task function, behind a local Step Functions endpoint the API's SDK client talks to.
 */
export const workflowComponent: Component<StackState> = workflowComponentWith({});

/**
 * The topic loop component with runtime options of its own (tests: a wrapped task function, short
 * retry pauses, histories kept).
 */
export function workflowComponentWith(
  options: Pick<
    WorkflowRuntimeOptions,
    "taskHandler" | "retryPauseMs" | "keepHistories" | "keepEndedExecutions"
  >,
): Component<StackState> {
  return {
    name: "topic loop (local Step Functions)",
    async start(state) {
      const log = state.options.workflowLog;
      const runtime = await startWorkflowRuntime({
        ...options,
        ...(state.clock ? { clock: state.clock.clock } : {}),
        onEvent: (event, execution) => {
          if (event.type === "ExecutionFailed") {
            process.stderr.write(`[topic-loop] ${describeState(event, execution.name)}\n`);
            return;
          }
          const line = log && describeState(event, execution.name);
          if (line) log(line);
        },
      });
      let endpoint: SfnEndpoint;
      try {
        endpoint = await startSfnEndpoint(runtime);
      } catch (error) {
        await runtime.stop();
        throw error;
      }
      state.workflow = { runtime, endpoint };
      process.env.STEPFUNCTIONS_ENDPOINT = endpoint.url;
      process.env.TOPIC_LOOP_ARN = runtime.stateMachineArn;
      return async () => {
        await runtime.stop();
        await endpoint.close();
      };
    },
  };
}

/**
 * After a restart no execution survives: the sweeper (hourly on AWS) runs once, and every open topic
 * continues from its stored step.
 */
export const redriveComponent: Component<StackState> = {
  name: "open topics",
  async start(state) {
    need(state.workflow, "the topic loop");
    state.redriven = await redriveOpenTopics();
    return undefined;
  },
};

export const keysComponent: Component<StackState> = {
  name: "signing keys",
  async start(state) {
    state.keys = await loadOrCreateKeys(state.options.dataDir);
    return undefined;
  },
};

export const functionsComponent: Component<StackState> = {
  name: "API functions",
  async start(state) {
    // Imported only now: they read TABLE_NAME and DYNAMODB_ENDPOINT from the environment.
    state.functions = await loadApiFunctions();
    return undefined;
  },
};

export const gatewayComponent: Component<StackState> = {
  name: "HTTP gateway",
  async start(state) {
    const { host, port, accessLog, consoleDir } = state.options;
    const keys = need(state.keys, "the signing keys");
    const external = state.options.identity;
    let apiUrl = "";
    try {
      state.gateway = await startGateway({
        functions: need(state.functions, "the API functions"),
        keys,
        // The local OIDC issuer, at the gateway's own URL: tokens are verified through its discovery document.
        oidc: {},
        // …or the provider the stack was told to trust, whose login the console then uses.
        ...(external ? { trust: { issuer: external.issuer, audiences: [external.audience] } } : {}),
        host,
        port,
        ...(accessLog ? { accessLog } : {}),
        localRoutes: external
          ? externalConsoleRoutes(external)
          : demoSignIn({ keys: () => need(state.keys, "the signing keys"), apiUrl: () => apiUrl }),
        ...(consoleDir ? { staticRoot: consoleDir } : {}),
      });
      apiUrl = state.gateway.url;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
        throw new Error(
          `port ${port} on ${host} is in use: stop what runs there, or pass --port <n> (or PORT=<n>)`,
        );
      }
      throw error;
    }
    const gateway = state.gateway;
    state.keys = withIssuer(need(state.keys, "the signing keys"), gateway.url);
    const removeStackFile = await writeStackFile(state.options.dataDir, {
      apiUrl: gateway.url,
      issuer: external?.issuer ?? gateway.url,
    });
    return async () => {
      await removeStackFile();
      await gateway.close();
    };
  },
};

/** The console's config.json names the provider; the demo sign-in, which signs local tokens, is off. */
function externalConsoleRoutes(identity: ExternalIdentity): LocalRoutes {
  return async (request, path) => {
    if (path !== "/config.json" || request.method !== "GET") return undefined;
    await drain(request, 0);
    return externalConsoleConfig(identity);
  };
}

/**
 * The local admins (decision 0024): the subjects of the admin token the stack prints and of the
 * seeding have user records from the first start, as a county's first admin has on AWS.
 */
export const localUsersComponent: Component<StackState> = {
  name: "local admins",
  async start(state) {
    need(state.functions, "the API functions");
    // With a provider, its subjects are its own: a login named "local-admin" there is nobody here.
    if (state.options.identity) return undefined;
    for (const subject of localAdminSubjects) {
      await putLocalUser({ role: "admin", subject }, { ifAbsent: true });
    }
    return undefined;
  },
};

export const seedComponent: Component<StackState> = {
  name: "demo data",
  async start(state) {
    // The demo data is written through the API as `local-seed`, a token only the stack's own issuer signs.
    if (!state.options.seed || state.options.identity) {
      state.seed = { kind: "disabled" };
      return undefined;
    }
    // Through the gateway with an admin token, exactly as a client would do it.
    const token = await signToken(
      { role: "admin", subject: "local-seed" },
      need(state.keys, "the signing keys"),
    );
    try {
      state.seed = await seedOnce({
        call: httpApi(need(state.gateway, "the gateway").url, token),
        markerPath: state.options.inMemory
          ? undefined
          : seedMarkerPath(state.options.dataDir, state.options.tableName),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message}\n(start with --no-seed to skip the demo data)`, { cause: error });
    }
    return undefined;
  },
};

/**
 * The county's scheduled jobs (EventBridge Scheduler on AWS), run by the scheduled function's own
 * handler at their times on the local clock.
 */
export const schedulerComponent: Component<StackState> = schedulerComponentWith(
  // The sweeper runs once at start-up here (redriveComponent): locally an execution vanishes only with
  // the process, and at --speed its grace period would shrink to milliseconds of real time.
  countySchedules.filter((schedule) => schedule.job !== "topicLoopSweep"),
);

const scheduledJobsFunction = "scheduled-jobs";

function restoreEnvironment(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}

/** The scheduler with a schedule list of its own (tests: none, or one job at a chosen time). */
export function schedulerComponentWith(schedules: readonly CountySchedule[]): Component<StackState> {
  return {
    name: "scheduler",
    async start(state) {
      const clock = need(state.clock, "the clock").clock;
      // Imported only now, like the API functions: it reads its configuration from the environment.
      const [{ handler }, { config }] = await Promise.all([
        import("../../functions/scheduled"),
        import("../../functions/kernel/config"),
      ]);
      const log = state.options.jobLog;
      const scheduler = startLocalScheduler({
        clock,
        timeZone: config().timeZone,
        schedules,
        run: (job) => handler({ job }),
        ...(log ? { log } : {}),
      });
      state.scheduler = scheduler;
      // The same function invoked by the API (a quarterly check asked for): Lambda's Invoke, locally.
      const invocations = await startLambdaEndpoint({
        name: scheduledJobsFunction,
        handler,
        onError: (error) => process.stderr.write(`scheduled jobs: an invocation failed: ${String(error)}\n`),
      });
      const previous = { endpoint: process.env.LAMBDA_ENDPOINT, name: process.env.SCHEDULED_JOBS_FUNCTION };
      process.env.LAMBDA_ENDPOINT = invocations.url;
      process.env.SCHEDULED_JOBS_FUNCTION = scheduledJobsFunction;
      return async () => {
        await scheduler.stop();
        await invocations.close();
        restoreEnvironment("LAMBDA_ENDPOINT", previous.endpoint);
        restoreEnvironment("SCHEDULED_JOBS_FUNCTION", previous.name);
      };
    },
  };
}

/**
 * The notices' sender, on an in-process queue the notifier feeds, with a sweep of the table at start
 * and every few (real) seconds: what a killed run left is sent, and retries and quiet hours run out.
 */
export const deliveryComponent: Component<StackState> = {
  name: "notice sender",
  async start(state) {
    const clock = need(state.clock, "the clock").clock;
    // Imported only now, like the API functions: they read their configuration from the environment.
    const [
      { deliverNotification },
      { dueNotificationIds, repairNoticeQueue },
      { readDeliverySettings },
      { channelsFor },
      queue,
      { config },
      { withOwnLogScope },
    ] = await Promise.all([
      import("../../functions/notices/sender"),
      import("../../functions/notices/delivery-store"),
      import("../../functions/notices/delivery-settings"),
      import("../../functions/notices/channels/choose"),
      import("../../functions/notices/queue"),
      import("../../functions/kernel/config"),
      import("../../functions/kernel/log"),
    ]);
    // Notices recorded by an older version (before the work queue) wait to be found: put them in it.
    const repaired = await repairNoticeQueue();
    if (repaired > 0) process.stderr.write(`[delivery] ${repaired} waiting notices put in the work queue\n`);
    const settings = readDeliverySettings(process.env);
    const deps = {
      channels: channelsFor(settings),
      settings,
      timeZone: config().timeZone,
      now: () => clock.now(),
    };
    const delivery = startLocalDelivery({
      // A delivery is not the request or task that recorded the notice: its own scope, for logs and the bench.
      deliver: (id) =>
        withOwnLogScope({ requestId: randomUUID(), task: "deliverNotice", notificationId: id }, () =>
          deliverNotification(id, deps),
        ),
      dueIds: () => dueNotificationIds(clock.now()),
      sweepEveryMs: Math.max(1_000, Math.round(60_000 / state.options.speed)),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    queue.installDeliveryQueue(delivery);
    state.delivery = delivery;
    return async () => {
      queue.installDeliveryQueue(undefined);
      await delivery.stop();
    };
  },
};

/** Start order. Stop order is the reverse. */
export const localComponents: readonly Component<StackState>[] = [
  dynamodbComponent,
  tableComponent,
  environmentComponent,
  clockComponent,
  deliveryComponent,
  keysComponent,
  workflowComponent,
  // Before anything can start an execution (the gateway, the seed): each open topic gets exactly one.
  redriveComponent,
  functionsComponent,
  localUsersComponent,
  gatewayComponent,
  seedComponent,
  schedulerComponent,
];
