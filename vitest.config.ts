import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import type { TestSpecification } from "vitest/node";
import { BaseSequencer } from "vitest/node";

/**
 * One in-memory DynamoDB Local for the whole run, shared by every project that lists it; each test
 * file makes its own tables on it.
 */
const dynamodb = ["test/support/dynamodb.ts"];

/**
 * Consecutive files of a project share a worker process (node_modules loaded once instead of once
 * per file), with fresh repository modules, environment and timers per file: see
 * test/support/fresh-modules.ts.
 */
const sharedWorker = { isolate: false, setupFiles: ["test/support/fresh-modules.ts"] };

/**
 * DynamoDB Local is a JVM, started a dozen times a run (the local tests start and stop it on
 * purpose). The client compiler alone, the serial collector, no verification of the jar's bytecode
 * and no perf-data file start it about a third faster, take less CPU from the tests running
 * alongside, and serve the tests' small tables as well.
 */
const javaOptions = [
  "-XX:TieredStopAtLevel=1",
  "-XX:+UseSerialGC",
  "-XX:+UnlockDiagnosticVMOptions",
  "-XX:-BytecodeVerificationRemote",
  "-XX:-UsePerfData",
].join(" ");

/**
 * Test file order (within each `sequence.groupOrder`): the projects with the longest files first,
 * and within a project its longest files first. Vitest's own order takes the projects by name, so
 * a long file of a project late in the alphabet started when the rest was nearly done, and the run
 * then waited for it alone. A project's files stay together: a worker goes on to the next file of
 * its project in the same process (`sharedWorker`), while a file of another project needs a new
 * one. Durations come from vitest's results cache (each file's last run); a file it does not know
 * yet counts as long, as vitest also runs unknown files first.
 */
class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const durationOf = (spec: TestSpecification): number => {
      const key = `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
      return this.ctx.cache.getFileTestResults(key)?.duration ?? Number.POSITIVE_INFINITY;
    };
    const duration = new Map(files.map((spec) => [spec, durationOf(spec)]));
    const longestOfProject = new Map<string, number>();
    for (const [spec, ms] of duration) {
      const name = spec.project.name;
      longestOfProject.set(name, Math.max(longestOfProject.get(name) ?? 0, ms));
    }
    const longerFirst = (a: number, b: number) => (a === b ? 0 : a > b ? -1 : 1);
    return [...files].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        longerFirst(longestOfProject.get(a.project.name) ?? 0, longestOfProject.get(b.project.name) ?? 0) ||
        a.project.name.localeCompare(b.project.name) ||
        longerFirst(duration.get(a) ?? 0, duration.get(b) ?? 0) ||
        a.moduleId.localeCompare(b.moduleId),
    );
  }
}

export default defineConfig({
  test: {
    env: {
      // Lambda runs Node.js 22; the SDK's notice about an older Node.js is noise in test output.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      // The functions' per-request info lines would bury the test output; errors still show.
      LOG_LEVEL: "warn",
      JAVA_TOOL_OPTIONS: process.env.JAVA_TOOL_OPTIONS ?? javaOptions,
    },
    // A test that cannot find anything to run is a broken include pattern, not a pass.
    passWithNoTests: false,
    // Most of a file's time is spent waiting (on DynamoDB Local, on the topic loop, on child
    // processes), so more files than cores run at once; vitest's default would be one on two cores.
    // Measured on two cores: 3 is fastest; 4 makes the JVMs and the timing tests starve.
    maxWorkers: 3,
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"], ...sharedWorker } },
      {
        extends: true,
        test: {
          name: "store",
          include: ["test/store/**/*.test.ts"],
          ...sharedWorker,
          globalSetup: dynamodb,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "api",
          include: ["test/api/**/*.test.ts"],
          ...sharedWorker,
          globalSetup: dynamodb,
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
      {
        extends: true,
        test: {
          name: "local",
          include: ["test/local/**/*.test.ts"],
          ...sharedWorker,
          globalSetup: dynamodb,
          // Several of these start and stop DynamoDB Local (a JVM) two or three times in one test,
          // while other files run alongside.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "workflow",
          include: ["test/workflow/**/*.test.ts"],
          ...sharedWorker,
          // Each file runs a whole local stack, the topic loop included, on the shared DynamoDB Local.
          globalSetup: dynamodb,
          // After all the other projects, two files at a time: the reminder ladder runs the clock
          // 200 000 times faster than real time, so 54 ms of delay are three simulated hours, and
          // its timing assertions fail when the CPU is busy with the JVMs and bundling of the rest.
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      {
        extends: true,
        test: {
          name: "infra",
          include: ["test/infra/**/*.test.ts"],
          ...sharedWorker,
          // env-credentials.test.ts sends a bundle's signed requests to DynamoDB Local.
          globalSetup: dynamodb,
          // Synthesis bundles every function with esbuild: slow the first time.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
