/** meta's handler leaves out the caller's steps, so it takes only operations that need no caller. */
import { describe, expect, it } from "vitest";
import { defineOperation, definePublicOperation, ok } from "../../../functions/kernel/http/operation";
import { createPublicApiHandler } from "../../../functions/kernel/http/public-api-handler";

const docs = { operationId: "probe", summary: "probe", tag: "meta", responses: [] } as const;

describe("createPublicApiHandler", () => {
  it("serves public operations", () => {
    process.env.TABLE_NAME ??= "unit";
    const publicOne = definePublicOperation({ ...docs, route: "GET /health", handle: async () => ok({}) });
    expect(typeof createPublicApiHandler([publicOne])).toBe("function");
  });

  it("refuses an operation that needs a caller", () => {
    const guarded = defineOperation({ ...docs, route: "GET /stations", handle: async () => ok({}) });
    expect(() => createPublicApiHandler([guarded])).toThrow(/GET \/stations needs a caller/);
  });
});
