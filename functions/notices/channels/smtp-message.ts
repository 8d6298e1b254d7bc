/**
 * A notice as an RFC 5322 message: one UTF-8 plain-text part in base64, headers with encoded words.
 * Composed here, with nodemailer's encoders, instead of by its mail composer, which alone is 138 kB
 * of the bundle for MIME trees, attachments and a table of file types a notice never has.
 */
import { type MailboxAddress, default as parseAddresses } from "nodemailer/lib/addressparser";
import { encode, wrap } from "nodemailer/lib/base64";
import { encodeWords } from "nodemailer/lib/mime-funcs";

export interface TextMail {
  /** `县政协办公室 <noreply@example.gov.cn>` or a bare address. */
  readonly from: string;
  readonly to: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly text: string;
  /** With its angle brackets: `<id@host>`. */
  readonly messageId: string;
  readonly date: Date;
  /** Extra headers, ASCII values. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The first mailbox of an address field; throws when there is none. */
export function mailboxOf(field: string): MailboxAddress {
  const mailbox = parseAddresses(field, { flatten: true }).find((entry) => entry.address);
  if (!mailbox?.address) throw new Error(`no e-mail address in "${field}"`);
  return { name: mailbox.name, address: mailbox.address };
}

/** `"name" <address>`, the name in encoded words when it is not plain ASCII. */
function addressHeader({
  name: rawName,
  address,
}: {
  readonly name: string;
  readonly address: string;
}): string {
  // Control characters (a line break in a member's name) would leave the name unencoded and
  // unquoted, free to add addresses or a group to the field: as spaces it is quoted like any other.
  const name = rawName.replace(/\p{Cc}+/gu, " ").trim();
  if (!name) return `<${address}>`;
  const plain = /^[\x20-\x7e]*$/.test(name);
  const shown = plain ? `"${name.replace(/["\\]/g, "\\$&")}"` : encodeWords(name, "B", 52, true);
  return `${shown} <${address}>`;
}

/** One line per header, folded between encoded words (RFC 2047 ignores the space there). */
const folded = (value: string) => value.replace(/[\r\n]+/g, " ").replace(/\?= =\?/g, "?=\r\n =?");

/** The whole message, CRLF line ends, ready for the DATA command. */
export function composeTextMail(mail: TextMail): string {
  const headers: Array<[string, string]> = [
    ["From", addressHeader(mailboxOf(mail.from))],
    ["To", addressHeader(mail.to)],
    ["Subject", encodeWords(mail.subject, "B", 52, false)],
    ["Date", mail.date.toUTCString().replace(/GMT$/, "+0000")],
    ["Message-ID", mail.messageId],
    ...Object.entries(mail.headers ?? {}),
    ["MIME-Version", "1.0"],
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Transfer-Encoding", "base64"],
  ];
  const head = headers.map(([name, value]) => `${name}: ${folded(value)}`).join("\r\n");
  return `${head}\r\n\r\n${wrap(encode(mail.text), 76)}\r\n`;
}
