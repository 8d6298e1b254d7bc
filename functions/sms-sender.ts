/**
 * Lambda entry: the SMS sender through Tencent Cloud or Alibaba Cloud (or the outbox, where no
 * provider is chosen), which also marks the console's inbox notices delivered. The provider's keys come
 * from the secret DELIVERY_SECRET names (decision 0018). Settings are read at cold start: a provider
 * template missing fails the first invocation, not the first reminder of the morning.
 */
import { chatRobotChannel } from "./notices/channels/chat-robot";
import { inboxChannelFor, smsChannelFor } from "./notices/channels/choose-sms";
import { stationRobots } from "./notices/channels/station-robots";
import { withDeliverySecret } from "./notices/delivery-secret";
import { readDeliverySettings } from "./notices/delivery-settings";
import { senderHandler } from "./notices/sender-handler";

const settings = readDeliverySettings(await withDeliverySecret(process.env));

export const handler = senderHandler({
  channels: {
    sms: smsChannelFor(settings),
    inbox: inboxChannelFor(settings),
    chat: chatRobotChannel(stationRobots()),
  },
  settings,
});
