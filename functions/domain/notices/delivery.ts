/**
 * How a recorded notice travels to its recipient: quiet hours for the channels that buzz a phone,
 * retries with backoff for transient failures, and what each attempt leaves on the record.
 * Pure rules: the sender (functions/notices/sender.ts) applies them to the table.
 */
import { tzOffset } from "@date-fns/tz/tzOffset";
import type { Language } from "../registry/members";

/** queued → sending → sent | held (quiet hours) | failed | folded (into a digest). */
export const deliveryStatuses = ["queued", "sending", "sent", "held", "failed", "folded"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** A local time of day, in minutes after midnight. */
export interface QuietHours {
  readonly startMinute: number;
  readonly endMinute: number;
}

export const defaultQuietHours: QuietHours = { startMinute: 21 * 60, endMinute: 8 * 60 };

/** `21:00-08:00` → quiet hours; `off` → none. Throws on anything else, naming the setting. */
export function parseQuietHours(text: string): QuietHours | undefined {
  if (text.trim() === "off") return undefined;
  const match = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text.trim());
  const [hours1, minutes1, hours2, minutes2] = (match?.slice(1) ?? []).map(Number);
  const minuteOf = (hours = 99, minutes = 99) =>
    hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
  const startMinute = minuteOf(hours1, minutes1);
  const endMinute = minuteOf(hours2, minutes2);
  if (startMinute === undefined || endMinute === undefined || startMinute === endMinute)
    throw new Error(`quiet hours must look like 21:00-08:00, or be off, not "${text}"`);
  return { startMinute, endMinute };
}

const minuteMs = 60_000;

/** Minutes after local midnight of `at` in `timeZone`, and the instant of that midnight. */
function localClock(at: Date, timeZone: string) {
  const offsetMinutes = tzOffset(timeZone, at);
  const localMs = at.getTime() + offsetMinutes * minuteMs;
  const minuteOfDay = Math.floor((localMs % 86_400_000) / minuteMs);
  const midnight = new Date(localMs - (localMs % 86_400_000) - offsetMinutes * minuteMs);
  return { minuteOfDay, midnight };
}

/**
 * When quiet hours hold a notice sent at `at`, the instant they end (local `endMinute`); undefined when
 * `at` is outside them. A window may cross midnight (21:00-08:00) or not (12:00-14:00).
 */
export function quietUntil(at: Date, quiet: QuietHours, timeZone: string): Date | undefined {
  const { minuteOfDay, midnight } = localClock(at, timeZone);
  const { startMinute, endMinute } = quiet;
  const crossesMidnight = startMinute > endMinute;
  const inside = crossesMidnight
    ? minuteOfDay >= startMinute || minuteOfDay < endMinute
    : minuteOfDay >= startMinute && minuteOfDay < endMinute;
  if (!inside) return undefined;
  const endsTomorrow = crossesMidnight && minuteOfDay >= startMinute;
  const end = new Date(midnight.getTime() + ((endsTomorrow ? 24 * 60 : 0) + endMinute) * minuteMs);
  // The offset of the end's own day (a zone with daylight saving time may differ from `at`'s).
  return new Date(end.getTime() + (tzOffset(timeZone, at) - tzOffset(timeZone, end)) * minuteMs);
}

/** Waits before the 2nd, 3rd, … attempt after a transient failure; after the last, the notice fails. */
export const retryDelaysMs = [30_000, 120_000, 600_000, 1_800_000, 7_200_000] as const;
export const maxAttempts = retryDelaysMs.length + 1;

/** What one attempt at a provider came to. */
export type AttemptOutcome =
  | { readonly kind: "sent"; readonly providerMessageId?: string }
  /** Throttled, timed out, the provider down: worth another attempt later. */
  | { readonly kind: "transient"; readonly error: string }
  /** Invalid number, unsubscribed, template rejected, nobody to reach: another attempt would fail alike. */
  | { readonly kind: "permanent"; readonly error: string };

/** The record's delivery fields after attempt number `attempts` (1 for the first). */
export type AttemptResult =
  | { readonly status: "sent"; readonly sentAt: string; readonly providerMessageId?: string }
  | { readonly status: "queued"; readonly nextAttemptAt: string; readonly lastError: string }
  | { readonly status: "failed"; readonly failedAt: string; readonly lastError: string };

export function afterAttempt(outcome: AttemptOutcome, attempts: number, now: Date): AttemptResult {
  if (outcome.kind === "sent") {
    return {
      status: "sent",
      sentAt: now.toISOString(),
      ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}),
    };
  }
  const delay = retryDelaysMs[attempts - 1];
  if (outcome.kind === "transient" && delay !== undefined) {
    return {
      status: "queued",
      nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
      lastError: outcome.error,
    };
  }
  return { status: "failed", failedAt: now.toISOString(), lastError: outcome.error };
}

/**
 * Why a notice can reach nobody, or undefined when it can. The console's inbox is read by members
 * and the county office; anyone else (a liaison leader, a resident) told only "in the inbox" is told
 * nothing — a visible failure in the delivery log, never a silent "sent".
 */
export function unreachableReason(notice: {
  readonly channel: string;
  readonly recipient: { readonly id: string };
}): FailureCode | undefined {
  if (notice.channel !== "inbox") return undefined;
  const { id } = notice.recipient;
  if (id.startsWith("member:") || id === "county-office") return undefined;
  return "no_contact";
}

/**
 * Failures of our own, stored as codes in a notice's `lastError` and said in the reader's language
 * when the log is read; a provider's own error is stored (and shown) as the provider wrote it.
 */
export const failureNames = {
  no_contact: {
    "zh-CN": "无可用联系方式：此人不使用平台，且未登记手机或电子邮件",
    en: "No contact: they do not use the console and have no phone or e-mail on record",
  },
} as const satisfies Readonly<Record<string, Readonly<Record<Language, string>>>>;
export type FailureCode = keyof typeof failureNames;

/** What notices failed before the codes were stored said, in both languages at once. */
const storedBeforeCodes: Readonly<Record<string, FailureCode>> = {
  "无可用联系方式：此人不使用平台，且未登记手机或电子邮件 · no contact: they do not use the console and have no phone or e-mail on record":
    "no_contact",
};

/** A stored `lastError` as the reader sees it: a code of ours in their language, anything else as it is. */
export function failureText(lastError: string, language: Language): string {
  const code = Object.hasOwn(failureNames, lastError)
    ? (lastError as FailureCode)
    : Object.hasOwn(storedBeforeCodes, lastError)
      ? storedBeforeCodes[lastError]
      : undefined;
  return code ? failureNames[code][language] : lastError;
}
