/** The sender's channels, as the delivery settings choose them. */
import type { DeliverySettings } from "../delivery-settings";
import type { Channel } from "../notifier";
import { aliyunSmsChannel } from "./aliyun-sms";
import type { ChannelSender } from "./channel";
import { inboxChannel } from "./inbox";
import { outboxFileChannel } from "./outbox-file";
import { smtpChannel } from "./smtp";
import { tencentSmsChannel } from "./tencent-sms";

function smsChannel(sms: DeliverySettings["sms"], outbox: ChannelSender): ChannelSender {
  switch (sms.kind) {
    case "tencent":
      return tencentSmsChannel(sms);
    case "aliyun":
      return aliyunSmsChannel(sms);
    case "outbox":
      return outbox;
  }
}

export function channelsFor(settings: DeliverySettings): Record<Channel, ChannelSender> {
  const outbox = outboxFileChannel(settings.outboxFile);
  return {
    email: settings.email.kind === "smtp" ? smtpChannel(settings.email) : outbox,
    sms: smsChannel(settings.sms, outbox),
    // Locally the outbox shows every notice, the console's inbox included.
    inbox: settings.outboxFile ? outbox : inboxChannel,
  };
}
