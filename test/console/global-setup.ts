/**
 * Starts `npm start`'s local stack for the browser tests, as a person would, on a free port with a
 * throwaway database and its own keys; the console is built first when stale. The console's address
 * goes to the tests in CONSOLE_URL. Answers the teardown that stops it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

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

export default async function globalSetup(): Promise<() => Promise<void>> {
  // A stack already running (while working on the tests): CONSOLE_URL=http://127.0.0.1:3000/
  if (process.env.CONSOLE_URL) return async () => {};
  const dataDir = await mkdtemp(join(tmpdir(), "console-test-"));
  const child = spawn(
    join(repoRoot, "node_modules/.bin/tsx"),
    ["infra/local/start.ts", "--port", "0", "--in-memory", "--data-dir", dataDir],
    { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const output: string[] = [];
  const url = await waitForConsoleUrl(child, output);
  process.env.CONSOLE_URL = url;
  return async () => {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    await rm(dataDir, { recursive: true, force: true });
  };
}
