/** Readiness: can this function reach its table? One cheap GetItem of a key that never holds data. */
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { dynamodb, tableName } from "./client";

export async function tableIsReachable(): Promise<boolean> {
  try {
    await dynamodb().send(
      new GetItemCommand({
        TableName: tableName(),
        Key: { PK: { S: "HEALTH" }, SK: { S: "CHECK" } },
        ProjectionExpression: "PK",
      }),
    );
    return true;
  } catch {
    return false;
  }
}
