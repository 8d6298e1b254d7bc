/**
 * The API test harness: one local stack per test file (a fresh table on the run's shared DynamoDB
 * Local, the real API functions behind the local HTTP gateway, no demo data), an HTTP client for
 * it, and fixtures.
 *
 * The functions read their configuration from the environment once per module graph, so a test
 * file starts one stack (or one after the other on the same table: restart tests); vitest gives
 * each file its own module graph (test/support/fresh-modules.ts). The project needs
 * `test/support/dynamodb.ts` as globalSetup.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as v from "valibot";
import { expect } from "vitest";
import type { errorBody } from "../../functions/kernel/contracts";
import type { CountySchedule } from "../../functions/kernel/schedules";
import {
  dynamodbComponent,
  localComponents,
  type StackState,
  schedulerComponent,
  schedulerComponentWith,
} from "../../infra/local/components";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import type { Component } from "../../infra/local/lifecycle";
import { putLocalUser } from "../../infra/local/local-users";
import { type LocalStack, type LocalStackOptions, startLocalStack } from "../../infra/local/start";
import { signToken, type TokenRequest } from "../../infra/local/token";
import { dynamodbEndpoint, uniqueTableName } from "../support/dynamodb";

export type ErrorBody = v.InferOutput<typeof errorBody>;
export interface Page<T> {
  readonly items: T[];
  readonly cursor: string | null;
}

export const ulidPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A well-formed id that no record has. */
export const absentId = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

export class Reply {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly text: string,
  ) {}

  json<T>(): T {
    return JSON.parse(this.text) as T;
  }

  get error(): ErrorBody["error"] {
    return this.json<ErrorBody>().error;
  }

  /** The fields named in a 400's details. */
  get fields(): string[] {
    return (this.error.details ?? []).map((detail) => detail.field);
  }
}

export interface RequestOptions {
  /** A bearer token; `null` sends none. Default: an admin token. */
  readonly token?: string | null;
  /** Serialized as JSON unless it is already a string or bytes. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface Api {
  readonly stack: LocalStack;
  readonly admin: string;
  /** A token for the request's subject, with its user record (role, stations, member) written into the table. */
  token(request: TokenRequest): Promise<string>;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  get(path: string, options?: RequestOptions): Promise<Reply>;
  post(path: string, body: unknown, options?: RequestOptions): Promise<Reply>;
  patch(path: string, body: unknown, options?: RequestOptions): Promise<Reply>;
  put(path: string, body?: unknown, options?: RequestOptions): Promise<Reply>;
  delete(path: string, options?: RequestOptions): Promise<Reply>;
  /** 5xx answers seen since the last call (a test that expects none asserts the list is empty). */
  takeServerErrors(): string[];
  stop(): Promise<void>;
}

export interface ApiOptions {
  /** The simulated clock's speed (the topic loop's reminders). Default 1. */
  readonly speed?: number;
  /**
   * Keep the signing keys (and a simulated clock) in this directory, for a stack started again
   * after this one stops (restart tests). Default: a temporary directory, removed at stop.
   */
  readonly dataDir?: string;
  /**
   * The table, on the test run's shared DynamoDB Local: a stack started again passes the table of
   * the one it replaces. Default: a fresh table.
   */
  readonly tableName?: string;
  /**
   * The API's port: a stack started again passes the port of the one it replaces, so that its tokens
   * (whose issuer is the stack's address) stay valid. Default: a free port.
   */
  readonly port?: number;
  /** Replace the local stack's components (e.g. a topic loop with a wrapped task function). */
  readonly components?: LocalStackOptions["components"];
  /**
   * The scheduled jobs the stack runs on its clock. Default none: a fast simulated day would run the
   * county's daily jobs in the middle of unrelated tests.
   */
  readonly schedules?: readonly CountySchedule[];
}

/**
 * Stands in for the stack's own DynamoDB Local: the test run's shared one, which the stack must not
 * stop. (Starting a JVM was most of an API test file's set-up time.)
 */
function sharedDynamoDb(endpoint: string): Component<StackState> {
  return {
    name: "DynamoDB Local (shared by the test run)",
    async start(state) {
      state.dynamodb = {
        endpoint,
        port: Number(new URL(endpoint).port),
        dbPath: undefined,
        stop: async () => {},
      };
      const client = localDynamoDbClient(endpoint);
      state.client = client;
      return async () => client.destroy();
    },
  };
}

