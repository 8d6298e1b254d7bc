/** Loads `config.json` beside index.html (its shape: config-shape.ts). */
import { type ConsoleConfig, parseConfig } from "./config-shape";

export * from "./config-shape";

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch("./config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return parseConfig(await response.json());
}
