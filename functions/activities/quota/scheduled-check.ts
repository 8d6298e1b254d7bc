/**
 * The scheduled quarterly check (decision 0022): EventBridge Scheduler (and locally the local
 * scheduler) calls it at 09:00 on each of a quarter's first ten days; it checks only on the quarter's
 * first working day, by the county's holiday calendars, and says why it did nothing otherwise.
 */
import { isFirstWorkingDayOfQuarter } from "../../domain/quota/check";
import { localDate } from "../../domain/topics/calendar";
import { config } from "../../kernel/config";
import { calendarsInForce } from "../../topics/store/calendars";
import { emitCheckMetric, type QuotaCheckServices, runQuotaCheck } from "./check";

export type ScheduledCheckOutcome =
  | { readonly skipped: "not_first_working_day"; readonly today: string }
  | { readonly checkId: string | undefined; readonly ran: boolean; readonly notices: number };

export async function scheduledQuotaCheck(services: QuotaCheckServices): Promise<ScheduledCheckOutcome> {
  const today = localDate(services.now(), config().timeZone);
  if (!isFirstWorkingDayOfQuarter(today, await calendarsInForce()))
    return { skipped: "not_first_working_day", today };
  emitCheckMetric("QuotaCheckDue");
  const { check, ran } = await runQuotaCheck(services, { trigger: "schedule" });
  // Done earlier (the county office ran it, or a retry found it done): the quarter's check happened.
  if (!ran && check?.status === "done") emitCheckMetric("QuotaCheckCompleted");
  return { checkId: check?.id, ran, notices: ran ? (check?.notices ?? 0) : 0 };
}
