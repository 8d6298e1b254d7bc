/**
 * Where a 400's field problem shows: beside the form field it names (mapped by `fieldMap` where the
 * API's dotted path and the form's name differ, else the longest registered field its path starts
 * with), or — when no field of the form is it — above the buttons, so that no message is lost.
 */

/** The form field an API problem belongs to; undefined when it belongs to none. */
export function formFieldOf(
  field: string,
  known: readonly string[],
  fieldMap: Readonly<Record<string, string>>,
): string | undefined {
  if (fieldMap[field]) return fieldMap[field];
  const parts = field.split(/[.[\]]+/).filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join(".");
    if (fieldMap[candidate]) return fieldMap[candidate];
    if (known.includes(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The dotted names of the form's fields ("responsible.name"), from its values: the leaves only. A group
 * ("responsible") is no field of its own, so a problem naming the group goes above the buttons. A list
 * of groups (a Form.List's rows) counts its rows by position ("raisedBy.0.name"), as the API does; a
 * list of plain values (a multiple select) is one field.
 */
export function fieldPaths(values: unknown, prefix = ""): string[] {
  const isRow = (item: unknown) => typeof item === "object" && item !== null && !Array.isArray(item);
  if (Array.isArray(values) && values.length > 0 && values.every(isRow))
    return values.flatMap((row, index) => fieldPaths(row, prefix ? `${prefix}.${index}` : String(index)));
  if (typeof values !== "object" || values === null || Array.isArray(values)) return prefix ? [prefix] : [];
  return Object.entries(values).flatMap(([key, value]) =>
    fieldPaths(value, prefix ? `${prefix}.${key}` : key),
  );
}

/** The form's name path of a dotted field: a row's position is a number, as Form.List names it. */
export const namePathOf = (field: string): (string | number)[] =>
  field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
