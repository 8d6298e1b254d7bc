/**
 * The bench's measuring child processes: each runs one script with a fresh local stack (the functions
 * read their configuration once per process) and prints one result line behind a prefix.
 * `BENCH_CHILD_NODE_ARGS`: extra Node.js flags for them, to look inside a run — e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` (Node refuses profiling flags in NODE_OPTIONS).
 */
import { execFile } from "node:child_process";
import { basename } from "node:path";
import { promisify } from "node:util";
import { isMain } from "../../infra/local/cli";

export const childNodeArgs = (): string[] =>
  process.env.BENCH_CHILD_NODE_ARGS?.split(" ").filter(Boolean) ?? [];

const run = promisify(execFile);

/** Runs `script` with `args` and answers the JSON of its line that starts with `prefix`. */
export async function runBenchChild<T>(child: {
  readonly script: string;
  readonly args: readonly string[];
  readonly prefix: string;
  readonly nodeFlags?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}): Promise<T> {
  const name = `${basename(child.script)} ${child.args.join(" ")}`;
  try {
    const { stdout } = await run(
      process.execPath,
      [...process.execArgv, ...(child.nodeFlags ?? []), ...childNodeArgs(), child.script, ...child.args],
      { env: child.env ?? process.env, maxBuffer: 64 * 1024 * 1024 },
    );
    const line = stdout.split("\n").find((item) => item.startsWith(child.prefix));
    if (!line) throw new Error(`${name} printed no result:\n${stdout.slice(-2000)}`);
    return JSON.parse(line.slice(child.prefix.length)) as T;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    if (stderr) throw new Error(`${name} failed:\n${stderr.slice(-4000)}`, { cause: error });
    throw error;
  }
}

/** Runs `main` when this module is the process's entry (a bench child), exiting 0, or 1 with the error. */
export function runAsChild(moduleUrl: string, main: () => Promise<void>): void {
  if (!isMain(moduleUrl)) return;
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
