/**
 * The pieces of the local stack, each with a start and a stop. `start.ts` runs them in order;
 * adding a piece (the topic workflow runtime, the scheduler, the outbox) is one more entry in
 * `localComponents`.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { loadApiFunctions } from "./api-functions";
import {
  type DynamoDbLocal,
  localCredentials,
  localDynamoDbClient,
  localRegion,
  startDynamoDbLocal,
} from "./dynamodb-local";
import { type ApiFunction, type Gateway, startGateway } from "./gateway";
import { type LocalKeys, loadOrCreateKeys } from "./keys";
import type { Component } from "./lifecycle";
import { httpApi, type SeedOutcome, seedMarkerPath, seedOnce } from "./seed";
import { ensureTable } from "./table";
import { signToken } from "./token";

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
}

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
    configuredFor = target;
    return async () => {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    };
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
    const { host, port, accessLog } = state.options;
    try {
      state.gateway = await startGateway({
        functions: need(state.functions, "the API functions"),
        keys: need(state.keys, "the signing keys"),
        host,
        port,
        ...(accessLog ? { accessLog } : {}),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
        throw new Error(
          `port ${port} on ${host} is in use: stop what runs there, or pass --port <n> (or PORT=<n>)`,
        );
      }
      throw error;
    }
    const gateway = state.gateway;
    return () => gateway.close();
  },
};

export const seedComponent: Component<StackState> = {
  name: "demo data",
  async start(state) {
    if (!state.options.seed) {
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

/** Start order. Stop order is the reverse. */
export const localComponents: readonly Component<StackState>[] = [
  dynamodbComponent,
  tableComponent,
  environmentComponent,
  keysComponent,
  functionsComponent,
  gatewayComponent,
  seedComponent,
  // Next: the topic workflow runtime (synthesized state machine on aws-local-stepfunctions), the
  // scheduler (quarterly quota check) and the notification outbox — one entry each, here.
];
