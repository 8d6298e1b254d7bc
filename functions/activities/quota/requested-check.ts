/**
 * The quarterly check the county office asks for (POST /quota-checks): claimed by the request, so that
 * one run holds it, and handed to the scheduled jobs' function to run there, unhurried (decision 0022).
 * The request's claim lasts only long enough for the hand-over; the run takes it over with a lease
 * of its own, and a hand-over that never arrives lets the check be claimed again once it lapses.
 * The current quarter's check, once done, runs again when asked for again; an earlier one does not.
 */
import { checkPeriod } from "../../domain/quota/check";
import { config } from "../../kernel/config";
import { logInfo } from "../../kernel/log";
import { claimCheck, type QuotaCheck, releaseCheck, takeOverCheck } from "../store/quota-checks";
import {
  checkLeaseMs,
  checkRecordOf,
  type QuotaCheckOutcome,
  type QuotaCheckServices,
  runClaimedQuotaCheck,
} from "./check";
import type { CheckLauncher, RequestedCheck } from "./check-launcher";

/** Long enough for an asynchronous invocation to start even when Lambda queues it for a while. */
export const handOverLeaseMs = 5 * 60_000;

export type CheckRequestOutcome =
  /** Claimed now and handed on: it runs elsewhere. */
  | { readonly state: "launched"; readonly check: QuotaCheck }
  /** Claimed earlier and not finished: running elsewhere, or handed on and about to. */
  | { readonly state: "running"; readonly check: QuotaCheck | undefined }
  | { readonly state: "done"; readonly check: QuotaCheck };

export async function requestQuotaCheck(
  services: { readonly now: () => Date; readonly launcher: CheckLauncher },
  asOf: Date,
): Promise<CheckRequestOutcome> {
  const { timeZone } = config();
  const period = checkPeriod(asOf, timeZone);
  const record = checkRecordOf(period, "request", asOf);
  // The current quarter's check, asked for again, runs again: figures recorded since count (decision
  // 0022, addendum). A past quarter's check stays as it was found then.
  const current = checkPeriod(services.now(), timeZone).checkId === period.checkId;
  const claim = await claimCheck(record, services.now(), handOverLeaseMs, current);
  if (!claim.claimed) {
    // Not claimed: someone holds it, or it is done (claimCheck read it back after the refusal).
    const { check } = claim;
    return check?.status === "done" ? { state: "done", check } : { state: "running", check };
  }
  const { claimId } = claim;
  try {
    await services.launcher.launch({
      job: "quarterlyCheck",
      requested: { checkId: period.checkId, claimId, asOf: record.asOf },
    });
  } catch (error) {
    // Not handed on: asked again at once, it is claimed again rather than after the lease.
    await releaseCheck(period.checkId, services.now());
    throw error;
  }
  logInfo("quota check handed on", { checkId: period.checkId });
  return { state: "launched", check: claim.check };
}

export type RequestedCheckOutcome =
  | QuotaCheckOutcome
  | { readonly check: undefined; readonly ran: false; readonly superseded: string };

/** The jobs' function's half: takes the request's claim over and runs the check. */
export async function runRequestedCheck(
  services: QuotaCheckServices,
  requested: RequestedCheck,
): Promise<RequestedCheckOutcome> {
  const { checkId, claimId } = requested;
  const taken = await takeOverCheck(checkId, claimId, services.now(), checkLeaseMs);
  // Done, or claimed by another run since the hand-over lapsed: that run answers for it.
  if (!taken) return { check: undefined, ran: false, superseded: checkId };
  return runClaimedQuotaCheck(services, checkPeriod(new Date(requested.asOf), config().timeZone));
}
