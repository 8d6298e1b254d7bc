/**
 * What the WeCom and DingTalk robot adapters share: the request each builds, and the notice as a
 * Markdown message — the subject bold, the text beneath it, neither able to format the message.
 */
import type { ChatRobot } from "../../domain/notices/chat-webhook";
import { consoleAddress } from "../../kernel/config";
import type { NotificationRecord } from "../notifier";

/** One robot platform: its request for a notice, and which of its error codes may pass on a later attempt. */
export interface RobotPlatform {
  readonly name: string;
  readonly transientCodes: ReadonlySet<number>;
  request(
    robot: ChatRobot,
    record: NotificationRecord,
    now: Date,
  ): { readonly url: URL; readonly body: string };
}

/**
 * A notice's words as plain text inside Markdown: the characters that would make a link, a heading,
 * emphasis, code or an HTML tag (a WeCom `<font>`) become their full-width forms. A topic's title
 * comes from residents; it must not put a link or a heading into the station's group.
 */
export const markdownInert = (text: string) =>
  text.replace(/[\\`*_~#[\]<>|]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));

/** `text` cut to at most `maxBytes` of UTF-8, on a character's boundary, with … when it was cut. */
export function fitBytes(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let fitted = "";
  let bytes = encoder.encode("…").length;
  for (const character of text) {
    bytes += encoder.encode(character).length;
    if (bytes > maxBytes) break;
    fitted += character;
  }
  return `${fitted}…`;
}

/** A line made inert but for links into the console itself (CONSOLE_URL), which stay links. */
function inertButConsoleLinks(line: string, consoleUrl: string | undefined): string {
  if (!consoleUrl) return markdownInert(line);
  const base = consoleUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const links = new RegExp(`${base}/[\\w./?=&%#-]*`, "g");
  let shown = "";
  let from = 0;
  for (const match of line.matchAll(links)) {
    shown += markdownInert(line.slice(from, match.index)) + match[0];
    from = match.index + match[0].length;
  }
  return shown + markdownInert(line.slice(from));
}

/**
 * The notice as Markdown: its subject in bold, then its text, paragraph by paragraph (`paragraphBreak`
 * between lines: DingTalk needs a blank line where WeCom keeps a single break), within `maxBytes`.
 */
export function noticeMarkdown(
  record: NotificationRecord,
  paragraphBreak: string,
  maxBytes: number,
  consoleUrl: string | undefined = consoleAddress(),
): string {
  const lines = record.text.split(/\r?\n/).map((line) => inertButConsoleLinks(line, consoleUrl));
  return fitBytes([`**${markdownInert(record.subject)}**`, ...lines].join(paragraphBreak), maxBytes);
}

/** The credentials an error message may carry (a URL in a network error) replaced by `…`. */
export const redacted = (message: string) =>
  message.replace(/([?&](?:key|access_token|sign|timestamp)=)[^&\s"']*/g, "$1…");
