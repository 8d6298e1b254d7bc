/**
 * Operations' documentation (summary, description, tag, responses, documentedBody) is written beside
 * each operation as `...(documented && { … })` and read only by `npm run openapi`. The deployed
 * bundles are built with `documented` false (infra/bundling.ts), so none of it may reach them: a
 * summary written outside the block, or a build that lost the `define`, fails here.
 */
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { documented, type Operation } from "../../../functions/kernel/http/operation";
import { allOperations } from "../../../functions/meta/all-operations";
import { metaOperations } from "../../../functions/meta/operations";
import { bundleSettings } from "../../../infra/bundling";
import { fromRoot } from "../../../infra/paths";

const apiFunctions = ["meta", "stations", "members", "topics", "activities", "quota-checks"] as const;
const operations: readonly Operation[] = [...metaOperations, ...allOperations];

/**
 * The documentation's own texts, as they would appear in a bundle: operations' summaries and
 * descriptions, and their responses' descriptions but the error ones every operation shares
 * (kernel/http/error-responses.ts, which a bundle may keep for its `commonErrors`).
 */
const texts = [
  ...new Set(
    operations.flatMap((operation) => [
      operation.summary,
      ...(operation.description ? [operation.description] : []),
      ...operation.responses.filter((r) => r.schema !== "Error").map((r) => r.description),
    ]),
  ),
]
  // Long enough not to be some other string of the bundle ("Created"), cut before any character a
  // bundle may escape.
  .map((text) => text.split(/["'`\\\n]/)[0] ?? "")
  .filter((text) => text.length >= 24);

async function built(name: string) {
  const { banner, alias, ...settings } = bundleSettings;
  const result = await build({
    ...settings,
    alias: { ...alias },
    define: { ...settings.define },
    mainFields: [...settings.mainFields],
    entryPoints: [fromRoot(`functions/${name}.ts`)],
    bundle: true,
    write: false,
    logLevel: "error",
    absWorkingDir: fromRoot("."),
  });
  return result.outputFiles[0]?.text ?? "";
}

describe("operations' documentation", () => {
  it("is there where the sources run (the OpenAPI generator, these tests)", () => {
    expect(documented).toBe(true);
    expect(texts.length).toBeGreaterThan(operations.length);
  });

  it.each(apiFunctions)(
    "stays out of the %s bundle",
    async (name) => {
      const code = await built(name);
      expect(code.length).toBeGreaterThan(100_000); // the whole function was built
      expect(texts.filter((text) => code.includes(text))).toEqual([]);
    },
    60_000,
  );
});
