/**
 * A setting written as a JSON object in the environment (EVALUATION_WEIGHTS, QUOTA_TARGETS): its
 * entries, undefined when left empty, or the error the setting makes of text that is not JSON or
 * not an object. Each setting checks its entries itself.
 */
export function jsonObjectSetting(
  text: string | undefined,
  errors: { readonly notJson: () => Error; readonly notObject: () => Error },
): Record<string, unknown> | undefined {
  if (!text?.trim()) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw errors.notJson();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw errors.notObject();
  return parsed as Record<string, unknown>;
}
