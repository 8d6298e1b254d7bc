/**
 * The console's browser tests: Debian's chromium (Playwright's own browser download is not
 * available here), against a local stack the global setup starts on a free port with its own data.
 */
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  globalSetup: "./global-setup.ts",
  // One browser at a time: two cores run the stack (DynamoDB Local, the API) and the browser.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? "line" : "list",
  outputDir: "../../test-results/console",
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1280, height: 900 },
    screenshot: "only-on-failure",
    // A trace records every step's DOM: worth it while working on a test, not in CI's time.
    trace: process.env.CI ? "off" : "retain-on-failure",
  },
});
