import { monotonicFactory } from "ulid";

const nextUlid = monotonicFactory();

/** A new id: a ULID, unique and sortable by creation time. */
export function newId(now: number = Date.now()): string {
  return nextUlid(now);
}

/** What every id looks like: a ULID in Crockford's base 32. */
export const idPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const isId = (value: string) => idPattern.test(value);
