/**
 * Loads the demo data through the real API — members, then stations (with their lead members), then
 * assignments — as an admin. Nothing is written to the table behind the API's back, so the demo data
 * obeys every rule the API enforces. Also a CLI for a stack that is already running:
 * `npx tsx infra/local/seed.ts --api http://127.0.0.1:3000 [--data-dir .data] [--force]`.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { isMain, runCli, UsageError } from "./cli";
import { loadOrCreateKeys } from "./keys";
import {
  type DemoAssignment,
  type DemoMember,
  type DemoStation,
  demoAssignments,
  demoMembers,
  demoStations,
} from "./seed-data";
import { signToken } from "./token";

export interface ApiResponse {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

/** One call to the API, e.g. through the local gateway with an admin token. */
export type ApiCall = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

export class SeedError extends Error {}

/** Calls the API over HTTP with a bearer token. */
export function httpApi(apiUrl: string, token: string): ApiCall {
  return async (method, path, body) => {
    const response = await fetch(new URL(path, apiUrl), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  };
}

/** Calls the API and insists on a 2xx answer; otherwise fails with the whole response body. */
async function expectOk(call: ApiCall, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await call(method, path, body);
  if (response.status < 200 || response.status > 299) {
    throw new SeedError(
      `seeding failed: ${method} ${path} answered ${response.status}\n` +
        `request body: ${body === undefined ? "(none)" : JSON.stringify(body)}\n` +
        `response body: ${response.text || "(empty)"}`,
    );
  }
  return response.json;
}

function idOf(value: unknown, what: string): string {
  const id = (value as { id?: unknown } | undefined)?.id;
  if (typeof id !== "string" || id === "") {
    throw new SeedError(
      `seeding failed: the API created ${what} but answered without an id: ${JSON.stringify(value)}`,
    );
  }
  return id;
}

export interface SeedResult {
  /** Seed key → the id the API gave it. */
  readonly memberIds: Readonly<Record<string, string>>;
  readonly stationIds: Readonly<Record<string, string>>;
  readonly assignments: number;
}

export interface DemoData {
  readonly members: readonly DemoMember[];
  readonly stations: readonly DemoStation[];
  readonly assignments: readonly DemoAssignment[];
}

export const defaultDemoData: DemoData = {
  members: demoMembers,
  stations: demoStations,
  assignments: demoAssignments(),
};

/** Creates the demo data. Sequential on purpose: assignments to one station race on its counters. */
export async function seedDemoData(call: ApiCall, data: DemoData = defaultDemoData): Promise<SeedResult> {
  const memberIds: Record<string, string> = {};
  for (const member of data.members) {
    memberIds[member.key] = idOf(
      await expectOk(call, "POST", "/members", member.body),
      `member ${member.key}`,
    );
  }
  const stationIds: Record<string, string> = {};
  for (const station of data.stations) {
    const leadMemberId = station.leadMemberKey === undefined ? undefined : memberIds[station.leadMemberKey];
    if (station.leadMemberKey !== undefined && leadMemberId === undefined) {
      throw new SeedError(
        `seed data: station ${station.key} is led by unknown member ${station.leadMemberKey}`,
      );
    }
    const body = leadMemberId === undefined ? station.body : { ...station.body, leadMemberId };
    stationIds[station.key] = idOf(await expectOk(call, "POST", "/stations", body), `station ${station.key}`);
  }
  for (const assignment of data.assignments) {
    const stationId = stationIds[assignment.stationKey];
    const memberId = memberIds[assignment.memberKey];
    if (!stationId || !memberId) {
      throw new SeedError(
        `seed data: assignment ${assignment.stationKey}/${assignment.memberKey} names unknown keys`,
      );
    }
    await expectOk(
      call,
      "PUT",
      `/stations/${encodeURIComponent(stationId)}/members/${encodeURIComponent(memberId)}`,
      { basis: assignment.basis },
    );
  }
  return { memberIds, stationIds, assignments: data.assignments.length };
}

export type SeedOutcome =
  | { readonly kind: "seeded"; readonly result: SeedResult }
  | { readonly kind: "skipped"; readonly reason: "marker" | "data-present" };

export function seedMarkerPath(dataDir: string, tableName: string): string {
  return join(dataDir, `seeded-${tableName}.json`);
}

export interface SeedOnceOptions {
  readonly call: ApiCall;
  /** Where the marker lives; undefined for a throwaway (in-memory) table: no marker. */
  readonly markerPath: string | undefined;
  readonly data?: DemoData;
}

/**
 * Seeds unless it was done before: a marker file says so, and — should the marker be lost — a table
 * that already holds stations is never seeded again either.
 */
export async function seedOnce({ call, markerPath, data }: SeedOnceOptions): Promise<SeedOutcome> {
  if (markerPath && (await readFile(markerPath, "utf8").catch(() => undefined)) !== undefined) {
    return { kind: "skipped", reason: "marker" };
  }
  const page = (await expectOk(call, "GET", "/stations?limit=1")) as { items?: unknown } | undefined;
  if (!Array.isArray(page?.items)) {
    throw new SeedError(`seeding failed: GET /stations did not answer a list: ${JSON.stringify(page)}`);
  }
  if (page.items.length > 0) {
    if (markerPath) await writeMarker(markerPath, { skipped: "the table already held stations" });
    return { kind: "skipped", reason: "data-present" };
  }
  const result = await seedDemoData(call, data);
  if (markerPath) await writeMarker(markerPath, result);
  return { kind: "seeded", result };
}

async function writeMarker(path: string, content: object): Promise<void> {
  await writeFile(path, `${JSON.stringify({ seededAt: new Date().toISOString(), ...content }, null, 2)}\n`);
}

const usage = `usage: npx tsx infra/local/seed.ts --api <url> [--data-dir .data] [--table haoshangliang] [--force]

Loads the demo data into a running local stack through its API, as an admin.
  --api <url>        the local API (default http://127.0.0.1:3000, or $PORT)
  --data-dir <dir>   where the local signing keys and the seed marker live (default .data)
  --table <name>     the table name, for the marker file (default haoshangliang)
  --force            seed even if a marker or existing stations say it was done`;

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(process.argv.slice(2)).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const dataDir = values["data-dir"];
  const keys = await loadOrCreateKeys(dataDir);
  const call = httpApi(values.api, await signToken({ role: "admin", subject: "local-seed" }, keys));
  if (values.force) {
    const result = await seedDemoData(call);
    process.stdout.write(describe({ kind: "seeded", result }));
    return;
  }
  const outcome = await seedOnce({ call, markerPath: seedMarkerPath(dataDir, values.table) });
  process.stdout.write(describe(outcome));
}

export function describe(outcome: SeedOutcome): string {
  if (outcome.kind === "skipped") {
    return outcome.reason === "marker"
      ? "demo data: already loaded earlier (marker file present)\n"
      : "demo data: skipped, the table already holds stations\n";
  }
  const { memberIds, stationIds, assignments } = outcome.result;
  return (
    `demo data: ${Object.keys(memberIds).length} members, ${Object.keys(stationIds).length} stations and rooms, ` +
    `${assignments} assignments (all fictional)\n`
  );
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      api: { type: "string", default: `http://127.0.0.1:${process.env.PORT ?? "3000"}` },
      "data-dir": { type: "string", default: process.env.DATA_DIR ?? ".data" },
      table: { type: "string", default: "haoshangliang" },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
}

if (isMain(import.meta.url)) runCli(main, usage);
