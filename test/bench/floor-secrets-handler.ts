/**
 * The floor for the senders whose provider's credentials are in Secrets Manager (SMTP, the Chinese
 * SMS providers): a bare handler that bundles the same AWS SDK clients (DynamoDB and Secrets
 * Manager), reads one secret at cold start and does one GetItem, with nothing of ours around it.
 */
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

const dynamodb = new DynamoDBClient({});
const secretId = process.env.DELIVERY_SECRET;
const secret = secretId
  ? await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId }))
  : undefined;

export const handler = async (event: { id: string }) =>
  await dynamodb.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { PK: { S: `NOTE#${event.id}` }, SK: { S: secret?.Name ?? "META" } },
    }),
  );
