/**
 * The esbuild settings every Lambda bundle is built with. The CDK functions (constructs/table-function.ts)
 * and the benchmark (test/bench) both read them, so the sizes the benchmark reports are the sizes deployed.
 */
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
} as const;
