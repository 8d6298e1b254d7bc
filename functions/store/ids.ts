import { monotonicFactory } from "ulid";

const nextUlid = monotonicFactory();

/** A new id: a ULID, unique and sortable by creation time. */
export function newId(now: number = Date.now()): string {
  return nextUlid(now);
}
