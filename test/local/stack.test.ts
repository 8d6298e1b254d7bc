/**
 * The whole local stack in this process, with the real API handler: demo data goes in through the
 * API, and a restart finds it where it was without seeding twice.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../infra/local/dynamodb-local";
import { demoMembers, demoStations } from "../../infra/local/seed-data";
import { type LocalStack, startLocalStack } from "../../infra/local/start";
import { signToken } from "../../infra/local/token";

interface Page {
  items: { id: string; name: string; leadMemberId?: string; memberId?: string }[];
  cursor: string | null;
}

async function getJson(
  stack: LocalStack,
  path: string,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${token ?? (await stack.adminToken())}` },
  });
  return { status: response.status, body: await response.json() };
}

async function all(stack: LocalStack, path: string): Promise<Page["items"]> {
  const items: Page["items"] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { status, body } = await getJson(stack, `${path}${query}`);
    expect(status).toBe(200);
    const page = body as Page;
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

let dataDir: string;
let dynamodbPort: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "hsl-stack-"));
  // The same DynamoDB port for both starts: the handler reads its endpoint once per process.
  dynamodbPort = await findFreePort("0.0.0.0");
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("the local stack with the API handler", () => {
  it("seeds the demo data through the API on first start, and only then", async () => {
    const first = await startLocalStack({ port: 0, dataDir, dynamodbPort, tableName: "stacktest" });
    try {
      expect(first.seed.kind).toBe("seeded");
      const stations = await all(first, "/stations");
      expect(stations).toHaveLength(demoStations.length);
      expect(stations.map((s) => s.name)).toContain("东山片区委员工作站");
      const members = await all(first, "/members");
      expect(members).toHaveLength(demoMembers.length);

      // The zone station's lead member is among its members.
      const dongshan = stations.find((s) => s.name === "东山片区委员工作站");
      expect(dongshan?.leadMemberId).toBeDefined();
      const assigned = await all(first, `/stations/${dongshan?.id}/members`);
      expect(assigned.map((a) => a.memberId)).toContain(dongshan?.leadMemberId);

      // A staff token for one station does not open another (the API may hide it: 403 or 404).
      const other = stations.find((s) => s.id !== dongshan?.id);
      const staff = await signToken({ role: "staff", stationIds: [dongshan?.id ?? ""] }, first.keys);
      expect((await getJson(first, `/stations/${dongshan?.id}`, staff)).status).toBe(200);
      expect([403, 404]).toContain((await getJson(first, `/stations/${other?.id}`, staff)).status);
    } finally {
      await first.stop();
    }

    const second = await startLocalStack({ port: 0, dataDir, dynamodbPort, tableName: "stacktest" });
    try {
      expect(second.seed).toEqual({ kind: "skipped", reason: "marker" });
      expect(await all(second, "/stations")).toHaveLength(demoStations.length);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
