/**
 * The console section of `npm run bench` (issue #13): the console's first load (every file of its
 * build the browser fetches before the page is interactive, gzipped: index.html, config.json, the
 * entry and vendor chunks, the first page's chunk and what it imports) and its time to interactive on
 * the local stack, for the sign-in page and for a signed-in clerk's home, beside a blank Vite page
 * built and served the same way in the same run; on loopback, then again on an emulated phone network.
 * Cold cache each time; median of BENCH_CONSOLE_RUNS (default 5) in Debian's chromium.
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, chromium } from "@playwright/test";
import { build } from "vite";
import { consoleSource } from "../../infra/local/console-build";
import { staticFile } from "../../infra/local/gateway/static-files";
import { startLocalStack } from "../../infra/local/start";
import { fromRoot } from "../../infra/paths";
import { runAsChild, runBenchChild } from "./child-args";
import { formatRatio, markdownTable, percentile, ratio } from "./stats";

const runs = Number(process.env.BENCH_CONSOLE_RUNS ?? 5);

interface FirstLoad {
  readonly raw: number;
  readonly gzip: number;
  readonly files: number;
}

/** The build's files among the fetched paths (API answers are not the build's), gzipped at level 9. */
async function firstLoadBytes(dir: string, paths: ReadonlySet<string>): Promise<FirstLoad> {
  const files = [...paths]
    .map((path) => join(dir, path === "/" ? "index.html" : decodeURIComponent(path)))
    .filter((file) => existsSync(file) && statSync(file).isFile());
  const bodies = await Promise.all(files.map((file) => readFile(file)));
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

/** Session and local storage to set before the page's scripts run (a signed-in visitor). */
type Storage = Readonly<Record<"session" | "local", Readonly<Record<string, string>>>>;

interface Measured {
  readonly times: number[];
  /** The paths the browser fetched before the page was interactive (first run). */
  readonly fetched: Set<string>;
}

/** Milliseconds from navigation to `ready` being visible, cold cache each run, and what was fetched. */
/**
 * A phone on a mediocre mobile network (Chrome's "Fast 3G"-like: 1.6 Mbit/s down, 150 ms latency),
 * where the first load's bytes show in the time; the other runs are unthrottled on loopback.
 */
const phoneNetwork = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

interface Visit {
  readonly storage?: Storage;
  readonly throttled?: boolean;
}

async function timeToInteractive(
  browser: Browser,
  url: string,
  ready: string,
  { storage, throttled = false }: Visit = {},
): Promise<Measured> {
  const times: number[] = [];
  const fetched = new Set<string>();
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    if (storage) await context.addInitScript(restoreStorage, storage);
    const page = await context.newPage();
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.emulateNetworkConditions", phoneNetwork);
    }
    let counting = run === 0;
    page.on("request", (request) => {
      if (counting) fetched.add(new URL(request.url()).pathname);
    });
    const started = performance.now();
    await page.goto(url);
    await page.locator(ready).first().waitFor({ state: "visible", timeout: 60_000 });
    times.push(performance.now() - started);
    counting = false;
    await context.close();
  }
  return { times, fetched };
}

/** The page's Web Storage (runs in the browser; the bench's Node types have no DOM). */
interface PageStorage {
  readonly sessionStorage: { setItem(key: string, value: string): void };
  readonly localStorage: { setItem(key: string, value: string): void };
}

function restoreStorage(storage: Storage): void {
  const page = globalThis as unknown as PageStorage;
  for (const [key, value] of Object.entries(storage.session)) page.sessionStorage.setItem(key, value);
  for (const [key, value] of Object.entries(storage.local)) page.localStorage.setItem(key, value);
}

/** Signs in as the first demo user (the county office's clerk) and keeps what the console stored. */
async function signedInStorage(browser: Browser, consoleUrl: string, home: string): Promise<Storage> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/#/sign-in`);
    await page.locator(signInReady).first().click();
    await page.locator(home).first().waitFor({ state: "visible", timeout: 60_000 });
    return await page.evaluate(() => {
      const stored = globalThis as unknown as PageStorage;
      return {
        session: Object.fromEntries(Object.entries(stored.sessionStorage) as unknown as [string, string][]),
        local: Object.fromEntries(Object.entries(stored.localStorage) as unknown as [string, string][]),
      };
    });
  } finally {
    await context.close();
  }
}

