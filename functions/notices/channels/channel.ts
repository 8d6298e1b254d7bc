/** One way of reaching people (an e-mail relay, an SMS provider, the console's inbox). */
import type { AttemptOutcome } from "../../domain/notices/delivery";
import type { NotificationRecord } from "../notifier";

export interface ChannelSender {
  /**
   * One attempt at delivering `record`. Never throws for the provider's own answers: they are
   * outcomes (transient or permanent); a throw counts as transient.
   */
  send(record: NotificationRecord): Promise<AttemptOutcome>;
}
