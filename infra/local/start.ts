/**
 * `npm start`: the whole product on one machine — DynamoDB Local, the table, the API behind a local
 * HTTP gateway with a local JWT authorizer, and demo data on first start. Ctrl-C stops it cleanly.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Clock } from "../../functions/kernel/clock";
import {
  type CliValues,
  dataDirArgument,
  dataDirOption,
  defaultDataDir,
  defaultTableName,
  runCommand,
  UsageError,
} from "./cli";
import { localComponents, outboxPath, type ResolvedStackOptions, type StackState } from "./components";
import { consoleDist, ensureConsoleBuilt } from "./console-build";
import type { LocalDelivery } from "./delivery";
import { describe as describeSeed, type SeedOutcome } from "./demo/seed";
import { type ExternalIdentity, externalIdentityOf } from "./external-identity";
import type { LocalKeys } from "./keys";
import { type Component, startComponents } from "./lifecycle";
import type { LocalScheduler } from "./scheduler";
import { signToken } from "./token";
import type { WorkflowRuntime } from "./workflow-runtime";

export interface LocalStackOptions {
  /** API port. Default 3000; 0 picks a free one. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default: a free port. */
  readonly dynamodbPort?: number;
  /** Default ".data" (relative to the working directory). */
  readonly dataDir?: string;
  /** A throwaway database; keys still live in dataDir. */
  readonly inMemory?: boolean;
  /** Load demo data on first start. Default true. */
  readonly seed?: boolean;
  /** Default "haoshangliang". */
  readonly tableName?: string;
  /** One line per API request. */
  readonly accessLog?: (line: string) => void;
  /** The simulated clock runs this many times faster than real time. Default 1. */
  readonly speed?: number;
  /** One line per state a topic's execution enters. */
  readonly workflowLog?: (line: string) => void;
  /** One line per scheduled job run. */
  readonly jobLog?: (line: string) => void;
  /** Progress while starting ("starting DynamoDB Local…"). */
  readonly onProgress?: (component: string) => void;
  /** Abort start-up (everything already started is stopped again). */
  readonly signal?: AbortSignal;
  /** The console's built files to serve at /; default infra/console/dist when built, false: none. */
  readonly consoleDir?: string | false;
  /** Replace the component list (tests). */
  readonly components?: readonly Component<StackState>[];
  /**
   * Sign in through this OpenID provider instead of the stack's own issuer (`--identity oidc`): no
   * demo data and no demo sign-in then, since both need tokens the stack signs itself.
   */
  readonly identity?: ExternalIdentity;
}

export interface LocalStack {
  readonly apiUrl: string;
  /** The console (工作台), served by the gateway at /; undefined when it is not built. */
  readonly consoleUrl: string | undefined;
  readonly dynamodbEndpoint: string;
  /** Absolute path of the data directory (keys; database unless in memory). */
  readonly dataDir: string;
  /** Where the database file lives, or undefined in memory. */
  readonly dbPath: string | undefined;
  readonly tableName: string;
  readonly keys: LocalKeys;
  readonly seed: SeedOutcome | { readonly kind: "disabled" };
  /** The notification outbox: one JSON line per notification. */
  readonly outboxFile: string;
  /** The local topic loop (executions, callback tasks, histories). */
  readonly workflow: WorkflowRuntime;
  /** The local Step Functions endpoint the API's SDK client calls. */
  readonly stepFunctionsEndpoint: string;
  /** Open topics whose loop was started again at start-up. */
  readonly redriven: number;
  /** The county's scheduled jobs, on the local clock. */
  readonly scheduler: LocalScheduler;
  /** The notices' sender: `settled()` once every notice handed to it is delivered or held. */
  readonly delivery: Pick<LocalDelivery, "settled" | "sweep">;
  /** "Now" for the functions: real, or simulated (`speed`). */
  readonly clock: Clock;
  readonly clockSimulated: boolean;
  /** The provider the stack trusts instead of its own issuer, if any. */
  readonly identity: ExternalIdentity | undefined;
  /** A fresh admin token for this stack (refused when it trusts another provider: it cannot sign that provider's tokens). */
  adminToken(): Promise<string>;
  /** Stops everything, in reverse start order. Idempotent. */
  stop(): Promise<void>;
}

export { defaultDataDir, defaultTableName } from "./cli";