const signInReady = "main button.ant-btn-primary";
/** Home is interactive once its list of the clerk's topics is there. */
const homeReady = "main .ant-table";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

interface Row {
  readonly page: string;
  readonly size: FirstLoad;
  readonly times: readonly number[];
}

const p50 = (times: readonly number[]) => percentile([...times], 50);

/** Each console page against the blank page measured the same way (a group's last row). */
function ratios(group: readonly Row[]): string[] {
  const blank = group.at(-1);
  if (!blank) return [];
  return group
    .slice(0, -1)
    .map(
      (row) =>
        `${row.page} vs blank: ${formatRatio(ratio(row.size.gzip, blank.size.gzip))} the bytes, ` +
        `${formatRatio(ratio(p50(row.times), p50(blank.times)))} the time to interactive.`,
    );
}

function table(groups: readonly (readonly Row[])[]): string {
  const rows = groups.flat();
  const lines = rows.map(({ page, size, times }) => [
    page,
    kb(size.gzip),
    kb(size.raw),
    String(size.files),
    ms(p50(times)),
    ms(Math.max(...times)),
  ]);
  return [
    markdownTable(
      ["page", "first load (gzip)", "raw", "files", `time to interactive, p50 of ${runs}`, "max"],
      lines,
    ),
    "",
    ...groups.flatMap(ratios),
    "(Cold cache, local stack; phone network: 1.6 Mbit/s down, 150 ms latency through Chrome's network emulation;",
    "first load: the build's files fetched before interactive, gzipped at level 9.)",
  ].join("\n");
}

/** Measures each page while the local stack and the blank page's server run. */
async function measure(consoleDir: string, blankDir: string, work: string): Promise<Row[][]> {
  const stack = await startLocalStack({ port: 0, inMemory: true, dataDir: join(work, "data"), consoleDir });
  const blank = await serve(blankDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const row = async (page: string, dir: string, { times, fetched }: Measured): Promise<Row> => ({
      page,
      size: await firstLoadBytes(dir, fetched),
      times,
    });
    const signInPage = await timeToInteractive(browser, `${stack.apiUrl}/#/sign-in`, signInReady);
    const storage = await signedInStorage(browser, stack.apiUrl, homeReady);
    const home = await timeToInteractive(browser, `${stack.apiUrl}/#/`, homeReady, { storage });
    const blankPage = await timeToInteractive(browser, blank.url, "#app button");
    const phone = { throttled: true };
    const signInPhone = await timeToInteractive(browser, `${stack.apiUrl}/#/sign-in`, signInReady, phone);
    const homePhone = await timeToInteractive(browser, `${stack.apiUrl}/#/`, homeReady, {
      ...phone,
      storage,
    });
    const blankPhone = await timeToInteractive(browser, blank.url, "#app button", phone);
    return [
      [
        await row("console: sign-in page, demo users listed", consoleDir, signInPage),
        await row("console: a clerk's home (signed in), topics listed", consoleDir, home),
        await row("blank Vite page", blankDir, blankPage),
      ],
      [
        await row("console: sign-in page, phone network", consoleDir, signInPhone),
        await row("console: a clerk's home, phone network", consoleDir, homePhone),
        await row("blank Vite page, phone network", blankDir, blankPhone),
      ],
    ];
  } finally {
    await browser.close();
    await blank.close();
    await stack.stop();
  }
}

const consolePrefix = "BENCH_CONSOLE ";

/**
 * The console section of `npm run bench`: measured in a child process of its own, since it runs a
 * local stack and the functions read their configuration once per process (another section of the
 * same run has started one already).
 */
export async function consoleReport(): Promise<string> {
  const rows = await runBenchChild<Row[][]>({
    script: fromRoot("test/bench/console-report.ts"),
    args: [],
    prefix: consolePrefix,
  });
  return table(rows);
}

/** The child: builds the console and the blank page, measures both, prints the rows. */
async function main(): Promise<void> {
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
    const rows = await measure(consoleDir, blankDir, work);
    process.stdout.write(`${consolePrefix}${JSON.stringify(rows)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

runAsChild(import.meta.url, main);
