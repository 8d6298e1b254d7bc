/**
 * Loads the demo data through the real API — members, then stations (with their lead members), then
 * assignments, then consultation topics driven through the six-step loop to where the demo leaves
 * them — as an admin. Nothing is written to the table behind the API's back, so the demo data obeys
 * every rule the API enforces. Also a CLI for a stack that is already running:
 * `npx tsx infra/local/demo/seed.ts --api http://127.0.0.1:3000 [--data-dir .data] [--force]`.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type TopicStep, topicSteps } from "../../../functions/domain/topics/steps";
import { clock } from "../../../functions/kernel/clock";
import { type CliValues, dataDirOf, dataDirOption, defaultTableName, runCommand } from "../cli";
import { loadOrCreateKeys, withIssuer } from "../keys";
import { readStackFile } from "../stack-file";
import { signToken } from "../token";
import {
  type DemoAssignment,
  type DemoContact,
  type DemoMember,
  type DemoPerson,
  type DemoStation,
  type DemoTopic,
  type DemoTopicStage,
  type DemoUser,
  demoAssignments,
  demoContacts,
  demoMembers,
  demoStations,
  demoTopics,
  demoUsers,
  type EvidenceRefs,
} from "./data";

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
  readonly contactIds: Readonly<Record<string, string>>;
  readonly stationIds: Readonly<Record<string, string>>;
  readonly assignments: number;
  readonly topicIds: Readonly<Record<string, string>>;
  /** The sign-in users created (their subjects). */
  readonly userSubjects?: readonly string[];
}

export interface DemoData {
  readonly members: readonly DemoMember[];
  /** The contacts directory; stations reference its entries by key. */
  readonly contacts?: readonly DemoContact[];
  readonly stations: readonly DemoStation[];
  readonly assignments: readonly DemoAssignment[];
  readonly topics: readonly DemoTopic[];
  /** Who may sign in (PUT /users/{subject}). */
  readonly users?: readonly DemoUser[];
}

export const defaultDemoData: DemoData = {
  members: demoMembers,
  contacts: demoContacts,
  stations: demoStations,
  assignments: demoAssignments(),
  topics: demoTopics,
  users: demoUsers,
};

export interface SeedTiming {
  /** "Today" for the dates in the topics' evidence. Default: the process's clock (simulated or real). */
  readonly today?: Date;
  /** How long to wait for the topic loop to take a step (409 step_in_transition). Default 30 s. */
  readonly stepTimeoutMs?: number;
  /** The pause between two tries while the loop moves on. Default 20 ms. */
  readonly pollMs?: number;
}

/** Creates each record in turn: its key → the id the API gave it. */
async function createEach(
  call: ApiCall,
  path: string,
  records: readonly { readonly key: string; readonly body: unknown }[],
  what: string,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const record of records) {
    ids[record.key] = idOf(await expectOk(call, "POST", path, record.body), `${what} ${record.key}`);
  }
  return ids;
}

/**
 * Creates the demo data. Members, the contacts directory, stations and assignments one by one (assignments to one station
 * race on its counters); then the topics side by side, each through its steps in order.
 */
