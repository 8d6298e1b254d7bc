/** Dates as people in the county read them: Asia/Shanghai, whatever the browser's zone. */
import type { Language } from "./i18n/messages";

export const zone = "Asia/Shanghai";

export function dateTime(iso: string | undefined, language: Language): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(language, {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(iso));
}

export function date(iso: string | undefined, language: Language): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(language, {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(iso));
}

/** Today's date in Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(now);
}

/** Whole calendar days from today (Shanghai) to the deadline's day; negative when past. */
export function daysLeft(deadline: string, now = new Date()): number {
  const day = (d: Date) => Date.parse(new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(d));
  return Math.round((day(new Date(deadline)) - day(now)) / 86_400_000);
}
