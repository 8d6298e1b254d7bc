/**
 * The floor for `quota-checks`: a bare handler that bundles the same AWS SDK clients (DynamoDB, and
 * Lambda for a quarterly check handed to the jobs' function), does one GetItem and invokes one
 * function, with nothing of ours around it.
 */
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";

const dynamodb = new DynamoDBClient({});
const lambda = new LambdaClient({});

export const handler = async (event: { id: string }) => {
  const item = await dynamodb.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { PK: { S: `QUOTA_CHECK#${event.id}` }, SK: { S: "META" } },
    }),
  );
  await lambda.send(
    new InvokeCommand({
      FunctionName: process.env.JOBS_FUNCTION,
      InvocationType: "Event",
      Payload: new TextEncoder().encode(JSON.stringify(item.Item ?? {})),
    }),
  );
};
