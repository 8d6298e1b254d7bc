/** The one way to write a transaction, and to read why DynamoDB refused one. */
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from "@aws-sdk/client-dynamodb";
import { ThrottledError } from "../../domain/errors";
import { dynamodb } from "./client";

/**
 * What became of a transaction: committed, or refused because some of its conditions failed (`failed`
 * says which, by position in the list of writes). Throttles, and clashes with other transactions that
 * persist through a few tries, throw ThrottledError (the caller may try later); anything else throws
 * as it came.
 */
export type TransactionOutcome =
  | { readonly committed: true }
  | { readonly committed: false; readonly failed: readonly boolean[] };

/**
 * Tries of a transaction that clashed with another on one of its items (TransactionConflict): nothing
 * of it was written, so it is sent again, after a short random pause, before the caller is told to
 * retry. Hot items (a station's tally, a topic mid-step) clash under concurrent writers.
 */
const conflictTries = 8;

const isConflictOnly = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) => reason.Code === "TransactionConflict");

export async function writeTransaction(writes: readonly TransactWriteItem[]): Promise<TransactionOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dynamodb().send(new TransactWriteItemsCommand({ TransactItems: [...writes] }));
      return { committed: true };
    } catch (error) {
      const failed = failedConditions(error);
      if (failed?.some(Boolean)) return { committed: false, failed };
      if (!isConflictOnly(error) || attempt >= conflictTries) throw asThrottle(error) ?? error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 5)));
    }
  }
}

/** For a cancelled transaction, which of its items failed their condition (by position). */
function failedConditions(error: unknown): boolean[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => reason.Code === "ConditionalCheckFailed");
}

/** A single-item write refused by its condition (outside a transaction). */
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
