/**
 * E-mail through any SMTP relay (an enterprise mailbox, Alibaba Cloud DirectMail, a local server):
 * what a county in mainland China uses, where SES does not exist.
 */
import { createTransport } from "nodemailer";
import type { AttemptOutcome } from "../../domain/notices/delivery";
import type { ChannelSender } from "./channel";

export interface SmtpSettings {
  /** `smtp://user:pass@host:port` or `smtps://…` */
  readonly url: string;
  /** The From address, e.g. `县政协办公室 <noreply@example.gov.cn>`. */
  readonly from: string;
  /** Give up on one attempt after this long (a transient failure, retried later). */
  readonly timeoutMs?: number;
}

/** SMTP reply codes: 4xx is "try again later", 5xx is final (no such mailbox, rejected). */
function outcomeOfError(error: unknown): AttemptOutcome {
  const { responseCode, message } = error as { responseCode?: number; message?: string };
  const text = message ?? String(error);
  if (responseCode !== undefined && responseCode >= 500) return { kind: "permanent", error: text };
  return { kind: "transient", error: text };
}

export function smtpChannel(settings: SmtpSettings): ChannelSender {
  const timeoutMs = settings.timeoutMs ?? 15_000;
  const url = new URL(settings.url);
  for (const [name, value] of [
    ["connectionTimeout", timeoutMs],
    ["greetingTimeout", timeoutMs],
    ["socketTimeout", timeoutMs],
  ] as const)
    url.searchParams.set(name, String(value));
  const transport = createTransport(url.toString());
  return {
    async send(record) {
      const to = record.recipient.email;
      if (!to) return { kind: "permanent", error: "the recipient has no e-mail address" };
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: { name: record.recipient.name, address: to },
          subject: record.subject,
          text: record.text,
          // The notice's id as the Message-ID: a relay or mailbox that sees it twice can tell.
          messageId: `<${record.id}@haoshangliang>`,
          headers: { "X-Haoshangliang-Notice": record.id },
        });
        return { kind: "sent", providerMessageId: info.messageId };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}