/** The console's files to serve: as given, else its build when there is one. */
function consoleDirOf(options: LocalStackOptions): string | undefined {
  if (options.consoleDir === false) return undefined;
  return options.consoleDir ?? (existsSync(join(consoleDist, "index.html")) ? consoleDist : undefined);
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const resolved: ResolvedStackOptions = {
    port: options.port ?? 3000,
    host: options.host ?? "127.0.0.1",
    dynamodbPort: options.dynamodbPort ?? 0,
    dataDir: resolve(options.dataDir ?? defaultDataDir),
    inMemory: options.inMemory ?? false,
    seed: options.seed ?? true,
    tableName: options.tableName ?? defaultTableName,
    accessLog: options.accessLog,
    speed: options.speed ?? 1,
    workflowLog: options.workflowLog,
    jobLog: options.jobLog,
    consoleDir: consoleDirOf(options),
    identity: options.identity,
  };
  if (!(resolved.speed > 0) || !Number.isFinite(resolved.speed)) {
    throw new Error(`speed must be a positive number, not ${resolved.speed}`);
  }
  await mkdir(resolved.dataDir, { recursive: true });
  const state: StackState = { options: resolved };
  const stop = await startComponents(options.components ?? localComponents, state, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onStart: options.onProgress } : {}),
  });
  const { dynamodb, keys, gateway, seed, workflow, clock, scheduler, delivery } = state;
  if (!dynamodb || !keys || !gateway || !seed || !workflow || !clock || !scheduler || !delivery) {
    await stop();
    throw new Error(
      "the local stack started without DynamoDB, keys, gateway, seed step, topic loop, clock, scheduler or notice sender: check the components",
    );
  }
  return {
    apiUrl: gateway.url,
    consoleUrl: resolved.consoleDir ? `${gateway.url}/` : undefined,
    dynamodbEndpoint: dynamodb.endpoint,
    dataDir: resolved.dataDir,
    dbPath: dynamodb.dbPath,
    tableName: resolved.tableName,
    keys,
    seed,
    outboxFile: outboxPath(resolved.dataDir),
    workflow: workflow.runtime,
    stepFunctionsEndpoint: workflow.endpoint.url,
    redriven: state.redriven ?? 0,
    scheduler,
    delivery,
    clock: clock.clock,
    clockSimulated: clock.simulated,
    identity: options.identity,
    adminToken: () =>
      options.identity
        ? Promise.reject(new Error(`this stack trusts ${options.identity.issuer}: sign in there`))
        : signToken({ role: "admin" }, keys),
    stop,
  };
}

const usage = `usage: npm start -- [options]

  --port <n>            API port (default 3000, or $PORT; 0 = any free port)
  --dynamodb-port <n>   DynamoDB Local port (default: any free port)
  --data-dir <dir>      where the database, signing keys and seed marker live (default .data)
  --in-memory           throwaway database (keys still kept in --data-dir)
  --no-seed             do not load the demo data
  --table <name>        table name (default haoshangliang)
  --access-log          one gateway line per request (the functions log their own JSON lines anyway)
  --speed <n>           run the simulated clock n times faster: deadlines, reminders and escalations
                        alike (e.g. 2880: a day passes in 30 s). Simulated time is kept in
                        <data-dir>/clock.json, so a restart continues from it; delete it to go back
                        to real time
  --workflow-log        one line per state a topic's execution enters
  --smtp <host:port>    send e-mail notices to this SMTP server (e.g. a local MailHog or Mailpit)
                        instead of the outbox; SMTP_FROM sets the sender. SMS still goes to the outbox.
                        Quiet hours (NOTICE_QUIET_HOURS, default 21:00-08:00) hold SMS overnight
  --identity <kind>     local (default): the stack is its own OIDC issuer and the console offers the
                        demo users; oidc: trust the provider below instead (Keycloak, Authing, …) and
                        the console signs in there (code + PKCE). No demo data is loaded then: load it
                        first with a kept --data-dir and the default identity
  --oidc-issuer <url>   the provider's issuer, exactly its tokens' iss (https, or http on 127.0.0.1,
                        localhost or [::1])
  --oidc-audience <id>  the console's client id at the provider (its tokens' aud)
  --bootstrap-admin <sub>  a subject that acts as admin until it has a user record (repeatable)`;

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new UsageError(`${flag} must be a port number from 0 to 65535, not "${value}"`);
  }
  return number;
}

