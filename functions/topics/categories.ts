/** The configured topic categories (TOPIC_CATEGORIES): what a topic's `category` may be, and their names. */
import { ValidationError } from "../domain/errors";
import type { Language } from "../domain/registry/members";
import { topicCategories } from "../kernel/config";

/** A category the county has configured, or a 400 naming `field` with the ids allowed. */
export function assertTopicCategory(category: string | undefined | null, field = "category"): void {
  if (category === undefined || category === null) return;
  const configured = topicCategories();
  if (configured.some((entry) => entry.id === category)) return;
  throw new ValidationError([
    {
      field,
      code: "unknown_topic_category",
      message: "unknown_topic_category",
      params: { allowed: configured.map((entry) => entry.id).join(", ") },
    },
  ]);
}

/** A category's name in the reader's language (its id when no longer configured). */
export function categoryName(category: string, language: Language): string {
  return topicCategories().find((entry) => entry.id === category)?.labels[language] ?? category;
}
