/**
 * The esbuild settings every Lambda bundle is built with. The CDK functions (constructs/table-function.ts)
 * and the benchmark (test/bench) both read them, so the sizes the benchmark reports are the sizes deployed.
 */

/**
 * Modules the deployed bundles get in place of others, resolved from the project root, where esbuild
 * runs (the CDK bundles locally with the project's esbuild, in the project root). The local runtime
 * and the tests run the sources, not bundles, and keep the originals.
 * - The SDK's default credential chain, which every client's Node.js runtime config imports, reduced
 *   to its first link: the credentials Lambda puts in the environment (docs/decisions/0010).
 * - `node:http` loaded with `require`: an ESM import of it loads undici at init (bundling/node-http.ts).
 */
export const bundleAliases = {
  "@aws-sdk/credential-provider-node": "./infra/bundling/env-credentials.ts",
  "node:http": "./infra/bundling/node-http.ts",
} as const;

export const bundleSettings = {
  format: "esm",
  platform: "node",
  target: "node22",
  // Prefer packages' ESM builds: the AWS SDK tree-shakes far better that way.
  mainFields: ["module", "main"],
  minify: true,
  // Chinese message templates stay UTF-8 instead of being inflated into `\uXXXX` escapes.
  charset: "utf8",
  // A `require` for any CommonJS dependency that requires a Node.js built-in from inside an ESM bundle.
  banner:
    'import { createRequire as topLevelCreateRequire } from "node:module";' +
    "const require = topLevelCreateRequire(import.meta.url);",
  alias: bundleAliases,
  // Operations' documentation is for the OpenAPI generator only: this makes `documented` false, and
  // esbuild drops every `...(documented && { summary, … })` (functions/kernel/http/operation.ts).
  define: { "process.env.OPERATION_DOCS": JSON.stringify("omit") },
} as const;
