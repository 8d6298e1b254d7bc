/**
 * The bundles part of `npm run bench`: every function's bundle size beside two floors, and its
 * module init (CPU time) beside the floor's, all built and measured in this run.
 *
 * - The **stock floor**: a bare handler with the same AWS SDK clients, built the usual way (our
 *   esbuild settings without its aliases, so with the SDK's whole default credential chain).
 *   Target: ≤ 1.00× — the whole function smaller than an empty handler built as usual.
 * - The **floor**: the same bare handler built as the functions are deployed (infra/bundling.ts:
 *   credentials from the environment only, `node:http` required). Targets: ≤ 1.20× in size,
 *   ≤ 1.25× in module init.
 */
import { aboveFloor, type Bundle, bundle, type ModuleInit, moduleInit } from "./bundles";
import { judge } from "./scoreboard";
import { formatKb, formatMs, formatRatio, markdownTable, median, ratio } from "./stats";

export const bundleTargets = { stock: 1, floor: 1.2, init: 1.25 } as const;

/** Bare handlers with the SDK clients the functions use, nothing of ours; each built stock and as deployed. */
export const floorEntries = [
  { name: "floor", entry: "test/bench/floor-handler.ts" },
  { name: "floor-sfn", entry: "test/bench/floor-sfn-handler.ts" },
  { name: "floor-lambda", entry: "test/bench/floor-lambda-handler.ts" },
  { name: "floor-ses", entry: "test/bench/floor-ses-handler.ts" },
  { name: "floor-sns", entry: "test/bench/floor-sns-handler.ts" },
  { name: "floor-secrets", entry: "test/bench/floor-secrets-handler.ts" },
] as const;

export interface FunctionEntry {
  readonly name: string;
  readonly entry: string;
  /** Settings its module init needs beyond the table's name (a sender's provider). */
  readonly env?: Readonly<Record<string, string>>;
}

const clientNames = (b: Bundle) =>
  b.clients.map((client) => client.replace("@aws-sdk/client-", "")).join(" + ") || "none";

const metOrNot = (value: number, target: number) => (value <= target ? "met" : "not met");

interface Floors {
  readonly stock: Bundle;
  readonly deployed: Bundle;
}

async function buildAll(outDir: string, functionEntries: readonly FunctionEntry[]) {
  const floors: Floors[] = [];
  for (const { name, entry } of floorEntries) {
    floors.push({
      stock: await bundle(`stock-${name}`, entry, outDir, { stock: true }),
      deployed: await bundle(name, entry, outDir),
    });
  }
  const functions: Bundle[] = [];
  for (const fn of functionEntries) functions.push(await bundle(fn.name, fn.entry, outDir));
  // Each function is measured against the floors that bundle exactly its AWS SDK clients.
  const floorsOf = new Map<Bundle, Floors>();
  for (const fn of functions) {
    const same = floors.find((floor) => clientNames(floor.deployed) === clientNames(fn));
    if (!same) {
      throw new Error(
        `${fn.name} bundles the SDK clients ${clientNames(fn)}: add a floor with the same clients`,
      );
    }
    floorsOf.set(fn, same);
  }
  return { floors, functions, floorsOf };
}

/**
 * Module init of every bundle, `runs` times, round robin (each round starting one bundle later), so
 * that a noisy moment hits every bundle alike. Medians of CPU time and of wall time.
 */
async function measureInit(
  bundles: readonly Bundle[],
  runs: number,
  envOf: (b: Bundle) => Readonly<Record<string, string>> = () => ({}),
) {
  const env = { TABLE_NAME: "bench", AWS_REGION: "cn-north-1", LOG_LEVEL: "warn" };
  const samples = new Map<Bundle, ModuleInit[]>(bundles.map((b) => [b, []]));
  for (let run = 0; run < runs; run += 1) {
    for (let i = 0; i < bundles.length; i += 1) {
      const b = bundles[(run + i) % bundles.length] as Bundle;
      samples.get(b)?.push(await moduleInit(b.file, { ...env, ...envOf(b) }));
    }
  }
  const of = (b: Bundle) => samples.get(b) ?? [];
  return {
    cpu: (b: Bundle) => median(of(b).map((sample) => sample.cpuMs)),
    wall: (b: Bundle) => median(of(b).map((sample) => sample.wallMs)),
  };
}

