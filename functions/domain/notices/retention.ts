/**
 * How long a delivered notice stays in the delivery log (decision 0026): DynamoDB's time to live
 * removes it `retentionDays` after it went out. A failed notice stays until someone sends it again.
 */
export const defaultNoticeRetentionDays = 400;

/** The notice's `expiresAt` (epoch seconds, DynamoDB TTL): `retentionDays` after it was delivered. */
export function noticeExpiry(deliveredAt: string, retentionDays: number): number {
  return Math.floor(Date.parse(deliveredAt) / 1000) + retentionDays * 86_400;
}

/** NOTICE_RETENTION_DAYS: a whole number of days, at least 1; the default when unset. */
export function parseNoticeRetentionDays(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return defaultNoticeRetentionDays;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`NOTICE_RETENTION_DAYS must be a whole number of days (at least 1), not ${value}`);
  return days;
}
