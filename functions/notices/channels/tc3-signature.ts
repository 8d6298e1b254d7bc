/**
 * Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256), as Tencent's SDKs do it: a canonical request
 * of the method, path, query, the signed headers (content-type, host) and the body's hash; a string to
 * sign scoped to the day and service; a key derived from the secret through the day, the service and
 * `tc3_request`. Checked against the official SDK's signatures in test/local/tencent-sms.test.ts.
 */
import { createHash, createHmac } from "node:crypto";

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text, "utf8").digest();

export interface Tc3Request {
  readonly url: URL;
  readonly body: string;
  readonly contentType: string;
  /** Seconds since the epoch (X-TC-Timestamp). */
  readonly timestamp: number;
  /** `sms` for SMS. */
  readonly service: string;
  readonly secretId: string;
  readonly secretKey: string;
}

/** The Authorization header for a POST. */
export function tc3Authorization(request: Tc3Request): string {
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = "content-type;host";
  const canonicalRequest = [
    "POST",
    request.url.pathname,
    request.url.search.slice(1),
    `content-type:${request.contentType}\nhost:${request.url.hostname}\n`,
    signedHeaders,
    sha256Hex(request.body),
  ].join("\n");
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = [
    "TC3-HMAC-SHA256",
    String(request.timestamp),
    scope,
    sha256Hex(canonicalRequest),
  ].join("\n");
  const signingKey = hmac(hmac(hmac(`TC3${request.secretKey}`, date), request.service), "tc3_request");
  const signature = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest("hex");
  return `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}
