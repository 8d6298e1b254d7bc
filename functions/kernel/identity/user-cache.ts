/**
 * The user records callers are resolved to, remembered briefly in the function's memory: a warm
 * function reads a caller's record once per window, not on every request. A change made elsewhere
 * (another function, another instance) is seen once the window has passed; a change made here is
 * seen at once (`forgetUser`).
 */
import type { User } from "../../domain/users";
import { getItem } from "../table/items";
import { userKey } from "../table/keys";

/** How long a record (or its absence) is trusted. Short: a deactivation must bite soon. */
export const userCacheMs = 30_000;
/** Beyond this many subjects, the oldest is forgotten first. */
export const userCacheLimit = 500;

interface Entry {
  readonly user: User | undefined;
  readonly until: number;
}

const entries = new Map<string, Entry>();

/** The record of a subject, or undefined when there is none; from memory within the window. */
export async function cachedUser(subject: string, now = Date.now()): Promise<User | undefined> {
  const known = entries.get(subject);
  if (known && known.until > now) return known.user;
  const user = await getItem<User>(userKey(subject));
  entries.delete(subject);
  if (entries.size >= userCacheLimit) entries.delete(entries.keys().next().value ?? "");
  entries.set(subject, { user, until: now + userCacheMs });
  return user;
}

/** Forgets one subject (after a write here), or everything (tests, the local token tool). */
export function forgetUser(subject?: string): void {
  if (subject === undefined) entries.clear();
  else entries.delete(subject);
}

/** How many subjects are remembered (tests). */
export const cachedUserCount = (): number => entries.size;
