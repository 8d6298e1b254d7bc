/**
 * Paths the CDK app needs, resolved from this file rather than from the working directory, so that
 * `cdk synth`, `tsx infra/app.ts` and the tests behave the same wherever they are started.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the folder holding package.json, package-lock.json and cdk.json. */
export const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** An absolute path from a path relative to the repository root, e.g. `functions/registry.ts`. */
export function fromRoot(relativePath: string): string {
  return join(repoRoot, relativePath);
}

/**
 * The `context` block of cdk.json (feature flags and the county's defaults). The CDK CLI passes it
 * to the app itself; reading it here too makes `tsx infra/app.ts` and the tests synthesize with the
 * same flags as `cdk synth`.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(fromRoot("cdk.json"), "utf8"));
  if (typeof parsed !== "object" || parsed === null || !("context" in parsed)) return {};
  const { context } = parsed;
  return typeof context === "object" && context !== null ? { ...context } : {};
}
