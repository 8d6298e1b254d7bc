/** JSON helpers for payloads that cross the local runtime's boundaries. */
import type { JsonValue } from "./types";

/** A JSON copy of a value (`undefined` becomes `null`); throws on what JSON cannot hold. */
export const asJson = (value: unknown): JsonValue =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Replaces every occurrence of one string value in a JSON value. */
export function replaceString(value: JsonValue, from: string, to: string): JsonValue {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((item) => replaceString(item, from, to));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceString(item, from, to)]),
    );
  }
  return value;
}

/** An error's cause as history text. */
export const causeText = (cause: unknown): string | undefined =>
  cause === undefined ? undefined : typeof cause === "string" ? cause : JSON.stringify(cause);
