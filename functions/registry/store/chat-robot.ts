/**
 * A station's group-chat robot with its credentials (the webhook's key, the signing secret), for the
 * sender that posts to it. The API never shows them: responses say only the platform and that one is
 * configured.
 */
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import type { ChatRobot } from "../../domain/notices/chat-webhook";
import { dynamodb, tableName } from "../../kernel/table/client";
import { stationKey } from "../../kernel/table/keys";

/** The station's robot, or undefined when it has none (or the station does not exist). */
export async function stationChatRobot(stationId: string): Promise<ChatRobot | undefined> {
  const result = await dynamodb().send(
    new GetItemCommand({
      TableName: tableName(),
      Key: marshall(stationKey(stationId)),
      ProjectionExpression: "chatRobot",
      ConsistentRead: true,
    }),
  );
  const robot = result.Item ? (unmarshall(result.Item).chatRobot as ChatRobot | undefined) : undefined;
  if (!robot) return undefined;
  return {
    platform: robot.platform,
    webhook: robot.webhook,
    ...(robot.secret ? { secret: robot.secret } : {}),
  };
}
