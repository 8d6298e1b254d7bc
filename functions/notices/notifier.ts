/**
 * The one way anything in the product reaches a person: a notice is recorded `queued` (once per
 * idempotency key), then a sender delivers it on its channel (sender.ts), with quiet hours and retries.
 */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { FoldReason } from "../domain/notices/cost-protection";
import type { DeliveryStatus } from "../domain/notices/delivery";
import type { Language } from "../domain/registry/members";
import type { NoticeTemplate, TemplateId } from "./templates";

export type Channel = "email" | "sms" | "inbox" | "chat";

/** Who is told. `id` is stable across notifications (`member:<id>`, `person:<contact>`, `liaison:<stationId>`, `county-office`, `chat:<stationId>` for a station's group chat). */
export interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly language?: Language;
  /** They asked for one digest a day instead of each notice (urgent ones still come at once). */
  readonly digest?: boolean;
}

export interface NotificationRequest {
  readonly recipient: Recipient;
  readonly channel: Channel;
  readonly template: NoticeTemplate;
  readonly variables: Readonly<Record<string, string>>;
  /** The same key twice sends once: a retried task or a repeated request cannot notify twice. */
  readonly idempotencyKey: string;
  /** The topic it is about, for the delivery log. */
  readonly topicId?: string;
}

export interface NotificationRecord {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly topicId?: string;
  readonly recipient: Recipient;
  readonly channel: Channel;
  readonly templateId: TemplateId;
  readonly language: Language;
  readonly subject: string;
  readonly text: string;
  /** An SMS's variables as they fit one segment: the parameters of the provider's template. */
  readonly variables?: Readonly<Record<string, string>>;
  /** queued → sending → sent | held (quiet hours) | failed | folded (into a digest); a transient failure goes back to queued. */
  readonly status: DeliveryStatus;
  readonly createdAt: string;
  /** Attempts made at the provider so far. */
  readonly attempts?: number;
  /** Not before this instant (a retry's backoff, the end of quiet hours). */
  readonly nextAttemptAt?: string;
  /** While `sending`: the sender's claim, after which another sender may take the notice over. */
  /** Set when it was sent: epoch seconds after which DynamoDB's TTL removes it (decision 0026). */
  readonly expiresAt?: number;
  readonly leaseUntil?: string;
  readonly sentAt?: string;
  readonly failedAt?: string;
  /** The provider's id for the message (SMTP Message-ID, SMS BizId …). */
  readonly providerMessageId?: string;
  readonly lastError?: string;
  /** Why the county office sent it again after it failed. */
  readonly retryNote?: string;
  /** The county day on which it counted toward its recipient's daily SMS cap. */
  readonly countedOn?: string;
  /** Folded: the digest that carries it, and why it was folded (decision 0019). */
  readonly foldedInto?: string;
  readonly foldReason?: FoldReason;
  /** A digest: the day it covers, and the subjects folded into it so far. */
  readonly digestDay?: string;
  readonly foldedSubjects?: readonly string[];
}

export interface SendResult {
  readonly record: NotificationRecord;
  /** False when the idempotency key had been used: nothing was recorded (or sent) again. */
  readonly sent: boolean;
}

/**
 * A notification as table writes, to commit in the same transaction as the change that causes it (a
 * step entered, an alarm recorded): the change and its notice land together or not at all, in one
 * request. The writes hold a guard on the idempotency key, refused when the key was used.
 */
export interface PreparedNotice {
  readonly record: NotificationRecord;
  readonly writes: readonly TransactWriteItem[];
  /** Once the writes are committed: hands the notice to the sender's queue. */
  readonly committed: () => Promise<void>;
}

export interface Notifier {
  send(request: NotificationRequest): Promise<SendResult>;
  /**
   * `unique`: the change it is written with can itself commit only once (a new topic, a decision on
   * the revision it read), so the notice needs no guard on its idempotency key: one item less.
   */
  prepare(request: NotificationRequest, options?: { readonly unique?: boolean }): PreparedNotice;
}

/** The channel a recipient is reached on: their preference when it can be honoured, else what they have. */
export function channelFor(recipient: Recipient, preferred?: Channel): Channel {
  if (preferred === "email" && recipient.email) return "email";
  if (preferred === "sms" && recipient.phone) return "sms";
  if (recipient.phone) return "sms";
  if (recipient.email) return "email";
  return "inbox";
}

/** A registered member as a recipient: their contacts, their language, and their preferred channel. */
export function memberAddressee(member: {
  readonly id: string;
  readonly name: string;
  readonly phone: string;
  readonly email?: string | undefined;
  readonly preferences: { readonly language: Language; readonly channel: Channel };
}): { readonly recipient: Recipient; readonly channel: Channel } {
  const recipient: Recipient = {
    id: `member:${member.id}`,
    name: member.name,
    phone: member.phone,
    ...(member.email ? { email: member.email } : {}),
    language: member.preferences.language,
  };
  return { recipient, channel: channelFor(recipient, member.preferences.channel) };
}
