/**
 * The floor for `activities`: a bare handler that bundles the same AWS SDK clients (DynamoDB, Step
 * Functions for an opinion promoted to a topic, Lambda for a quarterly check handed on), does one
 * GetItem, answers one task token and invokes one function, with nothing of ours around it.
 */
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { SendTaskSuccessCommand, SFNClient } from "@aws-sdk/client-sfn";

const dynamodb = new DynamoDBClient({});
const sfn = new SFNClient({});
const lambda = new LambdaClient({});

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
  await lambda.send(
    new InvokeCommand({ FunctionName: process.env.JOBS_FUNCTION, InvocationType: "Event", Payload: "{}" }),
  );
};
