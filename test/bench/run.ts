/**
 * `npm run bench`: each function's bundle size and module init time beside its floor (a bare handler
 * with the same AWS SDK clients), GET /stations/{id} beside a raw GetItem, and the topic loop on a
 * local stack: state transitions of a full loop and per reminder cycle, and a loop's wall time beside
 * as many GET /stations/{id} round trips, notices through the local queue and sender beside a plain
 * append of the same records — all measured in this run, so compare the ratios, not the
 * absolute figures. Targets: bundle ≤ 1.00× the stock floor and ≤ 1.20× the floor, module init
 * ≤ 1.25× (bundle-report.ts), p50 ≤ 3×, ≤ 60 transitions for a full loop.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { routes } from "../../functions/kernel/http/routes";
import { fromRoot } from "../../infra/paths";
import { topicLoopStates } from "../../workflows/topic-loop";
import { measureStationReads } from "./api-latency";
import { bundleReport, type FunctionEntry } from "./bundle-report";
import { consoleReport } from "./console-report";
import { noticesReport } from "./notices-report";
import { provinceReport } from "./province-report";
// The quarterly quota check (decision 0022).
import { quotaReport } from "./quota-report";
import { judge, machineLoad, scoreboard } from "./scoreboard";
import { formatMs, formatRatio, markdownTable, percentile, ratio } from "./stats";
import { resultPrefix, type TopicLoopResult } from "./topic-loop";
import { writePathReport } from "./write-path-report";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const initRuns = Number(process.env.BENCH_INIT_RUNS ?? 15);
const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const loops = Number(process.env.BENCH_LOOPS ?? 10);
const loopSpeeds = [1, 2880];
const ladderSpeed = 200_000;
const targets = { p50: 3, transitions: 60 };

/** The API functions (one per name the routes use, as infra/stack.ts deploys them), the loop's task function, the scheduled jobs' function and the notice senders. */
const functionEntries: readonly FunctionEntry[] = [
  ...[...new Set(routes.map((route) => route.function))].map((name) => ({
    name,
    entry: `functions/${name}.ts`,
  })),
  { name: "topic-loop", entry: "functions/topic-loop.ts" },
  { name: "scheduled", entry: "functions/scheduled.ts" },
  { name: "email-sender", entry: "functions/email-sender.ts" },
  { name: "sms-sender", entry: "functions/sms-sender.ts" },
  {
    name: "ses-email-sender",
    entry: "functions/ses-email-sender.ts",
    env: { EMAIL_DELIVERY: "ses", SES_FROM: "noreply@example.cn", AWS_REGION: "us-east-1" },
  },
  {
    name: "sns-sms-sender",
    entry: "functions/sns-sms-sender.ts",
    env: { SMS_DELIVERY: "sns", SMS_SIGNATURE: "某县政协", AWS_REGION: "us-east-1" },
  },
];

/** Sizes beside the stock floor and the floor, module init CPU beside the floor's: bundle-report.ts. */
async function bundlesAndInit(outDir: string): Promise<string> {
  return bundleReport(outDir, functionEntries, initRuns);
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
    markdownTable(
      ["request", "p50", "p99"],
      [row("GET /stations/{id} (gateway + handler)", api), row("raw GetItem (baseline)", getItem)],
    ),
    "",
    `p50 ratio ${formatRatio(p50Ratio)} (${judge({
      section: "reads",
      target: `GET /stations/{id} p50 ≤ ${targets.p50}× a raw GetItem`,
      figure: formatRatio(p50Ratio),
      met: p50Ratio <= targets.p50,
    })}), p99 ratio ${formatRatio(p99Ratio)}, ${requests} requests each`,
  ].join("\n");
}

const run = promisify(execFile);

/**
 * One local stack per process (the functions read their configuration and the clock once), so each
 * speed runs in a child process of its own, one after another.
 */