const startOptions = {
  port: { type: "string" },
  "dynamodb-port": { type: "string" },
  ...dataDirOption,
  "in-memory": { type: "boolean", default: false },
  "no-seed": { type: "boolean", default: false },
  table: { type: "string" },
  "access-log": { type: "boolean", default: false },
  speed: { type: "string" },
  "workflow-log": { type: "boolean", default: false },
  smtp: { type: "string" },
  identity: { type: "string" },
  "oidc-issuer": { type: "string" },
  "oidc-audience": { type: "string" },
  "bootstrap-admin": { type: "string", multiple: true },
} as const;

/** `--smtp host:port`: e-mail through that SMTP server (the sender reads these settings at start). */
function useSmtp(value: string | undefined): void {
  if (value === undefined) return;
  if (!/^[\w.-]+:\d{1,5}$/.test(value)) throw new UsageError(`--smtp must be host:port, not "${value}"`);
  process.env.EMAIL_DELIVERY = "smtp";
  process.env.SMTP_URL = `smtp://${value}`;
  process.env.SMTP_FROM ??= "好商量 <noreply@localhost>";
}

const shellQuote = (value: string) =>
  /^[\w./:=@-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;

function speed(value: string | undefined): number {
  if (value === undefined || value === "") return 1;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > 1_000_000) {
    throw new UsageError(`--speed must be a number above 0 and at most 1000000, not "${value}"`);
  }
  return number;
}

function clockLine(stack: LocalStack): string {
  if (!stack.clockSimulated) return "real time";
  const now = stack.clock
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, "Z");
  const pace = stack.clock.speed === 1 ? "real pace" : `${stack.clock.speed}× real time`;
  return `simulated, ${pace}, now ${now}`;
}

const shortTime = (at: Date) => at.toISOString().replace(/:\d\d\.\d+Z$/, "Z");

function schedulerLine(stack: LocalStack): string {
  const runs = stack.scheduler.upcoming().map(({ job, next }) => `${job} next at ${shortTime(next)}`);
  return runs.length === 0 ? "no jobs" : `${runs.join(", ")} (on the clock above)`;
}

function seedLine(stack: LocalStack): string {
  if (stack.seed.kind !== "disabled") return describeSeed(stack.seed).trim();
  return `demo data: not loaded (${stack.identity ? "--identity oidc" : "--no-seed"})`;
}

function banner(stack: LocalStack, options: { dataDirArg: string | undefined; startedMs: number }): string {
  const tokenCommand = `npm run token --${options.dataDirArg ? ` --data-dir ${shellQuote(options.dataDirArg)}` : ""}`;
  const data = stack.dbPath
    ? `${stack.dbPath} (kept across restarts)`
    : `in memory (gone when this stops); keys in ${stack.dataDir}/keys`;
  return [
    "",
    `好商量 haoshangliang — local stack ready in ${(options.startedMs / 1000).toFixed(1)} s`,
    "",
    `  console    ${stack.consoleUrl ?? "not built (npm run console:build)"}`,
    `  API        ${stack.apiUrl}`,
    `  data       ${data}`,
    `  DynamoDB   ${stack.dynamodbEndpoint} (table ${stack.tableName})`,
    `  clock      ${clockLine(stack)}`,
    `  outbox     ${stack.outboxFile} (every notice delivered, one JSON line each)`,
    `  e-mail     ${process.env.EMAIL_DELIVERY === "smtp" ? `SMTP ${process.env.SMTP_URL ?? ""}` : "to the outbox (--smtp host:port for a real server)"}`,
    `  scheduler  ${schedulerLine(stack)}`,
    `  topics     ${stack.redriven} open topic${stack.redriven === 1 ? "" : "s"} resumed in the local topic loop`,
    `  ${seedLine(stack)}`,
    "",
    ...(stack.identity ? providerLines(stack.identity) : tokenLines(stack, tokenCommand)),
    "",
    "Ctrl-C stops everything.",
    "",
  ].join("\n");
}

