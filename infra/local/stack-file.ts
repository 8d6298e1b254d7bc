/**
 * `<dataDir>/local-stack.json`: where the running local stack answers, so that tools in another
 * process (`npm run token`) sign for its issuer and write users through its API. Written when the
 * gateway is up, removed when it stops.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface StackFile {
  readonly apiUrl: string;
  /** The local OIDC issuer: the gateway's own URL. */
  readonly issuer: string;
}

const pathOf = (dataDir: string) => join(dataDir, "local-stack.json");

export async function writeStackFile(dataDir: string, file: StackFile): Promise<() => Promise<void>> {
  await writeFile(pathOf(dataDir), `${JSON.stringify(file, null, 2)}\n`);
  return () => rm(pathOf(dataDir), { force: true });
}

export async function readStackFile(dataDir: string): Promise<StackFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(pathOf(dataDir), "utf8")) as Partial<StackFile>;
    if (typeof parsed.apiUrl !== "string" || typeof parsed.issuer !== "string") return undefined;
    return { apiUrl: parsed.apiUrl, issuer: parsed.issuer };
  } catch {
    return undefined;
  }
}
