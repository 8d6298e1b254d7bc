/**
 * SMS that fit one billed segment with the signature (短信签名): 70 characters when any character is
 * outside GSM-7 (any Chinese), 160 otherwise. The template's short SMS pattern is filled, and what
 * varies in length (a title, a reason, a station's name) is shortened with "…" until it fits.
 */
import type { Language } from "../domain/registry/members";
import { config } from "../kernel/config";
import { fill, type NoticeTemplate } from "./templates";

const characters = (text: string) => [...text].length;

/** Characters one segment holds for this text (printable ASCII counts as GSM-7). */
export const segmentCapacity = (text: string) => (/^[\x20-\x7E\n]*$/.test(text) ? 160 : 70);

/** Variables that may be shortened, longest first when it comes to it. */
const shortenable = ["title", "reason", "outcome", "note", "stationName", "responsibleName", "inviterName"];
/** A shortened variable keeps at least this many characters (and its "…"). */
const shortest = 4;

function shorten(value: string, by: number): string {
  const chars = [...value];
  const keep = Math.max(shortest, chars.length - by - 1);
  return keep >= chars.length ? value : `${chars.slice(0, keep).join("")}…`;
}

/**
 * The variables, shortened so that the pattern filled with them fits one segment with the signature:
 * what a provider's pre-approved template receives as its parameters.
 */
export function fitSmsVariables(
  pattern: string,
  variables: Readonly<Record<string, string>>,
  signature: string,
): Record<string, string> {
  const vars: Record<string, string> = { ...variables };
  const overBy = () => {
    const text = fill(pattern, vars);
    return characters(signature) + characters(text) - segmentCapacity(signature + text);
  };
  for (let over = overBy(); over > 0; over = overBy()) {
    const longest = shortenable
      .filter((name) => characters(vars[name] ?? "") > shortest + 1)
      .sort((a, b) => characters(vars[b] ?? "") - characters(vars[a] ?? ""))[0];
    // Nothing left to shorten (a pattern too long for its own good): fitSms cuts the text itself.
    if (longest === undefined) return vars;
    vars[longest] = shorten(vars[longest] ?? "", over);
  }
  return vars;
}

/** `text` cut with "…" where it would run past one segment with the signature (the last resort). */
function cutToSegment(text: string, signature: string): string {
  const chars = [...text];
  const over = characters(signature) + chars.length - segmentCapacity(signature + text);
  return over > 0 ? `${chars.slice(0, chars.length - over - 1).join("")}…` : text;
}

/** The SMS text (without the signature, which the provider adds) fitting one segment with it. */
export function fitSms(
  pattern: string,
  variables: Readonly<Record<string, string>>,
  signature: string,
): string {
  return cutToSegment(fill(pattern, fitSmsVariables(pattern, variables, signature)), signature);
}

/** The county's registered SMS signature, as a phone shows it: SMS_SIGNATURE (in 【】), else 【<county>政协】. */
export function smsSignature(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.SMS_SIGNATURE?.trim();
  if (configured) return /^【.*】$/.test(configured) ? configured : `【${configured}】`;
  const county = config().countyName;
  return /\p{Script=Han}/u.test(county) ? `【${county}政协】` : "【好商量】";
}

/** The SMS of a notice: its text, one segment with the signature, and the variables as they fit it. */
export function renderSms(
  template: NoticeTemplate,
  language: Language,
  variables: Readonly<Record<string, string>>,
  signature = smsSignature(),
): { text: string; variables: Record<string, string> } {
  const pattern = template.sms[language];
  const fitted = fitSmsVariables(pattern, variables, signature);
  return { text: cutToSegment(fill(pattern, fitted), signature), variables: fitted };
}

/**
 * The SMS with the topic's link appended, when the whole still fits one segment with the signature.
 * Beside Chinese text a console link rarely does: the e-mail and the inbox always carry it.
 */
export function smsWithLink(text: string, link: string | undefined, signature = smsSignature()): string {
  if (!link) return text;
  const linked = `${text} ${link}`;
  return characters(signature) + characters(linked) <= segmentCapacity(signature + linked) ? linked : text;
}
