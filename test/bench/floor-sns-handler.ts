/**
 * The floor for the SNS SMS sender: a bare handler that bundles the same AWS SDK clients (DynamoDB
 * and SNS), does one GetItem and publishes one SMS, with nothing of ours around it.
 */
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";

const dynamodb = new DynamoDBClient({});
const sns = new SNSClient({});

export const handler = async (event: { id: string; phone: string }) => {
  const item = await dynamodb.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { PK: { S: `NOTE#${event.id}` }, SK: { S: "META" } },
    }),
  );
  await sns.send(new PublishCommand({ PhoneNumber: event.phone, Message: JSON.stringify(item.Item) }));
};
