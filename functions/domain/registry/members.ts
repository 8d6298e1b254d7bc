/** Members (政协委员): contact rules and the vocabulary of their profiles. */

export const languages = ["zh-CN", "en"] as const;
export type Language = (typeof languages)[number];

export const channels = ["sms", "email"] as const;
export type Channel = (typeof channels)[number];

/** How a member came to serve at a station: 就近 (nearby), 自主 (by choice), or for a topic. */
export const assignmentBases = ["nearby", "choice", "topic"] as const;
export type AssignmentBasis = (typeof assignmentBases)[number];

const mainlandMobile = /^1[3-9]\d{9}$/;

/**
 * A mainland China mobile number in its canonical 11-digit form, or undefined if the input is not
 * one. Accepts the spacing, dashes and +86 / 0086 prefixes people actually type.
 */
export function normalizeMainlandMobile(input: string): string | undefined {
  const compact = input.replace(/[\s-]/g, "").replace(/^(\+86|0086)/, "");
  return mainlandMobile.test(compact) ? compact : undefined;
}

/** Expertise tags, trimmed, without empties or repeats, in the order given. */
export function normalizeExpertise(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const trimmed = tag.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}
