/**
 * A recipient's digest of one day: a notice of its own, recorded when the first notice folds into it
 * and sent the next morning, its text made from what folded into it by then.
 */
import { digestItems, digestKey, type FoldReason } from "../domain/notices/cost-protection";
import { newId } from "../kernel/ids";
import type { NotificationRecord } from "./notifier";
import { renderSms } from "./sms-text";
import { render } from "./templates";
import { digestReasons, noticeDigest } from "./templates/digest-notices";

/** The digest's subject, text and SMS variables for what folded into it. */
function digestContent(
  digest: Pick<NotificationRecord, "recipient" | "channel" | "language" | "digestDay" | "foldReason">,
  subjects: readonly string[],
) {
  const { language } = digest;
  const variables = {
    recipientName: digest.recipient.name,
    date: digest.digestDay ?? "",
    count: String(subjects.length),
    why: digestReasons[digest.foldReason ?? "digest"][language],
    items: digestItems(subjects, language),
  };
  const { subject, text } = render(noticeDigest, language, variables);
  if (digest.channel !== "sms") return { subject, text };
  const sms = renderSms(noticeDigest, language, variables);
  return { subject, text: sms.text, variables: sms.variables };
}

/**
 * A new digest for the notice that is the first to fold into it, due `dueAt`. By e-mail whenever the
 * recipient has an address, where it can list what it carries; an SMS digest can only count.
 */
export function newDigest(
  first: NotificationRecord,
  reason: FoldReason,
  day: string,
  dueAt: Date,
  now: Date,
): NotificationRecord {
  const channel = first.recipient.email ? "email" : first.channel;
  const base = {
    recipient: first.recipient,
    channel,
    language: first.language,
    digestDay: day,
    foldReason: reason,
  };
  return {
    id: newId(now.getTime()),
    idempotencyKey: digestKey(first.recipient.id, channel, day),
    ...base,
    templateId: noticeDigest.id,
    ...digestContent(base, [first.subject]),
    status: "queued",
    createdAt: now.toISOString(),
    attempts: 0,
    nextAttemptAt: dueAt.toISOString(),
    foldedSubjects: [first.subject],
  };
}

/**
 * The digest with one more notice's subject folded into it, its words made again for them all: the
 * delivery log shows the digest as it stands, not as its first notice left it.
 */
export function withSubjectAdded(digest: NotificationRecord, subject: string): NotificationRecord {
  const foldedSubjects = [...(digest.foldedSubjects ?? []), subject];
  return { ...digest, ...digestContent(digest, foldedSubjects), foldedSubjects };
}

/** The digest as it goes out: its text made again from everything that folded into it. */
export function withDigestContent(digest: NotificationRecord): NotificationRecord {
  if (digest.templateId !== noticeDigest.id) return digest;
  return { ...digest, ...digestContent(digest, digest.foldedSubjects ?? []) };
}
