/**
 * The sender's cost protection, step by step (decision 0019): a notice its recipient wants in a
 * digest is folded into it; an SMS past its recipient's daily cap is folded into the next morning's
 * digest; an SMS past the county's rate waits for the next minute. `go` lets the attempt happen.
 */
import {
  type CostLimits,
  countsTowardCap,
  countyDay,
  digestDayFor,
  digestDueAt,
  type FoldReason,
  foldsByPreference,
  rateWindow,
} from "../domain/notices/cost-protection";
import type { DeliveryStatus } from "../domain/notices/delivery";
import { countTowardCap, foldIntoDigest, takeMinuteSlot } from "./cost-guard";
import { holdNotification } from "./delivery-store";
import { newDigest } from "./digest";
import type { NotificationRecord } from "./notifier";

export interface CostDeps {
  readonly settings: {
    readonly urgentTemplates: ReadonlySet<string>;
    readonly costLimits: CostLimits;
  };
  readonly timeZone: string;
  readonly now: () => Date;
}

/** What a cost rule came to: the attempt goes ahead, or the notice's new status (undefined: claim lost). */
type Verdict = "go" | DeliveryStatus | undefined;

async function fold(claimed: NotificationRecord, reason: FoldReason, deps: CostDeps): Promise<Verdict> {
  const now = deps.now();
  const day = digestDayFor(now, deps.settings.costLimits, deps.timeZone);
  const digest = newDigest(
    claimed,
    reason,
    day,
    digestDueAt(day, deps.settings.costLimits, deps.timeZone),
    now,
  );
  const outcome = await foldIntoDigest({ ...claimed, foldReason: reason }, digest, now);
  if (outcome === "folded") return "folded";
  // The day's digest went out already (a clock at the edge of the day): this one goes itself.
  return outcome === "gone" ? "go" : undefined;
}

export function foldByPreference(claimed: NotificationRecord, deps: CostDeps): Promise<Verdict> {
  return foldsByPreference(claimed, deps.settings.urgentTemplates)
    ? fold(claimed, "digest", deps)
    : Promise.resolve("go");
}

export async function guardSmsCost(claimed: NotificationRecord, deps: CostDeps): Promise<Verdict> {
  const limits = deps.settings.costLimits;
  const now = deps.now();
  const day = countyDay(now, deps.timeZone);
  const counts = countsTowardCap(claimed, limits, deps.settings.urgentTemplates);
  if (counts && claimed.countedOn !== day && limits.smsDailyCap !== undefined) {
    const counted = await countTowardCap(claimed, day, limits.smsDailyCap, now);
    if (counted === "lost") return undefined;
    if (counted === "over") return fold(claimed, "daily_cap", deps);
  }
  if (claimed.channel !== "sms" || limits.smsPerMinute === undefined) return "go";
  const window = rateWindow(now);
  if (await takeMinuteSlot(window.minute, limits.smsPerMinute, now)) return "go";
  return (await holdNotification(claimed, window.next)) ? "held" : undefined;
}
