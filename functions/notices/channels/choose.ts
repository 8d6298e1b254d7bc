/**
 * Every channel, as the delivery settings choose them: the local runtime's one sender, which runs
 * the sources and so may hold every provider (on AWS each provider has a function of its own).
 */
import type { DeliverySettings } from "../delivery-settings";
import type { Channel } from "../notifier";
import type { ChannelSender } from "./channel";
import { type ChatRobotDeps, chatRobotChannel } from "./chat-robot";
import { emailChannelFor } from "./choose-email";
import { inboxChannelFor, smsChannelFor } from "./choose-sms";
import { sesEmailChannel } from "./ses-email";
import { snsSmsChannel } from "./sns-sms";
import { stationRobots } from "./station-robots";

export const channelsFor = (
  settings: DeliverySettings,
  chat: ChatRobotDeps = stationRobots(),
): Record<Channel, ChannelSender> => ({
  email: settings.email.kind === "ses" ? sesEmailChannel(settings.email) : emailChannelFor(settings),
  sms: settings.sms.kind === "sns" ? snsSmsChannel(settings.sms) : smsChannelFor(settings),
  inbox: inboxChannelFor(settings),
  chat: chatRobotChannel(chat),
});
