/**
 * `npm run bench`: each API function's bundle size and module init time beside the floor (a bare
 * handler with the same AWS SDK client), and GET /stations/{id} beside a raw GetItem — all measured
 * in this run, so compare the ratios, not the absolute figures. Targets: ≤ 1.25× and p50 ≤ 3×.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { routes } from "../../functions/api/routes";
import { measureStationReads } from "./api-latency";
import { type Bundle, bundle, moduleInitMs } from "./bundles";
import { formatKb, formatMs, formatRatio, median, percentile, ratio } from "./stats";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const initRuns = Number(process.env.BENCH_INIT_RUNS ?? 15);
const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const targets = { bundle: 1.25, init: 1.25, p50: 3 };

const verdict = (value: number, target: number) => (value <= target ? "ok" : `over target ${target}×`);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function bundlesAndInit(outDir: string): Promise<string> {
  const names = [...new Set(routes.map((route) => route.function))];
  const floor = await bundle("floor", "test/bench/floor-handler.ts", outDir);
  const functions: Bundle[] = [];
  for (const name of names) functions.push(await bundle(name, `functions/${name}.ts`, outDir));

  const env = { TABLE_NAME: "bench", AWS_REGION: "cn-north-1", LOG_LEVEL: "warn" };
  const samples = new Map<string, number[]>([floor, ...functions].map((b) => [b.name, []]));
  // Round robin, so that a noisy moment hits every bundle alike.
  for (let run = 0; run < initRuns; run += 1) {
    for (const b of [floor, ...functions]) samples.get(b.name)?.push(await moduleInitMs(b.file, env));
  }
  const initOf = (b: Bundle) => median(samples.get(b.name) ?? []);
  const rows = [floor, ...functions].map((b) => {
    const sizeRatio = ratio(b.bytes, floor.bytes);
    const initRatio = ratio(initOf(b), initOf(floor));
    return [
      b.name,
      formatKb(b.bytes),
      formatRatio(sizeRatio),
      formatMs(initOf(b)),
      formatRatio(initRatio),
      b === floor
        ? "baseline"
        : `size ${verdict(sizeRatio, targets.bundle)}, init ${verdict(initRatio, targets.init)}`,
    ];
  });
  return table(["function", "bundle", "× floor", `init (median of ${initRuns})`, "× floor", "verdict"], rows);
}

async function stationReads(): Promise<string> {
  const { api, getItem } = await measureStationReads(requests, 100);
  const row = (name: string, samples: number[]) => [
    name,
    formatMs(percentile(samples, 50)),
    formatMs(percentile(samples, 99)),
  ];
  const p50Ratio = ratio(percentile(api, 50), percentile(getItem, 50));
  const p99Ratio = ratio(percentile(api, 99), percentile(getItem, 99));
  return [
    table(
      ["request", "p50", "p99"],
      [row("GET /stations/{id} (gateway + handler)", api), row("raw GetItem (baseline)", getItem)],
    ),
    "",
    `p50 ratio ${formatRatio(p50Ratio)} (${verdict(p50Ratio, targets.p50)}), p99 ratio ${formatRatio(p99Ratio)}, ${requests} requests each`,
  ].join("\n");
}

const outDir = await mkdtemp(join(tmpdir(), "hsl-bundles-"));
try {
  console.log(`haoshangliang benchmark — node ${process.version}, ${new Date().toISOString()}\n`);
  console.log("## Bundles and module init (floor: bare handler with the DynamoDB client)\n");
  console.log(await bundlesAndInit(outDir));
  console.log("\n## GET /stations/{id} vs raw DynamoDB Local GetItem\n");
  console.log(await stationReads());
} finally {
  await rm(outDir, { recursive: true, force: true });
}
