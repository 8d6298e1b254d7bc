/** The county's topic categories (GET /topic-categories): picker options and names, in the reader's language. */
import { unwrap } from "../api/errors";
import { useSession } from "../app-context";
import { useLoad } from "../patterns/use-load";

export function useTopicCategories() {
  const { api, language } = useSession();
  const loaded = useLoad(() => unwrap(api.GET("/topic-categories")), [api]);
  const items = loaded.data?.items ?? [];
  return {
    options: items.map((category) => ({ value: category.id, label: category.labels[language] })),
    /** A category's name; the id itself when the county no longer has it. */
    nameOf: (id: string) => items.find((category) => category.id === id)?.labels[language] ?? id,
  };
}
