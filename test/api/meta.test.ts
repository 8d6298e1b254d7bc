/**
 * The public routes: liveness, and the OpenAPI document — which must describe every route of
 * routes.ts (and nothing else) and pass `redocly lint`.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../functions/kernel/http/routes";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { repoRoot } from "../../infra/paths";
import { type Api, startApi } from "./harness";

const run = promisify(execFile);

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Record<string, unknown>;
}
interface OperationObject {
  operationId: string;
  summary: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: Record<string, unknown> }> }
  >;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
}

let api: Api;
let document: OpenApiDocument;
let rawDocument: string;

beforeAll(async () => {
  api = await startApi();
  const reply = await api.get("/openapi.json", { token: null });
  expect(reply.status).toBe(200);
  rawDocument = reply.text;
  document = reply.json<OpenApiDocument>();
});

afterAll(async () => {
  await api?.stop();
});

afterEach(() => {
  expect(api.takeServerErrors()).toEqual([]);
});

const operation = (method: string, path: string) => document.paths[path]?.[method.toLowerCase()];

describe("GET /health", () => {
  it("answers 200 without a token, with a request id, saying the table is reachable", async () => {
    const reply = await api.get("/health", { token: null });
    expect(reply.status).toBe(200);
    expect(reply.json<unknown>()).toMatchObject({ status: "ok", table: "reachable" });
    expect(reply.headers.get("x-request-id")).toBeTruthy();
    expect(reply.headers.get("cache-control")).toBe("no-store");
  });

  it("ignores a bad token (the route is public)", async () => {
    expect((await api.get("/health", { token: "garbage" })).status).toBe(200);
  });
});

describe("GET /openapi.json", () => {
  it("is public, JSON, cacheable, OpenAPI 3.1", async () => {
    const reply = await api.get("/openapi.json", { token: null });
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    expect(reply.headers.get("cache-control")).toBe("public, max-age=300");
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toContain("好商量");
  });

  it("describes exactly the routes of routes.ts", () => {
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))("documents %s", (_key, route) => {
    const op = operation(route.method, route.path);
    expect(op).toBeDefined();
    if (!op) return;
    expect(op.operationId).toMatch(/^[a-zA-Z]+$/);
    expect(op.summary).toBeTruthy();
    expect(op.tags).toHaveLength(1);
    expect(op.security).toEqual(route.auth === "public" ? [] : [{ bearerAuth: [] }]);
    if (route.auth === "jwt") expect(Object.keys(op.responses)).toContain("401");
    expect(Object.keys(op.responses).some((status) => status.startsWith("2"))).toBe(true);

    const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const declared = (op.parameters ?? []).filter((p) => p.in === "path");
    expect(declared.map((p) => p.name)).toEqual(pathNames);
    for (const p of declared) expect(p.required).toBe(true);

    if (route.method === "POST" || route.method === "PATCH") {
      expect(op.requestBody?.required).toBe(true);
      expect(op.requestBody?.content["application/json"]?.schema).toBeDefined();
      expect(Object.keys(op.responses)).toContain("400");
    }
    for (const response of Object.values(op.responses)) {
      const ref = response.content?.["application/json"]?.schema.$ref;
      if (typeof ref === "string")
        expect(document.components.schemas[ref.replace("#/components/schemas/", "")]).toBeDefined();
    }
  });

  it("has unique operation ids", () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents the request bodies from the validating schemas (required fields, no unknown fields)", () => {
    const schema = operation("POST", "/stations")?.requestBody?.content["application/json"]?.schema as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { enum?: string[] }>;
    };
    expect(schema.required.sort()).toEqual(["hostVenue", "kind", "liaison", "name", "zone"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.kind?.enum).toEqual(["station", "room"]);
    expect(Object.keys(schema.properties)).toContain("standards");

    const member = operation("POST", "/members")?.requestBody?.content["application/json"]?.schema as {
      required: string[];
    };
    expect(member.required).toEqual(
      expect.arrayContaining(["name", "sector", "profession", "expertise", "phone"]),
    );
    const patch = operation("PATCH", "/stations/{stationId}")?.requestBody?.content["application/json"]
      ?.schema as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(patch.properties)).toContain("version");
  });

  it("documents list paging, filters and the CSV form", () => {
    for (const path of ["/stations", "/members", "/stations/{stationId}/members"]) {
      const op = operation("GET", path);
      const names = (op?.parameters ?? []).map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(["limit", "cursor", "format"]));
      expect(op?.responses["200"]?.content?.["text/csv"]).toBeDefined();
    }
    const stationFilters = (operation("GET", "/stations")?.parameters ?? []).map((p) => p.name);
    expect(stationFilters).toEqual(expect.arrayContaining(["kind", "zone", "status"]));
    const suggestion = operation("GET", "/stations/{stationId}/member-suggestions")?.parameters ?? [];
    expect(suggestion.find((p) => p.name === "topic")?.required).toBe(true);
  });

  it("publishes the response and error schemas as components, with bearer auth", () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        "Station",
        "StationPage",
        "Member",
        "MemberPage",
        "Assignment",
        "SuggestionList",
        "Error",
      ]),
    );
    const station = document.components.schemas.Station as { properties: Record<string, unknown> };
    expect(Object.keys(station.properties)).toEqual(
      expect.arrayContaining([
        "id",
        "kind",
        "standards",
        "meetsStandard",
        "leadMemberId",
        "liaison",
        "version",
      ]),
    );
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("passes redocly lint", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hsl-openapi-"));
    try {
      const file = join(dir, "openapi.json");
      await writeFile(file, rawDocument);
      // From the repository root, so a redocly.yaml there (if one is added) applies; without one,
      // redocly's built-in "recommended" rules do. No network needed.
      const result = await run("npx", ["--no-install", "redocly", "lint", file, "--format=json"], {
        cwd: repoRoot,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: "off",
          REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
          NO_COLOR: "1",
        },
        maxBuffer: 10 * 1024 * 1024,
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({
          code: error.code ?? -1,
          stdout: `${error.stdout ?? ""}\n${error.stderr ?? ""}`,
        }),
      );
      expect(result.code, result.stdout).toBe(0);
      const report = JSON.parse(result.stdout) as { totals: { errors: number; warnings: number } };
      expect(report.totals.errors).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

// Last: it takes the table away from this file's stack.
describe("GET /health without its table", () => {
  it("answers 503, saying the table is unreachable, without leaking why", async () => {
    const client = localDynamoDbClient(api.stack.dynamodbEndpoint);
    try {
      await client.send(new DeleteTableCommand({ TableName: api.stack.tableName }));
    } finally {
      client.destroy();
    }
    const reply = await api.get("/health", { token: null });
    expect(reply.status).toBe(503);
    expect(reply.json<unknown>()).toMatchObject({ status: "unavailable", table: "unreachable" });
    expect(reply.text).not.toMatch(/Exception|ResourceNotFound|haoshangliang/);
    api.takeServerErrors();
  });
});
