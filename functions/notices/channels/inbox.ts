/** The console's inbox: the delivery log is the inbox, so a recorded notice is delivered. */
import type { ChannelSender } from "./channel";

export const inboxChannel: ChannelSender = {
  send: async (record) => ({ kind: "sent", providerMessageId: `inbox:${record.id}` }),
};