async function topicLoopChild(args: readonly string[]): Promise<TopicLoopResult> {
  const script = fromRoot("test/bench/topic-loop.ts");
  try {
    const { stdout } = await run(process.execPath, [...process.execArgv, script, ...args], {
      env: process.env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = stdout.split("\n").find((item) => item.startsWith(resultPrefix));
    if (!line) throw new Error(`topic-loop.ts ${args.join(" ")} printed no result:\n${stdout.slice(-2000)}`);
    return JSON.parse(line.slice(resultPrefix.length)) as TopicLoopResult;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    if (stderr)
      throw new Error(`topic-loop.ts ${args.join(" ")} failed:\n${stderr.slice(-4000)}`, { cause: error });
    throw error;
  }
}

const countsOf = (states: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const state of states) counts.set(state, (counts.get(state) ?? 0) + 1);
  return counts;
};

function transitionsReport(byspeed: readonly TopicLoopResult[], ladderRun: TopicLoopResult): string {
  const rows = byspeed.map((result) => {
    const transitions = Math.max(...result.loops.map((loop) => loop.transitions));
    const reminds = Math.max(...result.loops.map((loop) => loop.remindEntries));
    return [
      `full loop, no reminders (speed ${result.speed}, max of ${result.loops.length})`,
      String(transitions),
      String(reminds),
      `≤ ${targets.transitions}`,
      judge({
        section: "loop",
        target: `a full loop without reminders (speed ${result.speed}) in ≤ ${targets.transitions} state transitions`,
        figure: `${transitions} at most`,
        met: transitions <= targets.transitions,
      }),
    ];
  });
  const ladder = ladderRun.ladder;
  if (!ladder) throw new Error("the ladder run reported no ladder");
  rows.push(
    [
      `same path, no reminders (speed ${ladderRun.speed})`,
      String(ladder.baseline.transitions),
      String(ladder.baseline.remindEntries),
      `≤ ${targets.transitions}`,
      ladder.baseline.remindEntries === 0 ? "baseline" : "baseline spoiled: it was reminded",
    ],
    [
      `same path, collect ladder (${ladder.alarms.length} alarms)`,
      String(ladder.transitions),
      String(ladder.remindEntries),
      "—",
      "",
    ],
  );
  const extra = ladder.transitions - ladder.baseline.transitions;
  const perCycle = ladder.remindEntries === 0 ? Number.NaN : extra / ladder.remindEntries;
  const baselineCounts = countsOf(ladder.baseline.statesEntered);
  // Listed in the order a cycle runs them: from the first reminder on.
  const cycle = ladder.statesEntered.slice(ladder.statesEntered.indexOf(topicLoopStates.remind));
  const extraStates = [...countsOf(ladder.statesEntered)]
    .map(([state, count]): [string, number] => [state, count - (baselineCounts.get(state) ?? 0)])
    .filter(([, count]) => count !== 0)
    .sort(([a], [b]) => cycle.indexOf(a) - cycle.indexOf(b))
    .map(([state, count]) => `${count} × ${state}`);
  return [
    markdownTable(["execution", "transitions", "Remind entries", "target", "verdict"], rows),
    "",
    `Per reminder cycle: (${ladder.transitions} − ${ladder.baseline.transitions}) / ${ladder.remindEntries} = ${perCycle.toFixed(2)} transitions (extra states: ${extraStates.join(", ")}).`,
    `Ladder: ${ladder.alarms.join(" → ")}, ${ladder.simulatedDays.toFixed(1)} simulated days in ${ladder.realSeconds.toFixed(1)} s.`,
  ].join("\n");
}

function wallTimeReport(byspeed: readonly TopicLoopResult[]): string {
  const calls = byspeed[0]?.apiCallsPerLoop ?? 7;
  const p50Of = (
    result: TopicLoopResult | undefined,
    field: "wallMs" | "apiMs" | "baselineMs" | "dynamodbCalls" | "dynamodbMs",
  ) => percentile(result?.loops.map((loop) => loop[field]) ?? [Number.NaN], 50);
  const rows = byspeed.map((result) => [
    String(result.speed),
    formatMs(p50Of(result, "wallMs")),
    formatMs(
      percentile(
        result.loops.map((loop) => loop.wallMs),
        90,
      ),
    ),
    formatMs(p50Of(result, "apiMs")),
    `${p50Of(result, "dynamodbCalls")} / ${formatMs(p50Of(result, "dynamodbMs"))}`,
    formatMs(p50Of(result, "baselineMs")),
    formatRatio(ratio(p50Of(result, "wallMs"), p50Of(result, "baselineMs"))),
  ]);
  const [first, last] = [byspeed[0], byspeed.at(-1)];
  return [
    markdownTable(
      [
        "speed",
        `loop p50 (${first?.loops.length ?? 0} loops)`,
        "loop p90",
        "in our API calls",
        "DynamoDB requests / summed time",
        `${calls} × GET /stations/{id}`,
        "× baseline",
      ],
      rows,
    ),
    "",
    `Medians per loop. Speed ${last?.speed} vs speed ${first?.speed}: ${formatRatio(ratio(p50Of(last, "wallMs"), p50Of(first, "wallMs")))} the wall time. ` +
      `Local stack start-up: ${byspeed.map((result) => `${(result.stackStartMs / 1000).toFixed(1)} s`).join(", ")}.`,
  ].join("\n");
}

/** `BENCH_SECTIONS` (comma-separated) runs only some sections, for a quick look; all by default. */
const sectionNames = [
  "bundles",
  "reads",
  "writes",
  "notices",
  "loop",
  "province",
  "quota",
  "console",
] as const;
const chosen = new Set(
  (process.env.BENCH_SECTIONS ?? sectionNames.join(",")).split(",").map((s) => s.trim()),
);
const unknownSections = [...chosen].filter((name) => !(sectionNames as readonly string[]).includes(name));
if (unknownSections.length > 0) {
  throw new Error(
    `BENCH_SECTIONS: unknown ${unknownSections.join(", ")} (known: ${sectionNames.join(", ")})`,
  );
}

async function bundleSection(outDir: string) {
  console.log(
    "## Bundles and module init (floors: bare handlers with the same AWS SDK clients, built the usual way and as deployed)\n",
  );
  console.log(await bundlesAndInit(outDir));
}

async function readSection() {
  console.log("\n## GET /stations/{id} vs raw DynamoDB Local GetItem\n");
  console.log(await stationReads());
}

async function writeSection() {
  console.log("\n## Writes and lists at 10 connections, beside raw DynamoDB Local requests\n");
  const writes = await writePathReport(Number(process.env.BENCH_WRITES ?? 300));
  console.log(writes.text);
  if (writes.overBudget.length > 0) {
    console.error(
      `\nOVER BUDGET (the bench fails):\n${writes.overBudget.map((line) => `- ${line}`).join("\n")}`,
    );
    process.exitCode = 1;
  }
}

async function noticesSection() {
  console.log("\n## Notices through the local queue and sender, beside a plain append of the same records\n");
  console.log(await noticesReport());
}

async function loopSection() {
  const byspeed: TopicLoopResult[] = [];
  for (const speed of loopSpeeds) {
    byspeed.push(await topicLoopChild(["--speed", String(speed), "--loops", String(loops), "--warmup", "2"]));
  }
  const ladderRun = await topicLoopChild([
    "--speed",
    String(ladderSpeed),
    "--loops",
    "0",
    "--warmup",
    "0",
    "--ladder",
  ]);
  console.log(
    "\n## Topic loop: state transitions (states entered + retries, as Step Functions bills them)\n",
  );
  console.log(transitionsReport(byspeed, ladderRun));
  console.log(
    "\n## Topic loop: wall time, POST /topics → SUCCEEDED, each step completed once its token is parked\n",
  );
  console.log(wallTimeReport(byspeed));
}

async function provinceSection() {
  console.log("\n## A province: topics carried concurrently through the six steps (BENCH_PROVINCE_SIZES)\n");
  console.log(await provinceReport());
}

// The quarterly quota check (decision 0022).
async function quotaSection() {
  console.log("\n## The quarterly quota check over every station (BENCH_QUOTA_SIZES)\n");
  console.log(await quotaReport());
}

// The console's first load and time to interactive (decision 0023).
async function consoleSection() {
  console.log("\n## The console (工作台): first load and time to interactive, beside a blank Vite page\n");
  console.log(await consoleReport());
}

const startedLoad = machineLoad();
const outDir = await mkdtemp(join(tmpdir(), "hsl-bundles-"));
try {
  console.log(
    `haoshangliang benchmark — node ${process.version}, ${new Date().toISOString()}, ${startedLoad}\n`,
  );
  if (chosen.has("bundles")) await bundleSection(outDir);
  if (chosen.has("reads")) await readSection();
  if (chosen.has("writes")) await writeSection();
  if (chosen.has("notices")) await noticesSection();
  if (chosen.has("loop")) await loopSection();
  if (chosen.has("province")) await provinceSection();
  if (chosen.has("quota")) await quotaSection();
  if (chosen.has("console")) await consoleSection();
  console.log(`\n## Targets judged in this run (${new Date().toISOString()})\n`);
  console.log(scoreboard(startedLoad));
} finally {
  await rm(outDir, { recursive: true, force: true });
}
// Every section has printed: a handle one left open (a browser's pipe, a keep-alive socket) must not
// keep the run waiting. The exit status stays what the sections set (1 when a budget was exceeded).
process.exit(process.exitCode ?? 0);
