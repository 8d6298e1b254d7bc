/**
 * The write-path section of `npm run bench`: write-path.ts in a child process (the functions read
 * their configuration once per process), its figures beside their same-run baselines, each target
 * with its ratio and a verdict, and the table requests per operation against their budgets — an
 * operation over its budget fails the bench.
 */
import { fromRoot } from "../../infra/paths";
import { runBenchChild } from "./child-args";
import { judge } from "./scoreboard";
import { formatMs, formatRatio, markdownTable, percentile, ratio } from "./stats";
import { type OperationRun, type WritePathResult, writePathPrefix } from "./write-path";

/** Writes: p50 and p99 within 5× a raw PutItem's; lists: p50 within 2× a raw Query of the same page. */
export const writePathTargets = { writeP50: 5, writeP99: 5, listP50: 2 } as const;

export interface WritePathReport {
  readonly text: string;
  /** Operations over their table-request budget: the bench fails. */
  readonly overBudget: readonly string[];
}

async function measure(requests: number, connections: number): Promise<WritePathResult> {
  return runBenchChild<WritePathResult>({
    script: fromRoot("test/bench/write-path.ts"),
    args: ["--requests", String(requests), "--connections", String(connections)],
    prefix: writePathPrefix,
  });
}

/** Judges one percentile of an operation against its same-run baseline's (the scoreboard keeps it). */
function judgeRatio(
  operation: OperationRun,
  percentileOf: 50 | 99,
  target: number,
  connections: number,
): string {
  const api = percentile(operation.apiMs, percentileOf);
  const baseline = percentile(operation.baselineMs, percentileOf);
  const value = ratio(api, baseline);
  const verdict = judge({
    section: "writes",
    target: `${operation.operation} p${percentileOf} ≤ ${target}× ${operation.baseline} (${connections} connections)`,
    figure: `${formatRatio(value)} (${formatMs(api)} / ${formatMs(baseline)})`,
    met: value <= target,
  });
  return `p${percentileOf} ≤ ${target}×: ${verdict}`;
}

function row(operation: OperationRun, connections: number): string[] {
  const p = (samples: number[], q: number) => percentile(samples, q);
  const maxRequests = Math.max(...operation.dynamodbRequests);
  const targets =
    operation.kind === "write"
      ? `${judgeRatio(operation, 50, writePathTargets.writeP50, connections)}; ${judgeRatio(operation, 99, writePathTargets.writeP99, connections)}`
      : judgeRatio(operation, 50, writePathTargets.listP50, connections);
  judge({
    section: "writes",
    target: `${operation.operation}: ≤ ${operation.budget} table requests before answering`,
    figure: `${maxRequests} at most`,
    met: maxRequests <= operation.budget,
  });
  const p50 = ratio(p(operation.apiMs, 50), p(operation.baselineMs, 50));
  const p99 = ratio(p(operation.apiMs, 99), p(operation.baselineMs, 99));
  return [
    operation.operation,
    `${formatMs(p(operation.apiMs, 50))} / ${formatMs(p(operation.apiMs, 99))}`,
    `${operation.baseline} ${formatMs(p(operation.baselineMs, 50))} / ${formatMs(p(operation.baselineMs, 99))}`,
    `${formatRatio(p50)} / ${formatRatio(p99)}`,
    targets,
    `${maxRequests} (≤ ${operation.budget}: ${maxRequests <= operation.budget ? "met" : "OVER BUDGET"})`,
  ];
}

export async function writePathReport(requests: number, connections = 10): Promise<WritePathReport> {
  const result = await measure(requests, connections);
  const rows = result.operations.map((operation) => row(operation, result.connections));
  const overBudget = result.operations
    .filter((operation) => Math.max(...operation.dynamodbRequests) > operation.budget)
    .map(
      (operation) =>
        `${operation.operation}: ${Math.max(...operation.dynamodbRequests)} table requests, budget ${operation.budget}`,
    );
  const text = [
    markdownTable(
      [
        `operation (${connections} connections, ${requests} each)`,
        "p50 / p99",
        "same-run baseline p50 / p99",
        "× baseline p50 / p99",
        "targets",
        "table requests (max)",
      ],
      rows,
    ),
    "",
    "Each connection alternates the API call and its baseline request; table requests are those the " +
      "functions sent before answering, attributed by request id.",
  ].join("\n");
  return { text, overBudget };
}