export async function startApi(options: ApiOptions = {}): Promise<Api> {
  // No access-log line per request in test output; real server errors are still logged.
  process.env.LOG_LEVEL = "warn";
  // Quiet hours would hold SMS or not by the hour the suite happens to run; a test that wants them sets them.
  process.env.NOTICE_QUIET_HOURS ??= "off";
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "hsl-api-")));
  const dynamodb = sharedDynamoDb(await dynamodbEndpoint());
  const stack = await startLocalStack({
    dataDir,
    inMemory: ownDataDir,
    seed: false,
    port: options.port ?? 0,
    // "haoshangliang" in the name: the error tests check that it never reaches a client.
    tableName: options.tableName ?? uniqueTableName("haoshangliang-api"),
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    components: (options.components ?? localComponents).map((component) => {
      if (component === dynamodbComponent) return dynamodb;
      if (component === schedulerComponent) return schedulerComponentWith(options.schedules ?? []);
      return component;
    }),
  });
  const admin = await stack.adminToken();
  const serverErrors: string[] = [];

  const request = async (method: string, path: string, options: RequestOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? admin : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | Uint8Array | undefined;
    if (options.body !== undefined) {
      body =
        typeof options.body === "string" || options.body instanceof Uint8Array
          ? options.body
          : JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    Object.assign(headers, options.headers);
    const response = await fetch(`${stack.apiUrl}${path}`, { method, headers, body });
    // Decoded by hand: Response.text() would drop the BOM that CSV answers must start with.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    const reply = new Reply(response.status, response.headers, text);
    if (reply.status >= 500)
      serverErrors.push(`${method} ${path} → ${reply.status} ${reply.text.slice(0, 200)}`);
    return reply;
  };

  return {
    stack,
    admin,
    async token(tokenRequest) {
      await putLocalUser(tokenRequest);
      return await signToken(tokenRequest, stack.keys);
    },
    request,
    get: (path, options) => request("GET", path, options),
    post: (path, body, options) => request("POST", path, { ...options, body }),
    patch: (path, body, options) => request("PATCH", path, { ...options, body }),
    put: (path, body, options) => request("PUT", path, { ...options, body }),
    delete: (path, options) => request("DELETE", path, options),
    takeServerErrors: () => serverErrors.splice(0),
    async stop() {
      try {
        await stack.stop();
      } finally {
        if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

let sequence = 0;
/** Unique within a test file (each file has its own database). */
export const unique = (prefix: string) => `${prefix}${++sequence}`;

let phoneSequence = 0;
/** A fresh, valid mainland mobile number (139xxxxxxxx). */
export const nextPhone = () => `139${String(++phoneSequence).padStart(8, "0")}`;

export function stationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: "station",
    name: unique("测试工作站"),
    zone: "测试片区",
    township: "测试镇",
    hostVenue: { type: "civilization-practice-center", name: "测试镇新时代文明实践所" },
    liaison: { leader: "县政协副主席（测试）", committee: "提案委员会" },
    ...overrides,
  };
}

/** Vocabulary chosen not to overlap the suggestion tests' topics. */
export function memberInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: unique("测试委员"),
    sector: "科技界",
    profession: "工程师",
    expertise: ["数字乡村"],
    phone: nextPhone(),
    ...overrides,
  };
}

export interface Station {
  id: string;
  kind: "station" | "room";
  name: string;
  zone: string;
  township?: string;
  hostVenue: { type: string; name: string };
  leadMemberId?: string;
  liaison: { leader: string; committee: string };
  contact?: { name: string; phone: string; email?: string };
  status: string;
  standards: Record<string, { met: boolean; note?: string }>;
  meetsStandard: boolean;
  standardsMet: number;
  memberCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  id: string;
  name: string;
  sector: string;
  profession: string;
  expertise: string[];
  phone: string;
  email?: string;
  preferences: { language: string; channel: string };
  stationCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Assignment {
  stationId: string;
  memberId: string;
  basis: string;
  assignedAt: string;
  member?: Member;
}

export async function createStation(api: Api, overrides: Record<string, unknown> = {}): Promise<Station> {
  const reply = await api.post("/stations", stationInput(overrides));
  expect(reply.status, reply.text).toBe(201);
  return reply.json<Station>();
}

export async function createMember(api: Api, overrides: Record<string, unknown> = {}): Promise<Member> {
  const reply = await api.post("/members", memberInput(overrides));
  expect(reply.status, reply.text).toBe(201);
  return reply.json<Member>();
}

export async function assign(api: Api, stationId: string, memberId: string, basis?: string): Promise<void> {
  const reply = await api.put(`/stations/${stationId}/members/${memberId}`, basis ? { basis } : undefined);
  expect([200, 201], reply.text).toContain(reply.status);
}

/** Every item of a list, following cursors (asserting the pages do not overlap). */
export async function listAll<T>(api: Api, path: string, options: RequestOptions = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const separator = path.includes("?") ? "&" : "?";
    const reply: Reply = await api.get(
      cursor === null ? path : `${path}${separator}cursor=${encodeURIComponent(cursor)}`,
      options,
    );
    expect(reply.status, reply.text).toBe(200);
    const page = reply.json<Page<T>>();
    items.push(...page.items);
    cursor = page.cursor;
    if (cursor === null) return items;
  }
  throw new Error(`${path}: more than 100 pages`);
}

/** Internals that must never reach a client: stack frames, source paths, AWS and table names. */
const internals =
  /\bat \S+ \(|\.ts:\d+|node_modules|\/work\/|Exception|DynamoDB|dynamodb|Transaction|ConditionalCheck|STATION#|MEMBER#|UNIQUE#|GSI\d|"PK"|stack/;

/**
 * An error answer as API.md describes it: `{"error": {code, message, requestId, details?}}`, the
 * request id also in a header, JSON, and nothing internal in it.
 */
export function expectApiError(reply: Reply, status: number, code: string): ErrorBody["error"] {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
  const body = reply.json<Record<string, unknown>>();
  expect(Object.keys(body)).toEqual(["error"]);
  const error = reply.error;
  expect(error.code).toBe(code);
  expect(error.message).toEqual(expect.any(String));
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.requestId).toBeTruthy();
  expect(reply.headers.get("x-request-id") ?? reply.headers.get("apigw-requestid")).toBe(error.requestId);
  for (const key of Object.keys(error)) {
    expect(["code", "message", "requestId", "currentVersion", "details"]).toContain(key);
  }
  expect(reply.text).not.toMatch(internals);
  return error;
}

/** Parses a CSV answer (RFC 4180: quoted cells, CRLF line ends) after checking the BOM. */
export function parseCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.endsWith("\r\n")).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && body[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += char;
  }
  return rows;
}
