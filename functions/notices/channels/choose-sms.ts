/** The SMS channel of the Chinese providers' sender, and the inbox, as the delivery settings choose them (no e-mail library here). */
import { ConfigurationError } from "../../kernel/config";
import type { DeliverySettings } from "../delivery-settings";
import { aliyunSmsChannel } from "./aliyun-sms";
import type { ChannelSender } from "./channel";
import { inboxChannel } from "./inbox";
import { outboxFileChannel } from "./outbox-file";
import { tencentSmsChannel } from "./tencent-sms";

export function smsChannelFor(settings: DeliverySettings): ChannelSender {
  const { sms } = settings;
  switch (sms.kind) {
    case "tencent":
      return tencentSmsChannel(sms);
    case "aliyun":
      return aliyunSmsChannel(sms);
    case "outbox":
      return outboxFileChannel(settings.outboxFile);
    case "sns":
      // Each provider has a function of its own, which bundles that provider alone (decision 0018).
      throw new ConfigurationError("SMS_DELIVERY=sns is sent by the SNS sender, not this one");
  }
}

/** Locally the outbox shows every notice, the console's inbox included. */
export const inboxChannelFor = (settings: DeliverySettings): ChannelSender =>
  settings.outboxFile ? outboxFileChannel(settings.outboxFile) : inboxChannel;
