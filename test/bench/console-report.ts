/**
 * The console section of `npm run bench` (issue #13): the console's first load (index.html and the
 * scripts and styles it loads at once, gzipped) and its time to interactive on the local stack (the
 * sign-in page's first button ready), beside a blank Vite page built and served the same way in the
 * same run. Cold cache each time; median of BENCH_CONSOLE_RUNS (default 5) in Debian's chromium.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { build } from "vite";
import { consoleSource } from "../../infra/local/console-build";
import { staticFile } from "../../infra/local/gateway/static-files";
import { startLocalStack } from "../../infra/local/start";
import { formatRatio, markdownTable, percentile, ratio } from "./stats";

const runs = Number(process.env.BENCH_CONSOLE_RUNS ?? 5);

/** index.html plus what it loads at once (module scripts, preloads, styles), gzipped. */
async function firstLoadBytes(dir: string): Promise<{ raw: number; gzip: number; files: number }> {
  const html = await readFile(join(dir, "index.html"));
  const referenced = [...html.toString().matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map(
    (m) => m[1] ?? "",
  );
  const bodies = [html, ...(await Promise.all(referenced.map((file) => readFile(join(dir, file)))))];
  return {
    raw: bodies.reduce((sum, body) => sum + body.length, 0),
    gzip: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
    files: bodies.length,
  };
}

async function buildBlankPage(root: string): Promise<string> {
  await mkdir(root, { recursive: true });
  await writeFile(
    join(root, "index.html"),
    '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" /><title>blank</title></head><body><div id="app"></div><script type="module" src="./main.js"></script></body></html>',
  );
  await writeFile(
    join(root, "main.js"),
    'document.getElementById("app").innerHTML = "<button>ready</button>";\n',
  );
  await build({ root, base: "./", logLevel: "silent", configFile: false, build: { outDir: "dist" } });
  return join(root, "dist");
}

/** Serves a directory with the gateway's static-file code. */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    staticFile(dir, (request.url ?? "/").split("?")[0] ?? "/").then((reply) => {
      response.writeHead(reply?.status ?? 404, reply?.headers ?? {});
      response.end(reply?.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Milliseconds from navigation to the first button being visible and enabled, cold cache each run. */
async function timeToInteractive(url: string, ready: string): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(url);
      await page.locator(ready).first().waitFor({ state: "visible", timeout: 60_000 });
      times.push(performance.now() - started);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

export async function consoleReport(): Promise<string> {
  // The functions' per-request lines would bury the report.
  process.env.LOG_LEVEL = "warn";
  const work = await mkdtemp(join(tmpdir(), "hsl-console-"));
  try {
    const consoleDir = join(work, "console");
    await build({
      configFile: join(consoleSource, "vite.config.ts"),
      logLevel: "silent",
      build: { outDir: consoleDir },
    });
    const blankDir = await buildBlankPage(join(work, "blank"));
    const [consoleSize, blankSize] = [await firstLoadBytes(consoleDir), await firstLoadBytes(blankDir)];

    const stack = await startLocalStack({ port: 0, inMemory: true, dataDir: join(work, "data"), consoleDir });
    const blank = await serve(blankDir);
    let consoleTimes: number[];
    let blankTimes: number[];
    try {
      consoleTimes = await timeToInteractive(`${stack.apiUrl}/#/sign-in`, "main button.ant-btn-primary");
      blankTimes = await timeToInteractive(blank.url, "#app button");
    } finally {
      await blank.close();
      await stack.stop();
    }
    const p50 = (times: number[]) => percentile(times, 50);
    return [
      markdownTable(
        ["page", "first load (gzip)", "raw", "files", `time to interactive, p50 of ${runs}`, "max"],
        [
          [
            "console (sign-in page, demo users listed)",
            kb(consoleSize.gzip),
            kb(consoleSize.raw),
            String(consoleSize.files),
            ms(p50(consoleTimes)),
            ms(Math.max(...consoleTimes)),
          ],
          [
            "blank Vite page",
            kb(blankSize.gzip),
            kb(blankSize.raw),
            String(blankSize.files),
            ms(p50(blankTimes)),
            ms(Math.max(...blankTimes)),
          ],
        ],
      ),
      "",
      `Console vs blank: ${formatRatio(ratio(consoleSize.gzip, blankSize.gzip))} the bytes, ${formatRatio(ratio(p50(consoleTimes), p50(blankTimes)))} the time to interactive (cold cache, local stack, no network throttling).`,
    ].join("\n");
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
