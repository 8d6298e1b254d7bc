/**
 * The floor the functions that use only DynamoDB (`meta`, `stations`, `members`) are measured
 * against: a bare handler that bundles the same AWS SDK client and does one GetItem, with nothing of
 * ours around it. Functions that also drive the topic loop go against floor-sfn-handler.ts.
 */
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";

const client = new DynamoDBClient({});

export const handler = async (event: { id: string }) =>
  await client.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { PK: { S: `STATION#${event.id}` }, SK: { S: "META" } },
    }),
  );
