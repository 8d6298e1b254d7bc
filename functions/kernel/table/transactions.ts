/** Helpers for reading why DynamoDB refused a write. */
import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { ThrottledError } from "../../domain/errors";

/** For a cancelled transaction, which of its items failed their condition (by position). */
export function failedConditions(error: unknown): boolean[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => reason.Code === "ConditionalCheckFailed");
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

const throttlingNames = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
]);

/**
 * A transaction cancelled because another transaction held one of its items, or throttled after the
 * SDK's own retries: the caller may try again later (429).
 */
export function asThrottle(error: unknown): ThrottledError | undefined {
  if (!(error instanceof Error)) return undefined;
  if (throttlingNames.has(error.name)) return new ThrottledError(error.name);
  if (error instanceof TransactionCanceledException) {
    const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
    if (codes.includes("TransactionConflict") || codes.includes("ThrottlingError")) {
      return new ThrottledError("transaction conflict");
    }
  }
  return undefined;
}

/** Tries of an update without If-Match before it gives up on a hot item (each try reads afresh). */
export const maxUpdateAttempts = 6;
