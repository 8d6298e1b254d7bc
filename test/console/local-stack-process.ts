/**
 * `npm start`'s local stack in a child process, as a person starts it: a free port, a throwaway
 * database and keys in a temporary directory, the console built first when stale. Answers the
 * console's address and how to stop it (and remove its directory).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface StackProcess {
  /** The console's address, with its trailing slash. */
  readonly consoleUrl: string;
  stop(): Promise<void>;
}

function waitForConsoleUrl(child: ChildProcess, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the local stack did not start:\n${output.join("")}`)),
      240_000,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /console\s+(http:\/\/\S+\/)/.exec(output.join(""));
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the local stack exited (${code}):\n${output.join("")}`));
    });
  });
}

/** Starts the stack with these extra `npm start` options (`--port` and the data directory are set). */
export async function startStackProcess(options: readonly string[] = [], port = 0): Promise<StackProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), "console-test-"));
  const child = spawn(
    join(repoRoot, "node_modules/.bin/tsx"),
    ["infra/local/start.ts", "--port", String(port), "--in-memory", "--data-dir", dataDir, ...options],
    { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const output: string[] = [];
  let consoleUrl: string;
  try {
    consoleUrl = await waitForConsoleUrl(child, output);
  } catch (error) {
    child.kill("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    consoleUrl,
    async stop() {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
