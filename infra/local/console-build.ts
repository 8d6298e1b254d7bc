/**
 * The console's static build for the local stack: `npm start` builds it when a source is newer than
 * the build (or there is none), so the gateway serves what the sources say.
 */
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fromRoot } from "../paths";

export const consoleSource = fromRoot("infra/console");
export const consoleDist = join(consoleSource, "dist");

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) {
    if (entry === "dist" || entry === "node_modules") continue;
    newest = Math.max(newest, await newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when there is no build, or a source (or the lock file) changed after it. */
export async function consoleBuildIsStale(): Promise<boolean> {
  const built = join(consoleDist, "index.html");
  if (!existsSync(built)) return true;
  const builtAt = (await stat(built)).mtimeMs;
  const sources = Math.max(
    await newestMtime(consoleSource),
    (await stat(fromRoot("package-lock.json"))).mtimeMs,
  );
  return sources > builtAt;
}

/** Builds the console with Vite when stale; answers whether it built. */
export async function ensureConsoleBuilt(log: (line: string) => void = () => {}): Promise<boolean> {
  if (!(await consoleBuildIsStale())) return false;
  log("building the console (infra/console)…");
  const { build } = await import("vite");
  await build({ configFile: join(consoleSource, "vite.config.ts"), logLevel: "warn" });
  return true;
}
