/**
 * Opaque list cursors: the last evaluated key, base64url-encoded. A cursor is checked against the
 * query it continues, so a forged one cannot read outside the caller's partition.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { ValidationError } from "../../domain/errors";

type Key = Record<string, AttributeValue>;

export function encodeCursor(key: Key | undefined): string | null {
  if (!key) return null;
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(key)) if (value.S !== undefined) plain[name] = value.S;
  return Buffer.from(JSON.stringify(plain), "utf8").toString("base64url");
}

/** Decodes a cursor for a query whose partition attribute `partitionName` must equal `partitionValue`. */
export function decodeCursor(
  cursor: string | undefined,
  expected: {
    partitionName: string;
    partitionValue: string;
    keyNames: readonly string[];
    /** The query's sort-key condition: a cursor from another kind of item in the partition is refused. */
    sortKeyPrefix?: { readonly name: string; readonly value: string };
    sortKeyBefore?: { readonly name: string; readonly value: string };
  },
): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new ValidationError([{ field: "cursor", code: "invalid_cursor", message: "invalid_cursor" }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  const names = entries.map(([name]) => name).sort();
  if (names.join() !== [...expected.keyNames].sort().join()) throw invalid();
  if (!entries.every(([, value]) => typeof value === "string" && value !== "")) throw invalid();
  const key = parsed as Record<string, string>;
  if (key[expected.partitionName] !== expected.partitionValue) throw invalid();
  const { sortKeyPrefix } = expected;
  if (sortKeyPrefix && !key[sortKeyPrefix.name]?.startsWith(sortKeyPrefix.value)) throw invalid();
  const { sortKeyBefore } = expected;
  if (sortKeyBefore && !((key[sortKeyBefore.name] ?? "") < sortKeyBefore.value)) throw invalid();
  return Object.fromEntries(entries.map(([name, value]) => [name, { S: value as string }]));
}
