/**
 * The floor for the functions that drive the topic loop (`topics`, `topic-loop`): a bare handler
 * that bundles the same AWS SDK clients (DynamoDB and Step Functions), does one GetItem and answers
 * one task token, with nothing of ours around it.
 */
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { SendTaskSuccessCommand, SFNClient } from "@aws-sdk/client-sfn";

const dynamodb = new DynamoDBClient({});
const sfn = new SFNClient({});

export const handler = async (event: { id: string; taskToken: string }) => {
  const item = await dynamodb.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { PK: { S: `TOPIC#${event.id}` }, SK: { S: "META" } },
    }),
  );
  await sfn.send(
    new SendTaskSuccessCommand({ taskToken: event.taskToken, output: JSON.stringify(item.Item ?? {}) }),
  );
};
