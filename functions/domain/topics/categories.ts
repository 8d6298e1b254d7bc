/**
 * Topic categories (党政要事 / 民生实事 / 社会治理难事 by default): a county may configure its own,
 * each with an id (a tally counter's suffix, so letters and digits only) and its labels.
 */

import { countedOn, type TallyDelta, topicCategoryCounter } from "../quota/tally";
import { defaultTopicCategories, defaultTopicCategoryLabels } from "../quota/vocabulary";
import type { Language } from "../registry/members";

export interface TopicCategory {
  readonly id: string;
  readonly labels: Readonly<Record<Language, string>>;
}

// Pure: a bundle that never reads the default categories drops them.
export const defaultCategories: readonly TopicCategory[] = /* @__PURE__ */ defaultTopicCategories.map(
  (id) => ({
    id,
    labels: defaultTopicCategoryLabels[id] ?? { "zh-CN": id, en: id },
  }),
);

const categoryId = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

function parseCategory(entry: unknown, index: number): TopicCategory {
  const record = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
  const { id, "zh-CN": zh, en } = record;
  if (typeof id !== "string" || !categoryId.test(id))
    throw new Error(`entry ${index}: "id" must be letters and digits (1–40), starting with a letter`);
  if (typeof zh !== "string" || zh.trim() === "")
    throw new Error(`entry ${index} (${id}): "zh-CN" is missing`);
  return { id, labels: { "zh-CN": zh.trim(), en: typeof en === "string" && en.trim() ? en.trim() : id } };
}

/**
 * The configured categories from JSON (`[{"id":"livelihood","zh-CN":"民生实事","en":"…"}, …]`); the
 * defaults when unset. Throws an Error saying what is wrong with the setting.
 */
export function parseTopicCategories(json: string | undefined): readonly TopicCategory[] {
  if (json === undefined || json.trim() === "") return defaultCategories;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error("must be a JSON array of categories");
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new Error("must be a non-empty JSON array of categories");
  const categories = parsed.map(parseCategory);
  const ids = categories.map((category) => category.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) throw new Error(`the id "${repeated}" appears twice`);
  return categories;
}

/**
 * What a topic counts in its station's tally: one topic, and one of its category when it has one — in
 * the year and quarter of `countedDate`, the county date it was registered (topics registered before
 * quarters were counted have none, and count in the year only).
 */
export function topicTallyDelta(category: string | undefined, countedDate: string | undefined): TallyDelta {
  const counts = category ? { topics: 1, [topicCategoryCounter(category)]: 1 } : { topics: 1 };
  return countedDate ? countedOn(countedDate, counts) : counts;
}