/** Builds the floors and the functions, times their module init, and renders the section. */
export async function bundleReport(
  outDir: string,
  functionEntries: readonly FunctionEntry[],
  initRuns: number,
): Promise<string> {
  const { floors, functions, floorsOf } = await buildAll(outDir, functionEntries);
  const floorBundles = floors.flatMap((floor) => [floor.stock, floor.deployed]);
  const envs = new Map(functionEntries.map((fn) => [fn.name, fn.env ?? {}]));
  const init = await measureInit([...floorBundles, ...functions], initRuns, (b) => envs.get(b.name) ?? {});

  const floorRows = floors.flatMap(({ stock, deployed }) =>
    [stock, deployed].map((b) => [
      b.name,
      clientNames(b),
      formatKb(b.bytes),
      formatRatio(ratio(b.bytes, stock.bytes)),
      formatRatio(ratio(b.bytes, deployed.bytes)),
      formatMs(init.cpu(b)),
      formatRatio(ratio(init.cpu(b), init.cpu(deployed))),
      formatMs(init.wall(b)),
      b === stock ? "baseline: built the usual way" : "baseline: built as deployed",
    ]),
  );
  const verdicts = functions.map((fn) => {
    const { stock, deployed } = floorsOf.get(fn) as Floors;
    return {
      fn,
      floor: deployed,
      stock: ratio(fn.bytes, stock.bytes),
      size: ratio(fn.bytes, deployed.bytes),
      init: ratio(init.cpu(fn), init.cpu(deployed)),
    };
  });
  const functionRows = verdicts.map((v) => [
    v.fn.name,
    clientNames(v.fn),
    formatKb(v.fn.bytes),
    formatRatio(v.stock),
    formatRatio(v.size),
    formatMs(init.cpu(v.fn)),
    formatRatio(v.init),
    formatMs(init.wall(v.fn)),
    [
      `size ${metOrNot(v.stock, bundleTargets.stock)} / ${metOrNot(v.size, bundleTargets.floor)}`,
      `init ${metOrNot(v.init, bundleTargets.init)}`,
    ].join(", "),
  ]);
  const header = [
    "function",
    "SDK clients",
    "bundle",
    `× stock floor (≤ ${formatRatio(bundleTargets.stock)})`,
    `× floor (≤ ${formatRatio(bundleTargets.floor)})`,
    `init CPU (median of ${initRuns})`,
    `× floor (≤ ${formatRatio(bundleTargets.init)})`,
    "init wall (median)",
    "verdict",
  ];

  const target = (label: string, limit: number, pick: (v: (typeof verdicts)[number]) => number) => {
    const over = verdicts.filter((v) => pick(v) > limit);
    const worst = [...verdicts].sort((a, b) => pick(b) - pick(a))[0];
    const detail =
      over.length === 0
        ? `all ${verdicts.length} functions (largest: ${worst?.fn.name} ${formatRatio(worst ? pick(worst) : Number.NaN)})`
        : over.map((v) => `${v.fn.name} ${formatRatio(pick(v))}`).join(", ");
    const verdict = judge({
      section: "bundles",
      target: `${label} ≤ ${formatRatio(limit)}`,
      figure:
        over.length === 0
          ? `largest: ${worst?.fn.name} ${formatRatio(worst ? pick(worst) : Number.NaN)}`
          : detail,
      met: over.length === 0,
    });
    return `- ${label} ≤ ${formatRatio(limit)}: ${verdict} — ${detail}`;
  };
  const dynamodbStock = floors[0]?.stock;
  const againstDynamodbStock = dynamodbStock
    ? verdicts
        .filter((v) => v.floor !== floors[0]?.deployed)
        .map((v) => `${v.fn.name} ${formatRatio(ratio(v.fn.bytes, dynamodbStock.bytes))}`)
    : [];
  const overTarget = verdicts
    .filter(
      (v) => v.stock > bundleTargets.stock || v.size > bundleTargets.floor || v.init > bundleTargets.init,
    )
    .map(({ fn, floor }) => {
      const parts = aboveFloor(fn, floor)
        .slice(0, 8)
        .map(([part, bytes]) => `${part} ${formatKb(bytes)}`);
      return `- ${fn.name}: ${formatKb(fn.bytes - floor.bytes)} above ${floor.name} — ${parts.join(", ")}`;
    });

  return [
    markdownTable(header, [...floorRows, ...functionRows]),
    "",
    "Targets (each function against the floors with its own SDK clients):",
    target("bundle × stock floor (a bare handler built the usual way)", bundleTargets.stock, (v) => v.stock),
    ...(againstDynamodbStock.length > 0
      ? [`  Against the DynamoDB-only stock floor instead: ${againstDynamodbStock.join(", ")}.`]
      : []),
    target("bundle × floor (the same bare handler built as deployed)", bundleTargets.floor, (v) => v.size),
    target(`module init CPU × floor (median of ${initRuns})`, bundleTargets.init, (v) => v.init),
    ...(overTarget.length > 0
      ? ["", "Not met — what the bundle has above its floor (esbuild metafile):", ...overTarget]
      : []),
  ].join("\n");
}
