/**
 * The floor for the SES e-mail sender: a bare handler that bundles the same AWS SDK clients
 * (DynamoDB and SES v2), does one GetItem and sends one e-mail, with nothing of ours around it.
 */
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";

const dynamodb = new DynamoDBClient({});
const ses = new SESv2Client({});

export const handler = async (event: { id: string; to: string }) => {
  const item = await dynamodb.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { PK: { S: `NOTE#${event.id}` }, SK: { S: "META" } },
    }),
  );
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: process.env.SES_FROM,
      Destination: { ToAddresses: [event.to] },
      Content: {
        Simple: { Subject: { Data: event.id }, Body: { Text: { Data: JSON.stringify(item.Item) } } },
      },
    }),
  );
};
