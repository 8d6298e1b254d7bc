/**
 * Paging over a list already in hand (a staff user's few stations, say), with the same `limit` and
 * opaque `cursor` as the lists read page by page from the table.
 */
import { ValidationError } from "../domain/errors";
import type { Page } from "./table/items";

const invalidCursor = () =>
  new ValidationError([{ field: "cursor", code: "invalid_cursor", message: "invalid_cursor" }]);

/** The page after `cursor` (the last id of the page before) of `items`, in id order. */
export function pageInHand<T extends { readonly id: string }>(
  items: readonly T[],
  page: { readonly limit: number; readonly cursor: string | undefined },
): Page<T> {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let after: string | undefined;
  if (page.cursor !== undefined) {
    after = Buffer.from(page.cursor, "base64url").toString("utf8");
    if (!/^[0-9A-Z]{1,64}$/.test(after)) throw invalidCursor();
  }
  const rest = after === undefined ? sorted : sorted.filter((item) => item.id > after);
  const pageItems = rest.slice(0, page.limit);
  const last = pageItems.at(-1);
  return {
    items: pageItems,
    cursor: rest.length > page.limit && last ? Buffer.from(last.id, "utf8").toString("base64url") : null,
  };
}
