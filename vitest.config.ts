import { defineConfig } from "vitest/config";

const dynamodb = ["test/support/dynamodb.ts"];

export default defineConfig({
  test: {
    // Lambda runs Node.js 22; the SDK's notice about this machine's Node.js 20 is noise in test output.
    // The functions' per-request info lines would bury the test output; errors still show.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", LOG_LEVEL: "warn" },
    // A test that cannot find anything to run is a broken include pattern, not a pass.
    passWithNoTests: false,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "store",
          include: ["test/store/**/*.test.ts"],
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
          globalSetup: dynamodb,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "workflow",
          include: ["test/workflow/**/*.test.ts"],
          // Each file runs a whole local stack, the topic loop included.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      {
        extends: true,
        test: {
          name: "infra",
          include: ["test/infra/**/*.test.ts"],
          // Synthesis bundles every function with esbuild: slow the first time.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
