/**
 * The rules every notice follows whatever its provider, from CDK context, as the environment of every
 * function: the senders apply quiet hours, urgent templates and the cost limits (decision 0019); the
 * functions that record notices link them to the console. Checked at synth with the runtime's own
 * rules, so a typo fails `cdk synth`, not the first morning's reminders.
 *
 *   -c noticeQuietHours=21:00-08:00 -c noticeUrgentTemplates=escalation -c smsDailyCap=10
 *   -c smsPerMinute=100 -c noticeDigestHour=08:00 -c consoleUrl=https://hsl.example.gov.cn
 */
import { ConfigurationError, readConfig } from "../functions/kernel/config";
import { readNoticeRules } from "../functions/notices/delivery-settings";
import { SettingsError } from "./settings-error";

export const noticeRuleKeys = {
  noticeQuietHours: "NOTICE_QUIET_HOURS",
  noticeUrgentTemplates: "NOTICE_URGENT_TEMPLATES",
  smsDailyCap: "SMS_DAILY_CAP",
  smsPerMinute: "SMS_PER_MINUTE",
  noticeDigestHour: "NOTICE_DIGEST_HOUR",
  consoleUrl: "CONSOLE_URL",
} as const;

/** The environment the given context keys make, after checking it as the functions will. */
export function noticeRulesFromContext(read: (key: string) => string | undefined): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, variable] of Object.entries(noticeRuleKeys)) {
    const value = read(key);
    if (value) environment[variable] = value;
  }
  try {
    readNoticeRules(environment);
    readConfig({ ...environment, TABLE_NAME: "synth" });
  } catch (error) {
    if (error instanceof ConfigurationError) throw new SettingsError(`notice rules: ${error.message}`);
    throw error;
  }
  return environment;
}
