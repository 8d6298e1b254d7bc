/**
 * The console's API types are generated from the OpenAPI document (`npm run console:api`); a contract
 * change must reach them, or the console would type-check against an API that no longer exists.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../../infra/paths";

describe("the console's generated API types", () => {
  it("match the OpenAPI document (run `npm run console:api` after `npm run openapi`)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "console-api-"));
    try {
      const fresh = join(dir, "schema.ts");
      await promisify(execFile)(
        fromRoot("node_modules/.bin/openapi-typescript"),
        [fromRoot("functions/meta/openapi.generated.json"), "-o", fresh],
        { cwd: fromRoot(".") },
      );
      const committed = await readFile(fromRoot("infra/console/src/api/schema.generated.ts"), "utf8");
      expect(committed === (await readFile(fresh, "utf8"))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
