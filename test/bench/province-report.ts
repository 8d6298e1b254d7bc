/**
 * The province section of `npm run bench`: province.ts in a child process per size (a fresh local
 * stack and a fresh heap each, with --expose-gc), how wall time, throughput and memory grow from one
 * size to the next, beside DynamoDB Local alone serving the same requests raw in the same run, and
 * the two targets of issue #10 part 3 with met / not met.
 */
import { fromRoot } from "../../infra/paths";
import { runBenchChild } from "./child-args";
import { type ProvinceResult, provincePrefix, provinceTargets } from "./province";
import { judge } from "./scoreboard";
import { formatKb, formatRatio, markdownTable } from "./stats";

/** BENCH_PROVINCE_SIZES, default 100, 1,000 and 5,000 topics. */
export function provinceSizes(value = process.env.BENCH_PROVINCE_SIZES ?? "100,1000,5000"): number[] {
  const sizes = value.split(",").map((item) => Number(item.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`BENCH_PROVINCE_SIZES must be positive integers separated by commas, not "${value}"`);
  }
  return sizes;
}

/** Topics in flight at once: BENCH_PROVINCE_CONCURRENCY, default 50. */
const concurrency = Number(process.env.BENCH_PROVINCE_CONCURRENCY ?? 50);

async function measure(size: number): Promise<ProvinceResult> {
  return runBenchChild<ProvinceResult>({
    script: fromRoot("test/bench/province.ts"),
    args: ["--size", String(size), "--concurrency", String(concurrency)],
    prefix: provincePrefix,
    // A fresh heap that can be collected on demand, with the bytecode kept (flat-memory readings).
    nodeFlags: ["--expose-gc", "--no-flush-bytecode"],
  });
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (count: number, ms: number) => (count / (ms / 1000)).toFixed(1);

/** DynamoDB Local alone, the same commands raw at the same concurrency: the topics/s it would allow. */
const ceiling = (result: ProvinceResult) => result.size / (result.raw.sameMixMs / 1000);

function rows(results: readonly ProvinceResult[]): string[][] {
  return results.map((result) => {
    const perTopic = (value: number) => (value / result.size).toFixed(1);
    const { before, afterGc } = result.memory;
    return [
      String(result.size),
      seconds(result.wallMs),
      result.topicsPerSecond.toFixed(1),
      `${ceiling(result).toFixed(1)} (${seconds(result.raw.sameMixMs)})`,
      `${perSecond(result.size, result.raw.putGetMs)} (${seconds(result.raw.putGetMs)})`,
      `${seconds(result.topicMs.p50)} / ${seconds(result.topicMs.p90)}`,
      perTopic(result.dynamodbRequests),
      `${perTopic(result.cpu.nodeMs)} / ${result.cpu.dynamodbMs === undefined ? "?" : perTopic(result.cpu.dynamodbMs)} ms`,
      `${mb(before.heapUsed)} → ${mb(result.memory.after.heapUsed)} → ${mb(afterGc.heapUsed)}`,
      `${formatKb(result.retainedDataBytesPerTopic)} (${formatKb(result.retainedBytesPerTopic)})`,
      `${mb(before.rss)} → ${mb(afterGc.rss)}`,
    ];
  });
}

/** How each size compares with the one before it: wall time, and the data heap retained after GC. */
function growth(results: readonly ProvinceResult[]): string {
  const steps = results.slice(1).map((result, index) => {
    const previous = results[index] as ProvinceResult;
    const retained = (r: ProvinceResult) => r.memory.afterGc.dataHeap - r.memory.before.dataHeap;
    return (
      `${previous.size} → ${result.size} topics (${formatRatio(result.size / previous.size)}): wall time ` +
      `${formatRatio(result.wallMs / previous.wallMs)}, topics/s ${formatRatio(result.topicsPerSecond / previous.topicsPerSecond)}, ` +
      `data heap retained after GC ${mb(retained(previous))} → ${mb(retained(result))}`
    );
  });
  return steps.length === 0 ? "" : `Growth: ${steps.join("; ")}.`;
}

/** CPU per topic in the run beside the raw requests of the same commands (the SDK client and the JVM alone). */
function cpu(result: ProvinceResult): string {
  const ms = (value: number | undefined) =>
    value === undefined ? "?" : `${(value / result.size).toFixed(1)} ms`;
  return (
    `CPU per topic at ${result.size}: node ${ms(result.cpu.nodeMs)} + DynamoDB Local ${ms(result.cpu.dynamodbMs)}; ` +
    `the same requests raw: node ${ms(result.rawCpu.nodeMs)} (the SDK client alone) + DynamoDB Local ${ms(result.rawCpu.dynamodbMs)}.`
  );
}

/** Where the functions' DynamoDB requests come from, per topic (a sender's stray few: in all). */
function senders(result: ProvinceResult): string {
  const count = (command: string, value: number) =>
    value / result.size >= 0.05
      ? `${(value / result.size).toFixed(1)} ${command}`
      : `${command} ×${value} in all`;
  const parts = Object.entries(result.dynamodbBySender)
    .map(([sender, counts]) => {
      const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
      const commands = Object.entries(counts)
        .sort(([, a], [, b]) => b - a)
        .map(([command, value]) => count(command, value))
        .join(" + ");
      return { total, text: `${sender}: ${commands}` };
    })
    .sort((a, b) => b.total - a.total)
    .map((part) => part.text);
  return `DynamoDB requests per topic at ${result.size}: ${(result.dynamodbRequests / result.size).toFixed(1)} — ${parts.join("; ")}.`;
}

export async function provinceReport(sizes: readonly number[] = provinceSizes()): Promise<string> {
  const results: ProvinceResult[] = [];
  for (const size of sizes) results.push(await measure(size));
  const header = [
    "topics",
    "wall",
    "topics/s",
    "raw same requests: topics/s (wall)",
    "raw Put/Get: topics/s (wall)",
    "topic p50 / p90",
    "DynamoDB req. per topic",
    "CPU per topic node / JVM",
    "heap before → after → after GC",
    "retained per topic: data (all)",
    "RSS before → after",
  ];
  const target = results.find((result) => result.size === 1000);
  const largest = results.at(-1);
  const broken = results.filter(
    (result) => result.firstStatus !== "SUCCEEDED" || result.firstTimelineSteps !== 6,
  );
  const lines = [
    markdownTable(header, rows(results)),
    "",
    `${concurrency} topics in flight at once, speed 1; heap figures after a warm-up of 50 topics and a forced GC. ` +
      "Raw: as many requests as the functions sent, on the same DynamoDB Local after the run, at the same " +
      "concurrency — the same commands (TransactWriteItems of two items, GetItem, Query), and PutItem/GetItem alternating.",
    growth(results),
    ...(largest ? [cpu(largest), senders(largest)] : []),
    ...(largest
      ? [
          `The runtime after ${largest.size} topics holds: ${largest.retention.running} running, ${largest.retention.ended} ended ` +
            `(a summary each), ${largest.retention.histories} histories, ${largest.retention.waitingTokens} waiting tokens.`,
        ]
      : []),
    "",
    target
      ? `Throughput ≥ ${provinceTargets.topicsPerSecond} topics/s at 1,000 topics: ${target.topicsPerSecond.toFixed(1)} — ` +
        `${judge({
          section: "province",
          target: `≥ ${provinceTargets.topicsPerSecond} topics/s through the six steps at 1,000 topics`,
          figure: `${target.topicsPerSecond.toFixed(1)} topics/s (DynamoDB Local alone, the same requests raw: ${ceiling(target).toFixed(1)})`,
          met: target.topicsPerSecond >= provinceTargets.topicsPerSecond,
        })} (DynamoDB Local alone, the same requests raw: ` +
        `${ceiling(target).toFixed(1)} topics/s; ours ${formatRatio(target.topicsPerSecond / ceiling(target))} of it)`
      : "Throughput at 1,000 topics: not measured (BENCH_PROVINCE_SIZES has no 1000)",
    target
      ? `Flat memory, ≤ ${formatKb(provinceTargets.retainedBytesPerTopic)} of data heap retained per finished topic at 1,000 ` +
        `topics (after GC, against before): ${formatKb(target.retainedDataBytesPerTopic)} — ` +
        `${judge({
          section: "province",
          target: `flat memory: ≤ ${formatKb(provinceTargets.retainedBytesPerTopic)} of data heap kept per finished topic at 1,000 topics`,
          figure: formatKb(target.retainedDataBytesPerTopic),
          met: target.retainedDataBytesPerTopic <= provinceTargets.retainedBytesPerTopic,
        })}`
      : "Memory at 1,000 topics: not measured",
    ...(broken.length > 0
      ? [
          `BROKEN: ${broken.map((result) => `at ${result.size}, the first topic ${result.firstStatus}, ${result.firstTimelineSteps} steps in its timeline`).join("; ")}`,
        ]
      : []),
  ];
  return lines.join("\n");
}
