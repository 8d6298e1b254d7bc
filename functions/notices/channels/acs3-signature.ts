/**
 * Alibaba Cloud API signature V3 (ACS3-HMAC-SHA256), as Alibaba's SDKs (`@alicloud/openapi-core`) do
 * it: a canonical request of the method, path, sorted and percent-encoded query, the signed headers
 * (host and every x-acs-* header, sorted) and the body's hash; the string to sign is the algorithm and
 * the canonical request's hash; the signature is its HMAC-SHA256 under the AccessKey secret. Checked
 * against the official SDK's requests in test/local/aliyun-sms.test.ts.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";

const algorithm = "ACS3-HMAC-SHA256";

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** RFC 3986 percent-encoding: `encodeURIComponent` plus the five characters it leaves as they are. */
export const acsEncode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Parameters by name, each encoded: the canonical query string, and the query a request sends. */
export const acsQuery = (params: Readonly<Record<string, string>>) =>
  Object.keys(params)
    .sort()
    .map((name) => `${acsEncode(name)}=${acsEncode(params[name] ?? "")}`)
    .join("&");

export interface Acs3Request {
  /** The endpoint and path, the parameters in its query. */
  readonly url: URL;
  /** `SendSms` (x-acs-action). */
  readonly action: string;
  /** The API version, `2017-05-25` for SMS (x-acs-version). */
  readonly version: string;
  /** Empty for an RPC call whose parameters travel in the query, as the SDK sends SendSms. */
  readonly body: string;
  readonly date: Date;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Unique per request (x-acs-signature-nonce): Alibaba refuses a nonce it has seen. */
  readonly nonce?: string;
}

/** The headers of a signed POST: the x-acs-* ones and Authorization (host is the URL's, set by `fetch`). */
export function acs3Headers(request: Acs3Request): Record<string, string> {
  const signed: Record<string, string> = {
    host: request.url.host,
    "x-acs-action": request.action,
    "x-acs-content-sha256": sha256Hex(request.body),
    "x-acs-date": request.date.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": request.nonce ?? randomBytes(16).toString("hex"),
    "x-acs-version": request.version,
  };
  const names = Object.keys(signed).sort();
  const query = acsQuery(Object.fromEntries(request.url.searchParams));
  const canonicalRequest = [
    "POST",
    request.url.pathname,
    query,
    names.map((name) => `${name}:${signed[name]}\n`).join(""),
    names.join(";"),
    signed["x-acs-content-sha256"],
  ].join("\n");
  const stringToSign = `${algorithm}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac("sha256", request.accessKeySecret).update(stringToSign, "utf8").digest("hex");
  const { host: _setByFetch, ...headers } = signed;
  return {
    ...headers,
    authorization: `${algorithm} Credential=${request.accessKeyId},SignedHeaders=${names.join(";")},Signature=${signature}`,
  };
}
