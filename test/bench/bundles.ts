/**
 * Builds Lambda bundles exactly as the CDK stack does (infra/bundling.ts) — or "stock", the usual way
 * (the same settings without the aliases: the SDK's whole default credential chain) — and
 * measures their module init as CPU time in a fresh Node.js process.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { bundleSettings } from "../../infra/bundling";
import { fromRoot } from "../../infra/paths";

const run = promisify(execFile);

export interface Bundle {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  /** Bytes in the bundle per npm package, or per folder or file of ours (esbuild's metafile). */
  readonly parts: ReadonlyMap<string, number>;
  /** The AWS SDK clients it bundles (`@aws-sdk/client-*`), sorted. */
  readonly clients: readonly string[];
}

/** `node_modules/@aws-sdk/core/dist-es/…` → `@aws-sdk/core`; `functions/api/operations/x.ts` → `functions/api/operations`. */
export function partOf(input: string): string {
  const parts = input.split("/");
  const modules = parts.lastIndexOf("node_modules");
  if (modules >= 0) {
    const scope = parts[modules + 1] ?? "";
    return scope.startsWith("@") ? `${scope}/${parts[modules + 2] ?? ""}` : scope;
  }
  return parts.slice(0, 3).join("/");
}

export interface BundleOptions {
  /**
   * Build it the usual way: our settings without `alias`, so the SDK clients bundle their default
   * credential chain (SSO, INI files, process, web identity, metadata services). Default false.
   */
  readonly stock?: boolean;
}

export async function bundle(
  name: string,
  entry: string,
  outDir: string,
  { stock = false }: BundleOptions = {},
): Promise<Bundle> {
  const file = join(outDir, name, "index.mjs");
  const { banner, alias, ...settings } = bundleSettings;
  const result = await build({
    ...settings,
    ...(stock ? {} : { alias: { ...alias } }),
    mainFields: [...settings.mainFields],
    entryPoints: [fromRoot(entry)],
    outfile: file,
    bundle: true,
    banner: { js: banner },
    logLevel: "error",
    absWorkingDir: fromRoot("."),
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs).find((item) => item.entryPoint !== undefined);
  if (!output) throw new Error(`esbuild wrote no entry bundle for ${entry}`);
  const parts = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0) continue;
    const part = partOf(input);
    parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
  }
  const clients = [...parts.keys()].filter((part) => part.startsWith("@aws-sdk/client-")).sort();
  return { name, file, bytes: output.bytes, parts, clients };
}

/** What `bundle` has beyond `floor`, largest first: [part, bytes] with bytes > 0. */
export function aboveFloor(bundle: Bundle, floor: Bundle): [string, number][] {
  return [...bundle.parts]
    .map(([part, bytes]): [string, number] => [part, bytes - (floor.parts.get(part) ?? 0)])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
}

export interface ModuleInit {
  /** CPU time (user + system, all threads) the process spent in `await import(bundle)`. */
  readonly cpuMs: number;
  /** Wall-clock time of the same import, for reference: it also counts waiting for the CPU. */
  readonly wallMs: number;
}

/**
 * The module init of a bundle in a fresh Node.js process: what a cold start spends on the bundle's
 * code before the first request (process start-up itself is excluded). CPU time rather than
 * wall-clock time: on a shared machine a wall-clock import also counts the time the process waited
 * for a core, and its medians flagged overruns that were noise (issue #10).
 */
export async function moduleInit(file: string, env: Record<string, string>): Promise<ModuleInit> {
  const script = [
    "const cpu = process.cpuUsage(); const t = performance.now();",
    `await import(${JSON.stringify(pathToFileURL(file).href)});`,
    "const wallMs = performance.now() - t; const { user, system } = process.cpuUsage(cpu);",
    "process.stdout.write(JSON.stringify({ cpuMs: (user + system) / 1000, wallMs }));",
  ].join("\n");
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, ...env },
  });
  const init = JSON.parse(stdout.trim() || "{}") as Partial<ModuleInit>;
  if (!Number.isFinite(init.cpuMs) || !Number.isFinite(init.wallMs))
    throw new Error(`module init of ${file} printed ${JSON.stringify(stdout)}`);
  return init as ModuleInit;
}