export async function seedDemoData(
  call: ApiCall,
  data: DemoData = defaultDemoData,
  timing: SeedTiming = {},
): Promise<SeedResult> {
  const memberIds = await createEach(call, "/members", data.members, "member");
  const contactIds = await createEach(call, "/contacts", data.contacts ?? [], "contact");
  const stationIds: Record<string, string> = {};
  for (const station of data.stations) {
    const leadMemberId = station.leadMemberKey === undefined ? undefined : memberIds[station.leadMemberKey];
    if (station.leadMemberKey !== undefined && leadMemberId === undefined) {
      throw new SeedError(
        `seed data: station ${station.key} is led by unknown member ${station.leadMemberKey}`,
      );
    }
    const withLead = leadMemberId === undefined ? station.body : { ...station.body, leadMemberId };
    const body = { ...withLead, liaison: { ...withLead.liaison, ...liaisonReferences(station, contactIds) } };
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
  const userSubjects = await seedUsers(call, data.users ?? [], { memberIds, stationIds });
  const topicIds = await seedTopics(call, data, { memberIds, stationIds }, timing);
  return { memberIds, contactIds, stationIds, assignments: data.assignments.length, topicIds, userSubjects };
}

/** The demo's sign-in users, their stations and member as the ids the API gave them. */
async function seedUsers(
  call: ApiCall,
  users: readonly DemoUser[],
  ids: { memberIds: Readonly<Record<string, string>>; stationIds: Readonly<Record<string, string>> },
): Promise<string[]> {
  const idOfKey = (keys: Readonly<Record<string, string>>, key: string, user: DemoUser) => {
    const id = keys[key];
    if (!id) throw new SeedError(`seed data: user ${user.subject} names unknown key ${key}`);
    return id;
  };
  for (const user of users) {
    const body = {
      name: user.name,
      role: user.role,
      ...(user.stationKeys
        ? { stationIds: user.stationKeys.map((key) => idOfKey(ids.stationIds, key, user)) }
        : {}),
      ...(user.memberKey ? { memberId: idOfKey(ids.memberIds, user.memberKey, user) } : {}),
    };
    await expectOk(call, "PUT", `/users/${encodeURIComponent(user.subject)}`, body);
  }
  return users.map((user) => user.subject);
}

/** A station's references to the contacts directory, as the ids the API gave its entries. */
function liaisonReferences(station: DemoStation, contactIds: Readonly<Record<string, string>>) {
  const idOfKey = (key: string | undefined) => {
    if (key === undefined) return undefined;
    const id = contactIds[key];
    if (!id) throw new SeedError(`seed data: station ${station.key} references unknown contact ${key}`);
    return id;
  };
  const leaderContactId = idOfKey(station.liaisonContactKeys?.leader);
  const committeeContactId = idOfKey(station.liaisonContactKeys?.committee);
  return {
    ...(leaderContactId ? { leaderContactId } : {}),
    ...(committeeContactId ? { committeeContactId } : {}),
  };
}

/** The steps the seed completes to leave a topic at `stage`. */
export function stepsBefore(stage: DemoTopicStage): readonly TopicStep[] {
  if (stage === "closed") return topicSteps;
  if (stage === "declined") return topicSteps.slice(0, topicSteps.indexOf("determine"));
  return topicSteps.slice(0, topicSteps.indexOf(stage));
}

/** An ISO date (yyyy-mm-dd) `days` days before `today`'s date in the county. */
export function isoDateBefore(today: Date, days: number): string {
  const timeZone = process.env.COUNTY_TIME_ZONE ?? "Asia/Shanghai";
  // en-CA writes dates as yyyy-mm-dd.
  const local = new Intl.DateTimeFormat("en-CA", { timeZone }).format(today);
  const date = new Date(`${local}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

interface CreatedIds {
  readonly memberIds: Readonly<Record<string, string>>;
  readonly stationIds: Readonly<Record<string, string>>;
}

/**
 * Topics share no counters, so they are driven concurrently: the topic loop's transitions are most
 * of the time they take, and one topic's wait is another's turn.
 */
async function seedTopics(
  call: ApiCall,
  data: DemoData,
  ids: CreatedIds,
  timing: SeedTiming,
): Promise<Record<string, string>> {
  const today = timing.today ?? clock().now();
  const membersByKey = new Map(data.members.map((member) => [member.key, member]));
  const person = (topic: DemoTopic, who: DemoPerson) => {
    if (!("memberKey" in who)) return { name: who.name, phone: who.phone };
    const member = membersByKey.get(who.memberKey);
    const memberId = ids.memberIds[who.memberKey];
    if (!member || !memberId) {
      throw new SeedError(`seed data: topic ${topic.key} names unknown member ${who.memberKey}`);
    }
    return { name: member.body.name, memberId };
  };
  const refs = (topic: DemoTopic): EvidenceRefs => ({
    member: (key) => {
      const id = ids.memberIds[key];
      if (!id) throw new SeedError(`seed data: evidence of topic ${topic.key} names unknown member ${key}`);
      return id;
    },
    daysAgo: (days) => isoDateBefore(today, days),
  });
  // Bodies first, so that a mistake in the data fails before anything is created.
  const plans = data.topics.map((topic) => {
    const stationId = ids.stationIds[topic.stationKey];
    if (!stationId)
      throw new SeedError(`seed data: topic ${topic.key} names unknown station ${topic.stationKey}`);
    if (topic.stage === "declined" && !topic.declineReason) {
      throw new SeedError(`seed data: topic ${topic.key} is declined without a reason`);
    }
    const responsibles = Object.entries(topic.responsibles ?? {}).map(([step, who]) => [
      step,
      person(topic, who),
    ]);
    const body = {
      title: topic.title,
      description: topic.description,
      source: topic.source,
      stationId,
      responsible: person(topic, topic.responsible),
      ...(responsibles.length ? { responsibles: Object.fromEntries(responsibles) } : {}),
    };
    const steps = stepsBefore(topic.stage).map((step) => {
      const build = topic.evidence[step] as ((refs: EvidenceRefs) => unknown) | undefined;
      if (!build) throw new SeedError(`seed data: topic ${topic.key} has no evidence for step ${step}`);
      return { step, evidence: build(refs(topic)) };
    });
    return { topic, body, steps };
  });
  const created = await allOrFirstError(
    plans.map(async ({ topic, body, steps }) => {
      const id = idOf(await expectOk(call, "POST", "/topics", body), `topic ${topic.key}`);
      const path = `/topics/${encodeURIComponent(id)}`;
      for (const { step, evidence } of steps) {
        await decide(call, `${path}/steps/${step}/complete`, evidence, timing);
      }
      if (topic.stage === "declined") {
        await decide(call, `${path}/reject`, { step: "determine", reason: topic.declineReason }, timing);
      } else if (topic.stage !== "closed") {
        await untilEntered(call, path, topic.stage, timing);
      }
      return [topic.key, id] as const;
    }),
  );
  return Object.fromEntries(created);
}

/** Like Promise.all, but waits for every one to settle before failing, so none runs on unseen. */
async function allOrFirstError<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const errorCode = (response: ApiResponse) =>
  (response.json as { error?: { code?: unknown } } | undefined)?.error?.code;

/**
 * A decision on a topic. Right after the previous one the loop may not have entered the next step
 * yet: the API then answers 409 step_in_transition, and the decision is tried again shortly.
 */
async function decide(call: ApiCall, path: string, body: unknown, timing: SeedTiming): Promise<void> {
  const until = Date.now() + (timing.stepTimeoutMs ?? 30_000);
  for (;;) {
    const response = await call("POST", path, body);
    if (response.status !== 409 || errorCode(response) !== "step_in_transition" || Date.now() > until) {
      await expectOk(async () => response, "POST", path, body);
      return;
    }
    await pause(timing.pollMs ?? 20);
  }
}

interface TimelineView {
  readonly step?: string;
  readonly timeline?: readonly { readonly kind?: string; readonly step?: string }[];
}

/**
 * Waits until the loop has entered the step a topic is left at (its step_started event follows the
 * last completion), so that the demo starts with every open topic settled, its deadline set.
 */
async function untilEntered(call: ApiCall, path: string, step: TopicStep, timing: SeedTiming): Promise<void> {
  const until = Date.now() + (timing.stepTimeoutMs ?? 30_000);
  for (;;) {
    const topic = (await expectOk(call, "GET", path)) as TimelineView | undefined;
    const timeline = topic?.timeline ?? [];
    const lastCompleted = timeline.findLastIndex((event) => event.kind === "step_completed");
    const entered = timeline
      .slice(lastCompleted + 1)
      .some((event) => event.kind === "step_started" && event.step === step);
    if (topic?.step === step && entered) return;
    if (Date.now() > until) {
      throw new SeedError(
        `seeding failed: the topic loop did not enter step ${step} of ${path} in time: ${JSON.stringify(topic)}`,
      );
    }
    await pause(timing.pollMs ?? 20);
  }
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
  readonly timing?: SeedTiming;
}

/**
 * Seeds unless it was done before: a marker file says so, and — should the marker be lost — a table
 * that already holds stations is never seeded again either.
 */
export async function seedOnce({ call, markerPath, data, timing }: SeedOnceOptions): Promise<SeedOutcome> {
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
  const result = await seedDemoData(call, data, timing);
  if (markerPath) await writeMarker(markerPath, result);
  return { kind: "seeded", result };
}

async function writeMarker(path: string, content: object): Promise<void> {
  await writeFile(path, `${JSON.stringify({ seededAt: new Date().toISOString(), ...content }, null, 2)}\n`);
}

const usage = `usage: npx tsx infra/local/demo/seed.ts --api <url> [--data-dir .data] [--table haoshangliang] [--force]

Loads the demo data into a running local stack through its API, as an admin.
  --api <url>        the local API (default http://127.0.0.1:3000, or $PORT)
  --data-dir <dir>   where the local signing keys and the seed marker live (default .data)
  --table <name>     the table name, for the marker file (default haoshangliang)
  --force            seed even if a marker or existing stations say it was done`;

const seedOptions = {
  api: { type: "string", default: `http://127.0.0.1:${process.env.PORT ?? "3000"}` },
  ...dataDirOption,
  table: { type: "string", default: defaultTableName },
  force: { type: "boolean", default: false },
} as const;

async function main(values: CliValues<typeof seedOptions>): Promise<void> {
  const dataDir = dataDirOf(values);
  // The running stack is the tokens' issuer (decision 0024).
  const issuer = (await readStackFile(dataDir))?.issuer ?? values.api.replace(/\/+$/, "");
  const keys = withIssuer(await loadOrCreateKeys(dataDir), issuer);
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
  const { memberIds, contactIds, stationIds, assignments, topicIds } = outcome.result;
  return (
    `demo data: ${Object.keys(memberIds).length} members, ${Object.keys(contactIds ?? {}).length} directory contacts, ` +
    `${Object.keys(stationIds).length} stations and rooms, ` +
    `${assignments} assignments, ${Object.keys(topicIds).length} topics, ` +
    `${outcome.result.userSubjects?.length ?? 0} sign-in users (all fictional)\n`
  );
}

runCommand(import.meta.url, { usage, options: seedOptions, main });
