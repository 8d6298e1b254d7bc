/** Every channel, as the delivery settings choose them: the local runtime's one sender. */
import type { DeliverySettings } from "../delivery-settings";
import type { Channel } from "../notifier";
import type { ChannelSender } from "./channel";
import { emailChannelFor } from "./choose-email";
import { inboxChannelFor, smsChannelFor } from "./choose-sms";

export const channelsFor = (settings: DeliverySettings): Record<Channel, ChannelSender> => ({
  email: emailChannelFor(settings),
  sms: smsChannelFor(settings),
  inbox: inboxChannelFor(settings),
});
