/**
 * The sender: takes a recorded notice, holds it through quiet hours, makes one attempt on its
 * channel, and records the outcome (sent, retried later with backoff, or failed).
 *
 * Never twice for one cause: a notice is recorded once per idempotency key, and only the sender
 * holding its claim records an attempt. What remains: a sender that dies after the provider accepted
 * the message and before the record is written leaves a claim that runs out, and the notice is sent
 * again — the provider's own idempotency (the notice id as Message-ID or out-id) is the last guard.
 */
import {
  type AttemptOutcome,
  afterAttempt,
  type DeliveryStatus,
  quietUntil,
  unreachableReason,
} from "../domain/notices/delivery";
import { addToLogScope, logInfo } from "../kernel/log";
import { emitMetric } from "../kernel/metrics";
import type { ChannelSender } from "./channels/channel";
import { foldByPreference, guardSmsCost } from "./cost-rules";
import type { DeliverySettings } from "./delivery-settings";
import { claimNotification, holdNotification, recordAttempt } from "./delivery-store";
import { withDigestContent } from "./digest";
import type { Channel, NotificationRecord } from "./notifier";

export interface SenderDeps {
  /** The channels this sender serves: it claims no notice of another. */
  readonly channels: Readonly<Partial<Record<Channel, ChannelSender>>>;
  readonly settings: Pick<DeliverySettings, "quietHours" | "urgentTemplates" | "costLimits">;
  readonly timeZone: string;
  readonly now: () => Date;
  /** How long a claim lasts: longer than one attempt can take. */
  readonly leaseMs?: number;
}

/** Channels that buzz a phone (SMS, a group chat) wait out quiet hours; e-mail and the inbox do not. */
const quietApplies = (record: NotificationRecord, deps: SenderDeps) =>
  (record.channel === "sms" || record.channel === "chat") &&
  !deps.settings.urgentTemplates.has(record.templateId);

async function attempt(channel: ChannelSender, record: NotificationRecord): Promise<AttemptOutcome> {
  try {
    return await channel.send(record);
  } catch (error) {
    return { kind: "transient", error: error instanceof Error ? error.message : String(error) };
  }
}

/** One attempt at the provider, and its outcome recorded. */
async function attemptAndRecord(
  claimed: NotificationRecord,
  channel: ChannelSender,
  deps: SenderDeps,
): Promise<DeliveryStatus | undefined> {
  const attempts = (claimed.attempts ?? 0) + 1;
  const unreachable = unreachableReason(claimed);
  const sending = withDigestContent(claimed);
  const outcome: AttemptOutcome = unreachable
    ? { kind: "permanent", error: unreachable }
    : await attempt(channel, sending);
  const result = afterAttempt(outcome, attempts, deps.now());
  // A digest's words are made as it goes: the log keeps what was sent.
  const content =
    sending === claimed ? {} : { subject: sending.subject, text: sending.text, variables: sending.variables };
  if (!(await recordAttempt(claimed, attempts, result, content))) return undefined;
  reportAttempt(claimed, attempts, result.status);
  return result.status;
}

/** One log line per attempt (with the notice's topic, when it has one) and the dashboard's counts. */
function reportAttempt(record: NotificationRecord, attempts: number, status: DeliveryStatus): void {
  logInfo("notice attempt", {
    notificationId: record.id,
    ...(record.topicId ? { topicId: record.topicId } : {}),
    channel: record.channel,
    templateId: record.templateId,
    attempts,
    status,
  });
  if (status === "sent") emitMetric("NoticesSent", 1, { Channel: record.channel });
  if (status === "failed") emitMetric("NoticesFailed", 1, { Channel: record.channel });
}

/**
 * Delivers the notice `id` if it is due; answers its status afterwards, or undefined when it was not
 * this sender's to take (sent already, not due yet, or another sender holds it).
 */
export async function deliverNotification(id: string, deps: SenderDeps): Promise<DeliveryStatus | undefined> {
  const served = Object.keys(deps.channels) as Channel[];
  const claimed = await claimNotification(id, deps.now(), deps.leaseMs ?? 60_000, served);
  if (!claimed) return undefined;
  // Its topic's story goes on here: the lines of its delivery carry the topic id.
  if (claimed.topicId) addToLogScope({ topicId: claimed.topicId });
  const channel = deps.channels[claimed.channel];
  if (!channel) return undefined; // not claimable: the claim names the channels served
  const folded = await foldByPreference(claimed, deps);
  if (folded !== "go") return folded;
  const quiet = deps.settings.quietHours;
  const until =
    quiet && quietApplies(claimed, deps) ? quietUntil(deps.now(), quiet, deps.timeZone) : undefined;
  if (until) return (await holdNotification(claimed, until)) ? "held" : undefined;
  const limited = await guardSmsCost(claimed, deps);
  if (limited !== "go") return limited;
  return attemptAndRecord(claimed, channel, deps);
}
