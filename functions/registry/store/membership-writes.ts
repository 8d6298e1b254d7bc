/**
 * The member's side of an assignment, written in the same transaction as the membership item: the
 * count of stations served and their ids (a string set), which is how a station's staff are known
 * to be entitled to the member's contacts without another read.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { tableName } from "../../kernel/table/client";
import { memberKey } from "../../kernel/table/keys";

export function memberStartsServing(memberId: string, stationId: string): TransactWriteItem {
  return {
    Update: {
      TableName: tableName(),
      Key: marshall(memberKey(memberId)),
      UpdateExpression: "SET stationCount = stationCount + :one ADD stationIds :station",
      ConditionExpression: "attribute_exists(PK)",
      ExpressionAttributeValues: marshall({ ":one": 1, ":station": new Set([stationId]) }),
    },
  };
}

export function memberStopsServing(memberId: string, stationId: string): TransactWriteItem {
  return {
    Update: {
      TableName: tableName(),
      Key: marshall(memberKey(memberId)),
      UpdateExpression: "SET stationCount = stationCount - :one DELETE stationIds :station",
      ConditionExpression: "attribute_exists(PK)",
      ExpressionAttributeValues: marshall({ ":one": 1, ":station": new Set([stationId]) }),
    },
  };
}
