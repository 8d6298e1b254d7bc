import { decodeTime, isValid } from "ulid";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Each test gets a fresh module: the last id's time is module state.
let idPattern: RegExp;
let newId: (now?: number) => string;
beforeEach(async () => {
  vi.resetModules();
  ({ idPattern, newId } = await import("../../functions/kernel/ids"));
});

describe("newId", () => {
  it("is a ULID of the given time, as the ulid package reads it", () => {
    for (const time of [1, 1_700_000_000_123, 2 ** 48 - 1]) {
      const id = newId(time);
      expect(id).toMatch(idPattern);
      expect(isValid(id)).toBe(true);
      expect(decodeTime(id)).toBe(time);
    }
  });

  it("sorts by time, and within a millisecond by order of creation", () => {
    const time = Date.UTC(2030, 0, 1);
    const ids = [newId(time), newId(time), newId(time), newId(time + 1), newId(time + 1)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps the last time when the clock goes back, counting the random part up", () => {
    const later = Date.UTC(2031, 0, 1);
    const first = newId(later);
    const second = newId(later - 5_000);
    expect(decodeTime(second)).toBe(later);
    expect(second > first).toBe(true);
  });

  it("carries the count across digits", () => {
    const time = Date.UTC(2032, 0, 1);
    const ids = Array.from({ length: 2000 }, () => newId(time));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("draws a fresh random part in a new millisecond", () => {
    const a = newId(Date.UTC(2033, 0, 1));
    const b = newId(Date.UTC(2033, 0, 1) + 1);
    expect(a.slice(10)).not.toBe(b.slice(10));
  });
});
