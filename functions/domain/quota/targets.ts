/**
 * The quota's settings per year (decision 0022): the "4" (consultations) and the "10" (opinions) and
 * how far behind is "at risk", from QUOTA_TARGETS — JSON keyed by year, with an optional "default":
 *
 *   {"default": {"consultations": 4, "opinions": 10, "atRiskQuartersBehind": 1}, "2028": {"opinions": 12}}
 *
 * A year takes its own entry over "default" over the built-in 4, 10 and one quarter.
 */
import { jsonObjectSetting } from "../json-setting";
import { defaultTargets, defaultThresholds, type PaceThresholds, type QuotaTargets } from "./pace";

export interface QuotaSettings {
  readonly targets: QuotaTargets;
  readonly thresholds: PaceThresholds;
}

type Entry = Partial<QuotaTargets & PaceThresholds>;
export type QuotaTargetTable = Readonly<Record<string, Entry>>;

const fields = ["consultations", "opinions", "atRiskQuartersBehind"] as const;

export class QuotaTargetsError extends Error {}

function checkedEntry(key: string, entry: unknown): Entry {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    throw new QuotaTargetsError(`QUOTA_TARGETS.${key} must be an object`);
  for (const [name, value] of Object.entries(entry)) {
    if (!(fields as readonly string[]).includes(name))
      throw new QuotaTargetsError(`QUOTA_TARGETS.${key}.${name} is not a setting (${fields.join(", ")})`);
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
      throw new QuotaTargetsError(`QUOTA_TARGETS.${key}.${name} must be a number ≥ 0`);
  }
  return entry as Entry;
}

/** QUOTA_TARGETS as written; throws with the setting at fault. */
export function parseQuotaTargets(text: string | undefined): QuotaTargetTable {
  const parsed = jsonObjectSetting(text, {
    notJson: () => new QuotaTargetsError("QUOTA_TARGETS must be JSON keyed by year"),
    notObject: () => new QuotaTargetsError("QUOTA_TARGETS must be a JSON object keyed by year"),
  });
  if (!parsed) return {};
  const table: Record<string, Entry> = {};
  for (const [key, entry] of Object.entries(parsed)) {
    if (key !== "default" && !/^\d{4}$/.test(key))
      throw new QuotaTargetsError(`QUOTA_TARGETS keys are years or "default", not ${key}`);
    table[key] = checkedEntry(key, entry);
  }
  return table;
}

export function quotaSettingsFor(year: number, table: QuotaTargetTable): QuotaSettings {
  const merged = { ...defaultTargets, ...defaultThresholds, ...table.default, ...table[String(year)] };
  return {
    targets: { consultations: merged.consultations, opinions: merged.opinions },
    thresholds: { atRiskQuartersBehind: merged.atRiskQuartersBehind },
  };
}
