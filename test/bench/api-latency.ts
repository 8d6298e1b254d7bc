/**
 * GET /stations/{id} through the local gateway and the real handler, beside a raw GetItem of the same
 * item on the same DynamoDB Local: the difference is what our code and the HTTP hop cost.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { stationKey } from "../../functions/kernel/table/keys";
import { demoStations } from "../../infra/local/demo/data";
import { localDynamoDbClient } from "../../infra/local/dynamodb-local";
import { startLocalStack } from "../../infra/local/start";

export interface LatencySamples {
  readonly api: number[];
  readonly getItem: number[];
}

export async function measureStationReads(requests: number, warmup: number): Promise<LatencySamples> {
  process.env.LOG_LEVEL = "warn";
  // The hour the bench runs at must not decide whether SMS are held (quiet hours).
  process.env.NOTICE_QUIET_HOURS ??= "off";
  const dataDir = await mkdtemp(join(tmpdir(), "hsl-bench-"));
  const stack = await startLocalStack({ dataDir, inMemory: true, seed: false, port: 0 });
  const client = localDynamoDbClient(stack.dynamodbEndpoint);
  try {
    const token = await stack.adminToken();
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created = await fetch(`${stack.apiUrl}/stations`, {
      method: "POST",
      headers,
      body: JSON.stringify(demoStations[0]?.body),
    });
    if (created.status !== 201)
      throw new Error(`creating the station answered ${created.status}: ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const key = stationKey(id);
    const getItem = new GetItemCommand({
      TableName: stack.tableName,
      Key: { PK: { S: key.PK }, SK: { S: key.SK } },
    });

    const apiOnce = async () => {
      const started = performance.now();
      const response = await fetch(`${stack.apiUrl}/stations/${id}`, { headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /stations/${id} answered ${response.status}`);
      return performance.now() - started;
    };
    const getItemOnce = async () => {
      const started = performance.now();
      const output = await client.send(getItem);
      if (!output.Item) throw new Error("the station item is missing");
      return performance.now() - started;
    };

    for (let i = 0; i < warmup; i += 1) {
      await apiOnce();
      await getItemOnce();
    }
    // Interleaved, so that machine noise falls on both series alike.
    const samples: LatencySamples = { api: [], getItem: [] };
    for (let i = 0; i < requests; i += 1) {
      samples.api.push(await apiOnce());
      samples.getItem.push(await getItemOnce());
    }
    return samples;
  } finally {
    client.destroy();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
