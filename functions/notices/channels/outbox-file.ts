/**
 * The local outbox: what would be sent, one JSON line per notice in a file (OUTBOX_FILE), so a
 * developer can watch it. The default for e-mail and SMS when no provider is configured; where there
 * is no outbox file either (a deployment without a provider), a notice fails visibly instead of
 * counting as sent.
 */
import { appendFile } from "node:fs/promises";
import type { ChannelSender } from "./channel";

const noProvider =
  "未配置发送渠道 · no provider is configured for this channel (EMAIL_DELIVERY / SMS_DELIVERY)";

export function outboxFileChannel(file: string | undefined): ChannelSender {
  return {
    async send(record) {
      if (!file) return { kind: "permanent", error: noProvider };
      const { leaseUntil: _claim, ...line } = record;
      await appendFile(file, `${JSON.stringify(line)}\n`, "utf8");
      return { kind: "sent", providerMessageId: `outbox:${record.id}` };
    },
  };
}
