/**
 * E-mail through any SMTP relay (an enterprise mailbox, Alibaba Cloud DirectMail, a local server):
 * what a county in mainland China uses, where SES does not exist. nodemailer's SMTP connection, one
 * per notice, without its mailer and composer (smtp-message.ts; docs/decisions/0014-notice-delivery.md).
 */

import { parseConnectionUrl } from "nodemailer/lib/shared";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import type { AttemptOutcome } from "../../domain/notices/delivery";
import type { ChannelSender } from "./channel";
import { composeTextMail, mailboxOf } from "./smtp-message";

export interface SmtpSettings {
  /**
   * `smtp://user:pass@host:587` (STARTTLS when the server offers it; `?requireTLS=true` to insist)
   * or `smtps://user:pass@host:465` (TLS from the first byte). Other query parameters are
   * nodemailer's connection options, e.g. `tls.rejectUnauthorized=false`.
   */
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

type ConnectionOptions = ConstructorParameters<typeof SMTPConnection>[0];
type Auth = Parameters<SMTPConnection["login"]>[0];
/** The URL's credentials, and whether to log in even where the server does not offer AUTH. */
interface Login {
  readonly auth: Auth;
  readonly force: boolean;
}

/** Connects, logs in when the URL carries credentials, sends one message and quits. */
function sendOnce(
  options: ConnectionOptions,
  login: Login | undefined,
  envelope: { from: string; to: string },
  raw: string,
) {
  return new Promise<void>((resolve, reject) => {
    const connection = new SMTPConnection(options);
    const fail = (error: unknown) => {
      connection.close();
      reject(error);
    };
    connection.once("error", fail);
    const send = () =>
      connection.send(envelope, raw, (error) => {
        if (error) return fail(error);
        connection.quit();
        resolve();
      });
    connection.connect((error) => {
      // A server that closed before its greeting answers here, not with an 'error' event.
      if (error) return fail(error);
      // As nodemailer's transport: log in only where the server offers AUTH (or forceAuth says to).
      if (!login || !(connection.allowsAuth || login.force)) return send();
      connection.login(login.auth, (failed) => (failed ? fail(failed) : send()));
    });
  });
}

export function smtpChannel(settings: SmtpSettings): ChannelSender {
  const timeoutMs = settings.timeoutMs ?? 15_000;
  const { auth, ...fromUrl } = parseConnectionUrl(settings.url);
  const options: ConnectionOptions = {
    ...fromUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
  // parseConnectionUrl has decoded them already (a second decoding breaks a password with a "%").
  const method = typeof fromUrl.authMethod === "string" ? fromUrl.authMethod : undefined;
  const login: Login | undefined = auth?.user
    ? {
        auth: { user: auth.user, pass: auth.pass ?? "", ...(method ? { method } : {}) },
        force: fromUrl.forceAuth === true,
      }
    : undefined;
  const sender = mailboxOf(settings.from).address;
  return {
    async send(record) {
      const to = record.recipient.email;
      if (!to) return { kind: "permanent", error: "the recipient has no e-mail address" };
      // The notice's id as the Message-ID: a relay or mailbox that sees it twice can tell.
      const messageId = `<${record.id}@haoshangliang>`;
      const raw = composeTextMail({
        from: settings.from,
        to: { name: record.recipient.name, address: to },
        subject: record.subject,
        text: record.text,
        messageId,
        date: new Date(),
        headers: { "X-Haoshangliang-Notice": record.id },
      });
      try {
        await sendOnce(options, login, { from: sender, to }, raw);
        return { kind: "sent", providerMessageId: messageId };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}
