import { defineConfig } from "vitest/config";

const dynamodb = ["test/support/dynamodb.ts"];

export default defineConfig({
  test: {
    // A test that cannot find anything to run is a broken include pattern, not a pass.
    passWithNoTests: false,
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        test: {
          name: "store",
          include: ["test/store/**/*.test.ts"],
          globalSetup: dynamodb,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "api",
          include: ["test/api/**/*.test.ts"],
          globalSetup: dynamodb,
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: "local",
          include: ["test/local/**/*.test.ts"],
          globalSetup: dynamodb,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
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
