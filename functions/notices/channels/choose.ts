/** Every channel, as the delivery settings choose them: the local runtime's one sender. */
import type { DeliverySettings } from "../delivery-settings";
import type { Channel } from "../notifier";
import type { ChannelSender } from "./channel";
import { type ChatRobotDeps, chatRobotChannel } from "./chat-robot";
import { emailChannelFor } from "./choose-email";
import { inboxChannelFor, smsChannelFor } from "./choose-sms";

/** Until the registry's robots are wired in, a group-chat notice fails visibly: no station has a robot. */
const noRobots: ChatRobotDeps = { robotFor: async () => undefined };

export const channelsFor = (
  settings: DeliverySettings,
  chat: ChatRobotDeps = noRobots,
): Record<Channel, ChannelSender> => ({
  email: emailChannelFor(settings),
  sms: smsChannelFor(settings),
  inbox: inboxChannelFor(settings),
  chat: chatRobotChannel(chat),
});
