/**
 * Lambda entry: the SMS sender (Tencent Cloud, Alibaba Cloud, or the outbox), which also marks the
 * console's inbox notices delivered. Settings are read at cold start: a provider template missing
 * fails the first invocation, not the first reminder of the morning.
 */
import { clock } from "./kernel/clock";
import { config } from "./kernel/config";
import { inboxChannelFor, smsChannelFor } from "./notices/channels/choose-sms";
import { readDeliverySettings } from "./notices/delivery-settings";
import { senderHandler } from "./notices/sender-handler";

const settings = readDeliverySettings(process.env);

export const handler = senderHandler({
  channels: { sms: smsChannelFor(settings), inbox: inboxChannelFor(settings) },
  settings,
  timeZone: config().timeZone,
  now: () => clock().now(),
});
