/**
 * The settings of running a deployment (decision 0026): where alarms go, how long delivered notices
 * and backups are kept, and which key encrypts the table. Read from context beside the others.
 */
import { SettingsError } from "./settings-error";

export type TableKey = "aws-managed" | "customer";

export interface OperationsSettings {
  /** An address subscribed to the alerts topic (it confirms by e-mail); none by default. */
  readonly alertEmail?: string;
  /** Days a delivered (sent or folded) notice stays in the table before DynamoDB's TTL removes it. */
  readonly noticeRetentionDays: number;
  /** Days an AWS Backup recovery point of the table is kept (beside point-in-time recovery's 35 days). */
  readonly backupRetentionDays: number;
  /** `aws-managed` (DynamoDB's own key) or `customer` (a customer-managed KMS key, rotated yearly). */
  readonly tableKey: TableKey;
}

export const defaultOperationsSettings: OperationsSettings = {
  noticeRetentionDays: 400,
  backupRetentionDays: 35,
  tableKey: "aws-managed",
};

type Text = (key: string) => string | undefined;

const positiveInteger = (key: string, value: string | undefined, max: number): number | undefined => {
  if (value === undefined || value === "") return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max)
    throw new SettingsError(`${key} must be a whole number of days from 1 to ${max}, not ${value}`);
  return parsed;
};

/** The operations settings from context (`text` reads one key as trimmed text), checked. */
export function operationsFromContext(text: Text): OperationsSettings {
  const alertEmail = text("alertEmail") || undefined;
  if (alertEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(alertEmail))
    throw new SettingsError(`alertEmail "${alertEmail}" is not an e-mail address`);
  const tableKey = text("tableKey") || defaultOperationsSettings.tableKey;
  if (tableKey !== "aws-managed" && tableKey !== "customer")
    throw new SettingsError(`tableKey must be aws-managed or customer, not ${tableKey}`);
  return {
    ...(alertEmail ? { alertEmail } : {}),
    noticeRetentionDays:
      positiveInteger("noticeRetentionDays", text("noticeRetentionDays"), 3650) ??
      defaultOperationsSettings.noticeRetentionDays,
    // AWS Backup keeps a recovery point for at most 100 years; a county needs far less.
    backupRetentionDays:
      positiveInteger("backupRetentionDays", text("backupRetentionDays"), 3650) ??
      defaultOperationsSettings.backupRetentionDays,
    tableKey,
  };
}
