/**
 * What the AWS channels (SES, SNS) share: a client that makes one request per attempt, and the rule
 * from an SDK error to an outcome.
 */
import type { AttemptOutcome } from "../../domain/notices/delivery";

/** The settings every AWS channel takes: a region other than the function's, and a test endpoint. */
export interface AwsChannelSettings {
  /** @default the function's region (AWS_REGION) */
  readonly region?: string;
  /** Another endpoint than the service's own (a local receiver in tests). */
  readonly endpoint?: string;
  /** Give up on one attempt after this long (a transient failure, retried later). @default 10 s */
  readonly timeoutMs?: number;
}

/**
 * A client's settings: one request per attempt (`maxAttempts: 1`). The SDK would otherwise retry a
 * timed-out request that the service may have accepted, and neither SES nor SNS has an idempotency
 * key to catch that; the sender's own retries (30 s … 2 h) take over instead (decision 0018).
 */
export const clientSettings = (settings: AwsChannelSettings) => ({
  maxAttempts: 1,
  ...(settings.region ? { region: settings.region } : {}),
  ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
});

/** The signal that ends one attempt. */
export const attemptSignal = (settings: AwsChannelSettings) =>
  AbortSignal.timeout(settings.timeoutMs ?? 10_000);

/**
 * An SDK error as an outcome. Transient: no answer at all (a timeout, a network failure), a 5xx or a
 * 429, or an error whose name `transientNames` matches (throttling). Any other 4xx is final.
 */
export function awsErrorOutcome(error: unknown, transientNames: RegExp): AttemptOutcome {
  const { name, message, $metadata } = error as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const text = `${name ?? "Error"}: ${message ?? String(error)}`;
  const status = $metadata?.httpStatusCode;
  const final =
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    status !== 429 &&
    !transientNames.test(name ?? "");
  return { kind: final ? "permanent" : "transient", error: text };
}
