/** The gateway's static files (the console's build): what is served, and what never is. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticFile } from "../../infra/local/gateway/static-files";

let root: string;
let outside: string;

beforeAll(async () => {
  outside = await mkdtemp(join(tmpdir(), "static-"));
  root = join(outside, "dist");
  await mkdir(join(root, "assets"), { recursive: true });
  await writeFile(join(root, "index.html"), "<!doctype html><title>工作台</title>");
  await writeFile(join(root, "assets", "index-abc.js"), "console.log(1)");
  await writeFile(join(root, "assets", "topic-D4x9.js"), "export const TopicPage = 1");
  await writeFile(join(root, "config.json"), '{"kind":"local"}');
  await writeFile(join(outside, "secret.txt"), "not for the browser");
});

afterAll(() => rm(outside, { recursive: true, force: true }));

describe("static files", () => {
  it("serves index.html at /, revalidated on every load", async () => {
    const reply = await staticFile(root, "/");
    expect(reply?.status).toBe(200);
    expect(reply?.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(reply?.headers["cache-control"]).toBe("no-cache");
    expect(reply?.body.toString()).toContain("工作台");
  });

  it("caches hashed assets for good", async () => {
    const reply = await staticFile(root, "/assets/index-abc.js");
    expect(reply?.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(reply?.headers["cache-control"]).toContain("immutable");
  });

  it("caches a page's lazy chunk as the entry, and revalidates config.json", async () => {
    const chunk = await staticFile(root, "/assets/topic-D4x9.js");
    expect(chunk?.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(chunk?.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const config = await staticFile(root, "/config.json");
    expect(config?.headers["cache-control"]).toBe("no-cache");
  });

  it("answers nothing for a missing file, a folder or a path that climbs out", async () => {
    expect(await staticFile(root, "/nope.js")).toBeUndefined();
    expect(await staticFile(root, "/assets")).toBeUndefined();
    expect(await staticFile(root, "/../secret.txt")).toBeUndefined();
    expect(await staticFile(root, "/%2e%2e/secret.txt")).toBeUndefined();
    expect(await staticFile(root, "/assets/%2e%2e/%2e%2e/secret.txt")).toBeUndefined();
    expect(await staticFile(root, "/%E0%A4%A")).toBeUndefined();
  });
});
