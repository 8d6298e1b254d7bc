/** Every item of a list the API serves a page at a time (for pickers, which need them all). */
export async function allPages<T>(
  loadPage: (cursor: string | undefined) => Promise<{ items: T[]; cursor?: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await loadPage(cursor);
    items.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return items;
}
