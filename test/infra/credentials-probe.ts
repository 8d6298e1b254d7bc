/**
 * A Lambda entry for test/infra/env-credentials.test.ts: the functions' own DynamoDB client
 * (functions/kernel/table/client.ts, configured as deployed: a region and no credentials) and a Step
 * Functions client made the way functions/topics/loop/step-functions.ts makes it when deployed. The
 * endpoints come from AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_SFN, which the SDK reads itself,
 * so nothing here differs from a deployed function but where its requests go.
 */
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { SendTaskSuccessCommand, SFNClient } from "@aws-sdk/client-sfn";
import { config } from "../../functions/kernel/config";
import { dynamodb, tableName } from "../../functions/kernel/table/client";

export async function handler(event: { readonly id: string; readonly taskToken: string }) {
  const Key = { PK: { S: `PROBE#${event.id}` }, SK: { S: "META" } };
  await dynamodb().send(
    new PutItemCommand({ TableName: tableName(), Item: { ...Key, note: { S: "signed" } } }),
  );
  const read = await dynamodb().send(
    new GetItemCommand({ TableName: tableName(), Key, ConsistentRead: true }),
  );
  const note = read.Item?.note?.S;
  const sfn = new SFNClient({ region: config().region });
  await sfn.send(
    new SendTaskSuccessCommand({ taskToken: event.taskToken, output: JSON.stringify({ note }) }),
  );
  return { note };
}
