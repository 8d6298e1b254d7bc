/**
 * Lambda entry: the e-mail sender through an SMTP relay (or the outbox, where no provider is chosen),
 * apart from the SES and SMS senders so that none carries another's libraries or permissions
 * (decision 0018). The relay's credentials come from the secret DELIVERY_SECRET names. Settings are
 * read at cold start: a wrong one fails the first invocation, not the first reminder of the morning.
 */
import { emailChannelFor } from "./notices/channels/choose-email";
import { withDeliverySecret } from "./notices/delivery-secret";
import { readDeliverySettings } from "./notices/delivery-settings";
import { senderHandler } from "./notices/sender-handler";

const settings = readDeliverySettings(await withDeliverySecret(process.env));

export const handler = senderHandler({
  channels: { email: emailChannelFor(settings) },
  settings,
});
