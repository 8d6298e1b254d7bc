/**
 * E-mail through Amazon SES (API v2, `SendEmail`) in a global region. SES is not offered in the AWS
 * China regions: a county there sends through an SMTP relay (smtp.ts).
 */
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { type AwsChannelSettings, attemptSignal, awsErrorOutcome, clientSettings } from "./aws-outcome";
import type { ChannelSender } from "./channel";

export interface SesEmailSettings extends AwsChannelSettings {
  /** The From address, e.g. `县政协办公室 <noreply@example.gov.cn>`: an address of a verified identity. */
  readonly from: string;
  /** A configuration set (event publishing, a dedicated IP pool). */
  readonly configurationSet?: string;
}

/**
 * Throttling (the sending rate, a quota) and SES's own failures; anything else — `MessageRejected`,
 * `MailFromDomainNotVerifiedException`, `AccountSuspendedException`, `SendingPausedException`,
 * `BadRequestException`, `NotFoundException` — another attempt would meet alike.
 */
/** A paused or suspended account is the operator's to fix: retried through the backoff, not failed at once. */
const transientNames =
  /^(TooManyRequests|LimitExceeded|Throttl|InternalServiceError|ServiceUnavailable|SendingPaused|AccountSuspended)/;

/** A mailbox for a header; a display name outside ASCII as a MIME encoded word, as SES asks. */
export function mailbox(name: string | undefined, address: string): string {
  if (!name) return address;
  const display = /^[\x20-\x7E]*$/.test(name)
    ? `"${name.replace(/["\\]/g, "\\$&")}"`
    : `=?UTF-8?B?${Buffer.from(name, "utf8").toString("base64")}?=`;
  return `${display} <${address}>`;
}

/** `Name <address>` or a bare address, as a mailbox SES accepts. */
const fromMailbox = (from: string) => {
  const match = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(from);
  return match ? mailbox(match[1]?.replace(/^"(.*)"$/, "$1"), match[2] ?? "") : from.trim();
};

export function sesEmailChannel(settings: SesEmailSettings): ChannelSender {
  const client = new SESv2Client(clientSettings(settings));
  const from = fromMailbox(settings.from);
  const utf8 = (Data: string) => ({ Data, Charset: "UTF-8" });
  return {
    async send(record) {
      const to = record.recipient.email;
      if (!to) return { kind: "permanent", error: "the recipient has no e-mail address" };
      const command = new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [mailbox(record.recipient.name, to)] },
        Content: {
          Simple: {
            Subject: utf8(record.subject),
            Body: { Text: utf8(record.text) },
            Headers: [{ Name: "X-Haoshangliang-Notice", Value: record.id }],
          },
        },
        // Names the notice in the configuration set's event destinations (deliveries, bounces).
        EmailTags: [{ Name: "notice", Value: record.id }],
        ...(settings.configurationSet ? { ConfigurationSetName: settings.configurationSet } : {}),
      });
      try {
        const answer = await client.send(command, { abortSignal: attemptSignal(settings) });
        return { kind: "sent", ...(answer.MessageId ? { providerMessageId: answer.MessageId } : {}) };
      } catch (error) {
        return awsErrorOutcome(error, transientNames);
      }
    },
  };
}
