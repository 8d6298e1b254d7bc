/**
 * Lambda entry: the e-mail sender (SMTP, or the outbox), apart from the SMS sender so that neither
 * carries the other's libraries or permissions. Settings are read at cold start: a wrong one fails
 * the first invocation, not the first reminder of the morning.
 */
import { clock } from "./kernel/clock";
import { config } from "./kernel/config";
import { emailChannelFor } from "./notices/channels/choose-email";
import { readDeliverySettings } from "./notices/delivery-settings";
import { senderHandler } from "./notices/sender-handler";

const settings = readDeliverySettings(process.env);

export const handler = senderHandler({
  channels: { email: emailChannelFor(settings) },
  settings,
  timeZone: config().timeZone,
  now: () => clock().now(),
});
