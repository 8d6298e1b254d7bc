/**
 * Lambda entry: the SMS sender through Amazon SNS, in a global region (decision 0018), which also
 * marks the console's inbox notices delivered and posts to stations' group-chat robots. It bundles the SNS client and no Chinese provider's
 * signing, and its role may publish SMS and read no secret. Settings are read at cold start.
 */
import { ConfigurationError } from "./kernel/config";
import { chatRobotChannel } from "./notices/channels/chat-robot";
import { inboxChannelFor } from "./notices/channels/choose-sms";
import { snsSmsChannel } from "./notices/channels/sns-sms";
import { stationRobots } from "./notices/channels/station-robots";
import { readDeliverySettings } from "./notices/delivery-settings";
import { senderHandler } from "./notices/sender-handler";

const settings = readDeliverySettings(process.env);
if (settings.sms.kind !== "sns")
  throw new ConfigurationError(`the SNS sender needs SMS_DELIVERY=sns, not ${settings.sms.kind}`);

export const handler = senderHandler({
  channels: {
    sms: snsSmsChannel(settings.sms),
    inbox: inboxChannelFor(settings),
    chat: chatRobotChannel(stationRobots()),
  },
  settings,
});
