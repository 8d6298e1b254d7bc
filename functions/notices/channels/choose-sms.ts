/** The SMS channel and the inbox, as the delivery settings choose them (no e-mail library here). */
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
  }
}

/** Locally the outbox shows every notice, the console's inbox included. */
export const inboxChannelFor = (settings: DeliverySettings): ChannelSender =>
  settings.outboxFile ? outboxFileChannel(settings.outboxFile) : inboxChannel;
