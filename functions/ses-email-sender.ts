/**
 * Lambda entry: the e-mail sender through Amazon SES, in a global region (decision 0018). It bundles
 * the SES client and nothing of SMTP's, and its role may send as the one SES identity and nothing
 * else. Settings are read at cold start: a wrong one fails the first invocation.
 */
import { ConfigurationError } from "./kernel/config";
import { sesEmailChannel } from "./notices/channels/ses-email";
import { readDeliverySettings } from "./notices/delivery-settings";
import { senderHandler } from "./notices/sender-handler";

const settings = readDeliverySettings(process.env);
if (settings.email.kind !== "ses")
  throw new ConfigurationError(`the SES sender needs EMAIL_DELIVERY=ses, not ${settings.email.kind}`);

export const handler = senderHandler({
  channels: { email: sesEmailChannel(settings.email) },
  settings,
});
