/**
 * DingTalk's 加签 for a custom robot: `sign` = Base64(HmacSHA256(key = secret, data = timestamp + "\n" +
 * secret)), the timestamp in milliseconds; both go in the query string, `sign` URL-encoded. DingTalk
 * refuses a timestamp more than an hour from its own clock (errcode 310000).
 */
import { createHmac } from "node:crypto";

export const dingtalkSign = (secret: string, timestampMs: number): string =>
  createHmac("sha256", secret).update(`${timestampMs}\n${secret}`, "utf8").digest("base64");

/** The robot's webhook with `timestamp` and `sign` added (URLSearchParams encodes `+`, `/` and `=`). */
export function signedDingtalkUrl(webhook: string, secret: string | undefined, now: Date): URL {
  const url = new URL(webhook);
  if (secret === undefined) return url;
  const timestamp = now.getTime();
  url.searchParams.set("timestamp", String(timestamp));
  url.searchParams.set("sign", dingtalkSign(secret, timestamp));
  return url;
}
