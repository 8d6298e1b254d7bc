/**
 * The quota section of `npm run bench` (issue #12): the quarterly check over 1,000 and 10,000 stations
 * (BENCH_QUOTA_SIZES), each size in a child process of its own (quota.ts): wall time, DynamoDB
 * requests per station (target ≤ 1) with and without the notices, the notices recorded, how both
 * grow from the smallest size to the largest, beside raw Queries paging the same collections.
 */
import { fromRoot } from "../../infra/paths";
import { runBenchChild } from "./child-args";
import { type QuotaBenchResult, quotaPrefix } from "./quota";
import { judge } from "./scoreboard";
import { formatRatio, markdownTable, ratio } from "./stats";

const target = 1;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function row(result: QuotaBenchResult): string[] {
  const perStation = result.checkRequests / result.stations;
  return [
    String(result.stations),
    seconds(result.wallMs),
    `${result.checkRequests} (${perStation.toFixed(3)})`,
    judge({
      section: "quota",
      target: `the quarterly check at ${result.stations} stations in ≤ ${target} DynamoDB request per station`,
      figure: `${perStation.toFixed(3)} (${result.checkRequests} requests)`,
      met: perStation <= target,
    }),
    `${result.notices} (${result.noticeRequests} TransactWriteItems)`,
    `${seconds(result.silent.wallMs)} / ${result.silent.requests}`,
    `${seconds(result.baseline.wallMs)} / ${result.baseline.requests}`,
    formatRatio(ratio(result.silent.wallMs, result.baseline.wallMs)),
  ];
}

export async function quotaReport(
  sizes = (process.env.BENCH_QUOTA_SIZES ?? "1000,10000").split(",").map(Number),
): Promise<string> {
  const results: QuotaBenchResult[] = [];
  for (const stations of sizes)
    results.push(
      await runBenchChild<QuotaBenchResult>({
        script: fromRoot("test/bench/quota.ts"),
        args: ["--stations", String(stations)],
        prefix: quotaPrefix,
      }),
    );
  const [first, last] = [results[0], results.at(-1)];
  const growth = (pick: (r: QuotaBenchResult) => number) =>
    first && last ? formatRatio(ratio(pick(last), pick(first))) : "—";
  return [
    markdownTable(
      [
        "stations",
        "check wall (with notices)",
        "check's DynamoDB requests (per station)",
        `≤ ${target}/station`,
        "notices recorded",
        "check without notices: wall / requests",
        "raw paging of stations + tallies: wall / requests",
        "silent check × baseline",
      ],
      results.map(row),
    ),
    "",
    `Growth ${first?.stations} → ${last?.stations} stations (${growth((r) => r.stations)}): wall ${growth((r) => r.wallMs)} with notices, ` +
      `${growth((r) => r.silent.wallMs)} without; the check's requests ${growth((r) => r.checkRequests)}; notices ${growth((r) => r.notices)}.`,
    `By command at ${last?.stations}: ${Object.entries(last?.byCommand ?? {})
      .map(([command, count]) => `${count} ${command}`)
      .join(", ")}. Status at the end of Q2: ${JSON.stringify(last?.byStatus)}.`,
    "Seeded with BatchWriteItem (a station, its lead member, its 2025 tally); the Q3 check, Q1's recorded as done. " +
      "A station behind tells its lead member and contact, one at risk its liaison too: one TransactWriteItems per notice, left queued (no sender here).",
  ].join("\n");
}
