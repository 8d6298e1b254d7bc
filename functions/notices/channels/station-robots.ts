/** Where a station's group-chat notices go: its robot, read from the registry at send time (decision 0017). */
import { stationOfChatRecipient } from "../../domain/notices/chat-webhook";
import { chatWebhookHosts } from "../../kernel/config";
import { stationChatRobot } from "../../registry/store/chat-robot";
import type { ChatRobotDeps } from "./chat-robot";

export const stationRobots = (): ChatRobotDeps => ({
  robotFor: async (recipientId) => {
    const stationId = stationOfChatRecipient(recipientId);
    return stationId ? stationChatRobot(stationId) : undefined;
  },
  allowedHosts: chatWebhookHosts(),
});
