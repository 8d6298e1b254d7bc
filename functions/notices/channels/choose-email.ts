/** The e-mail channel of the SMTP sender, as the delivery settings choose it (the only module that reaches nodemailer). */
import { ConfigurationError } from "../../kernel/config";
import type { DeliverySettings } from "../delivery-settings";
import type { ChannelSender } from "./channel";
import { outboxFileChannel } from "./outbox-file";
import { smtpChannel } from "./smtp";

export function emailChannelFor(settings: DeliverySettings): ChannelSender {
  const { email } = settings;
  switch (email.kind) {
    case "smtp":
      return smtpChannel(email);
    case "outbox":
      return outboxFileChannel(settings.outboxFile);
    case "ses":
      // Each provider has a function of its own, which bundles that provider alone (decision 0018).
      throw new ConfigurationError("EMAIL_DELIVERY=ses is sent by the SES sender, not this one");
  }
}
