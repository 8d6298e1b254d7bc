/** Builds Lambda bundles exactly as the CDK stack does (infra/bundling.ts), and times their module init. */
import { execFile } from "node:child_process";
import { stat } from "node:fs/promises";
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
}

export async function bundle(name: string, entry: string, outDir: string): Promise<Bundle> {
  const file = join(outDir, name, "index.mjs");
  const { banner, ...settings } = bundleSettings;
  await build({
    ...settings,
    mainFields: [...settings.mainFields],
    entryPoints: [fromRoot(entry)],
    outfile: file,
    bundle: true,
    banner: { js: banner },
    logLevel: "error",
  });
  return { name, file, bytes: (await stat(file)).size };
}

/**
 * Milliseconds to import the bundle in a fresh Node.js process: what a cold start spends on our
 * code before the first request (process start-up itself is excluded).
 */
export async function moduleInitMs(file: string, env: Record<string, string>): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, ...env },
  });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`module init of ${file} printed ${JSON.stringify(stdout)}`);
  return ms;
}
