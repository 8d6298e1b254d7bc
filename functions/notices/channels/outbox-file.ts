/**
 * The local outbox: what would be sent, one JSON line per notice in a file (OUTBOX_FILE), so a
 * developer can watch it. The default for e-mail and SMS when no provider is configured.
 */
import { appendFile } from "node:fs/promises";
import type { ChannelSender } from "./channel";

export function outboxFileChannel(file: string | undefined): ChannelSender {
  return {
    async send(record) {
      const { leaseUntil: _claim, ...line } = record;
      if (file) await appendFile(file, `${JSON.stringify(line)}\n`, "utf8");
      return { kind: "sent", providerMessageId: `outbox:${record.id}` };
    },
  };
}
