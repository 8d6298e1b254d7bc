/** The e-mail channel, as the delivery settings choose it (the only module that needs nodemailer). */
import type { DeliverySettings } from "../delivery-settings";
import type { ChannelSender } from "./channel";
import { outboxFileChannel } from "./outbox-file";
import { smtpChannel } from "./smtp";

export const emailChannelFor = (settings: DeliverySettings): ChannelSender =>
  settings.email.kind === "smtp" ? smtpChannel(settings.email) : outboxFileChannel(settings.outboxFile);
