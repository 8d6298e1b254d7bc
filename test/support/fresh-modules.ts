/**
 * setupFiles entry for the projects that run without isolation (`isolate: false` in the vitest
 * config). Consecutive test files of a project then share one worker process and, with it, the
 * packages from node_modules, loaded once (aws-cdk-lib alone takes seconds, the AWS SDK and
 * vitest's own start-up more) instead of once per file. What isolation gave each file is restored
 * here, before the file is imported:
 *
 * - fresh copies of this repository's modules, so that each file's store, local stack or clock
 *   reads its own configuration, as the functions do once per process;
 * - the environment the worker started with (the harnesses set TABLE_NAME, DYNAMODB_ENDPOINT, …);
 * - real timers.
 */
import { vi } from "vitest";

const pristineKey = Symbol.for("haoshangliang.test.pristine-env");
type WithPristine = typeof globalThis & { [pristineKey]?: Readonly<Record<string, string | undefined>> };

const scope = globalThis as WithPristine;
const pristine = scope[pristineKey];
if (pristine === undefined) {
  scope[pristineKey] = { ...process.env };
} else {
  for (const key of Object.keys(process.env)) if (!(key in pristine)) delete process.env[key];
  for (const [key, value] of Object.entries(pristine)) {
    if (value !== undefined && process.env[key] !== value) process.env[key] = value;
  }
}

vi.useRealTimers();
vi.resetModules();
