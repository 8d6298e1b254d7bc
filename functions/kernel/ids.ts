import { randomBytes } from "node:crypto";

/** Crockford's base 32, in which a ULID is written. */
const base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

let lastTime = 0;
/** The last id's 16 random digits (each 0–31), counted up for the next id in the same millisecond. */
let lastRandom: number[] = [];

/** `time` in 10 base-32 digits: the 48-bit millisecond count a ULID starts with. */
function timeDigits(time: number): string {
  let digits = "";
  for (let left = time, i = 0; i < 10; i += 1, left = Math.floor(left / 32)) {
    digits = base32.charAt(left % 32) + digits;
  }
  return digits;
}

/** The random digits plus one, carried from the last digit (as a base-32 number). */
function countUp(random: readonly number[]): number[] {
  const next = [...random];
  for (let i = next.length - 1; i >= 0; i -= 1) {
    const digit = next[i] ?? 0;
    if (digit < 31) {
      next[i] = digit + 1;
      return next;
    }
    next[i] = 0;
  }
  throw new Error("ULID random part overflowed within one millisecond");
}

/**
 * A new id: a ULID (the time in milliseconds, then 80 random bits), unique and sortable by creation
 * time. Monotonic, as the `ulid` package's `monotonicFactory` (decision 0002; 2.4 kB in every bundle,
 * where this is a few hundred bytes): an id made in the same millisecond as the last, or with a clock
 * that went back, keeps the last one's time and counts its random part up by one.
 */
export function newId(now: number = Date.now()): string {
  const time = now > 0 ? now : Date.now(); // as `ulid`: no time (or NaN) is now
  if (time > lastTime) {
    lastTime = time;
    // 256 is a multiple of 32, so each byte's top five bits are an even draw of one digit.
    lastRandom = [...randomBytes(16)].map((byte) => byte >> 3);
  } else {
    lastRandom = countUp(lastRandom);
  }
  return timeDigits(lastTime) + lastRandom.map((digit) => base32.charAt(digit)).join("");
}

/** What every id looks like: a ULID in Crockford's base 32. */
export const idPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const isId = (value: string) => idPattern.test(value);
