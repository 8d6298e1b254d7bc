/** The one DynamoDB client of the process, created on first use from the runtime configuration. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { config } from "../config";

let client: DynamoDBClient | undefined;

export function dynamodb(): DynamoDBClient {
  if (!client) {
    const { region, dynamodbEndpoint } = config();
    client = new DynamoDBClient(
      dynamodbEndpoint
        ? {
            region,
            endpoint: dynamodbEndpoint,
            credentials: { accessKeyId: "local", secretAccessKey: "local" },
          }
        : { region },
    );
  }
  return client;
}

export function tableName(): string {
  return config().tableName;
}
