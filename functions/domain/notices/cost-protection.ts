/**
 * What keeps the county's SMS bill and its people's phones in check: a daily cap per recipient, a
 * county-wide rate, and the daily digest. What goes over a cap, and what a recipient asked to get as
 * a digest, is folded into one notice the next morning — never dropped (decision 0019).
 * Pure rules: the sender (functions/notices/cost-guard.ts) applies them to the table.
 */
import type { Language } from "../registry/members";
import { localDate, localTime, shiftDate } from "../topics/calendar";

export interface CostLimits {
  /** SMS a recipient gets in one county day before the rest is folded into the next morning's digest. */
  readonly smsDailyCap: number | undefined;
  /** SMS the county sends in one minute before the rest waits for the next minute. */
  readonly smsPerMinute: number | undefined;
  /** The local hour at which digests go out, the morning after the day they cover. */
  readonly digestHour: number;
}

export const defaultCostLimits: CostLimits = { smsDailyCap: 10, smsPerMinute: 100, digestHour: 8 };

/** `10` → 10, `off` → no limit. Throws on anything else (the caller names the setting). */
export function parseLimit(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "off") return undefined;
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || value < 1)
    throw new Error(`must be a whole number from 1, or off, not "${text}"`);
  return value;
}

/** `8` or `08:00` → 8. Throws on anything else. */
export function parseDigestHour(text: string): number {
  const match = /^(\d{1,2})(?::00)?$/.exec(text.trim());
  const hour = Number(match?.[1] ?? Number.NaN);
  if (!(hour >= 0 && hour < 24)) throw new Error(`must be an hour such as 08:00, not "${text}"`);
  return hour;
}

/** Why a notice is folded into a digest rather than sent on its own. */
export type FoldReason = "daily_cap" | "digest";

/** The template a digest is sent with: it is never itself folded or capped. */
export const digestTemplateId = "notice_digest";

interface FoldCandidate {
  readonly channel: string;
  readonly templateId: string;
  readonly recipient: { readonly digest?: boolean };
}

/**
 * Whether a notice goes into the recipient's digest instead of out now, before any cap is counted:
 * a recipient who asked for a digest gets one, except of what is urgent; the inbox is never folded.
 */
export function foldsByPreference(notice: FoldCandidate, urgentTemplates: ReadonlySet<string>): boolean {
  if (notice.channel === "inbox" || notice.templateId === digestTemplateId) return false;
  return notice.recipient.digest === true && !urgentTemplates.has(notice.templateId);
}

/** Whether a notice counts toward its recipient's daily SMS cap (a digest and an urgent notice do not). */
export const countsTowardCap = (
  notice: FoldCandidate,
  limits: CostLimits,
  urgentTemplates: ReadonlySet<string> = new Set(),
): boolean =>
  notice.channel === "sms" &&
  notice.templateId !== digestTemplateId &&
  !urgentTemplates.has(notice.templateId) &&
  limits.smsDailyCap !== undefined;

/** The county day a notice sent at `at` counts toward. */
export const countyDay = (at: Date, timeZone: string): string => localDate(at, timeZone);

/**
 * The day whose digest a notice folded at `at` goes into: the digest of `day` covers from the digest
 * hour of `day` to that of the next day, so what folds at 07:59 still goes out at 08:00.
 */
export const digestDayFor = (at: Date, limits: CostLimits, timeZone: string): string =>
  localDate(new Date(at.getTime() - limits.digestHour * 3_600_000), timeZone);

/** When the digest of `day` goes out: the next morning at the digest hour, county time. */
export const digestDueAt = (day: string, limits: CostLimits, timeZone: string): Date =>
  localTime(shiftDate(day, 1), limits.digestHour, timeZone);

/** The minute `at` falls in (the rate's window), and when the next one starts. */
export function rateWindow(at: Date): { readonly minute: string; readonly next: Date } {
  const start = at.getTime() - (at.getTime() % 60_000);
  return { minute: new Date(start).toISOString().slice(0, 16), next: new Date(start + 60_000) };
}

/** The digest's key: one per recipient, channel and day, whatever folds into it and however often. */
export const digestKey = (recipientId: string, channel: string, day: string): string =>
  `digest:${channel}:${recipientId}:${day}`;

/** How many of the folded subjects a digest lists by name; the rest are counted. */
export const digestListLimit = 30;

/** The lines of a digest's list: one per folded notice, then how many more there were. */
export function digestItems(subjects: readonly string[], language: Language): string {
  const listed = subjects.slice(0, digestListLimit).map((subject) => `· ${subject}`);
  const more = subjects.length - listed.length;
  if (more > 0) listed.push(language === "en" ? `· and ${more} more` : `· 另有${more}条`);
  return listed.join("\n");
}
