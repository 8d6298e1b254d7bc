/** The quota's settings of a year, from QUOTA_TARGETS (read once per process; a bad value fails loudly). */
import {
  parseQuotaTargets,
  type QuotaSettings,
  type QuotaTargetTable,
  quotaSettingsFor,
} from "../../domain/quota/targets";

let table: QuotaTargetTable | undefined;

export function quotaSettings(year: number): QuotaSettings {
  table ??= parseQuotaTargets(process.env.QUOTA_TARGETS);
  return quotaSettingsFor(year, table);
}