function tokenLines(stack: LocalStack, tokenCommand: string): string[] {
  return [
    "Try it (this admin token is valid for 12 hours):",
    "",
    `  curl -H "Authorization: Bearer __TOKEN__" ${stack.apiUrl}/stations`,
    "",
    "Other tokens:",
    `  ${tokenCommand} --role admin`,
    `  ${tokenCommand} --role staff --station <stationId>`,
    `  ${tokenCommand} --role member --member <memberId>`,
    `  ${tokenCommand} --as demo-staff-ds          (a demo user: demo-office, demo-staff-gy, demo-member-m01)`,
  ];
}

function providerLines(identity: ExternalIdentity): string[] {
  const admins = identity.bootstrapAdmins.join(", ") || "none (--bootstrap-admin <sub>)";
  return [
    `Sign-in: ${identity.issuer}, as client ${identity.audience} (code + PKCE); its tokens only.`,
    `  bootstrap admins  ${admins}: they write the other users (PUT /users/{subject})`,
  ];
}

/**
 * Ctrl-C (or SIGTERM, SIGHUP) once: stop cleanly, exit 0. Twice: exit at once. Before the stack is
 * up, the abort makes start-up undo itself.
 */
function stopOnSignals(abort: AbortController, stack: () => LocalStack | undefined): void {
  // One Ctrl-C can arrive twice: from the terminal (to the whole process group) and relayed by
  // npm or tsx. A repeat within a second is the same keypress; a later one forces the exit.
  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < 1_000) return;
      process.stderr.write(`\n${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    process.stdout.write(`\n${signal}: stopping…\n`);
    abort.abort(new Error(`interrupted by ${signal}`));
    const running = stack();
    if (!running) return; // start-up notices the abort and undoes itself
    running.stop().then(
      () => {
        process.stdout.write("stopped.\n");
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
}

/** The stack's options from the command line. */
function stackOptions(values: CliValues<typeof startOptions>): LocalStackOptions {
  const dataDirArg = dataDirArgument(values);
  const identity = externalIdentityOf(values);
  return {
    ...(identity ? { identity } : {}),
    port: port(values.port, "--port") ?? port(process.env.PORT, "PORT") ?? 3000,
    dynamodbPort: port(values["dynamodb-port"], "--dynamodb-port") ?? 0,
    ...(dataDirArg ? { dataDir: dataDirArg } : {}),
    inMemory: values["in-memory"],
    seed: !values["no-seed"],
    ...(values.table ? { tableName: values.table } : {}),
    ...(values["access-log"]
      ? { accessLog: (line: string) => process.stdout.write(`[gateway] ${line}\n`) }
      : {}),
    speed: speed(values.speed),
    ...(values["workflow-log"]
      ? { workflowLog: (line: string) => process.stdout.write(`[topic-loop] ${line}\n`) }
      : {}),
    jobLog: (line: string) => process.stdout.write(`[scheduler] ${line}\n`),
    onProgress: (component) => process.stdout.write(`starting ${component}…\n`),
  };
}

async function main(values: CliValues<typeof startOptions>): Promise<void> {
  useSmtp(values.smtp);
  const options = stackOptions(values);
  const abort = new AbortController();
  let stack: LocalStack | undefined;
  stopOnSignals(abort, () => stack);

  const started = performance.now();
  // The console builds (when stale) while the stack starts; the gateway serves it once it is there.
  // A failed build leaves the API running: the console's pages are then missing, and the error says why.
  const consoleBuilt = ensureConsoleBuilt((line) => process.stdout.write(`${line}\n`)).catch(
    (error: unknown) =>
      process.stderr.write(
        `the console did not build: ${error instanceof Error ? error.message : String(error)}\n`,
      ),
  );
  try {
    stack = await startLocalStack({ ...options, consoleDir: consoleDist, signal: abort.signal });
    await consoleBuilt;
  } catch (error) {
    if (abort.signal.aborted) {
      process.stdout.write("stopped.\n");
      process.exit(0);
    }
    throw error;
  }
  const token = stack.identity ? "" : await stack.adminToken();
  process.stdout.write(
    banner(stack, { dataDirArg: dataDirArgument(values), startedMs: performance.now() - started }).replace(
      "__TOKEN__",
      token,
    ),
  );
}

runCommand(import.meta.url, {
  usage,
  options: startOptions,
  // The functions' own per-request JSON lines would bury the start-up output (`--access-log` shows
  // one line per request instead).
  environment: { LOG_LEVEL: "warn" },
  main,
});
