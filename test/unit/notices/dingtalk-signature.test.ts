/**
 * DingTalk's 加签 against the value of DingTalk's own Python sample (hmac.new(secret, f"{timestamp}\n
 * {secret}", sha256), base64, urllib.parse.quote_plus), computed with Python for this vector — one whose
 * sign holds a + and an =, the characters an unencoded query would spoil.
 */
import { describe, expect, it } from "vitest";
import { dingtalkSign, signedDingtalkUrl } from "../../../functions/notices/channels/dingtalk-signature";

const secret = "SECb5d2a1f0c3e4d5b6a7980f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4";
const timestamp = 1_767_225_600_000;

describe("DingTalk's robot signature", () => {
  it("is Base64(HmacSHA256(secret, timestamp + newline + secret))", () => {
    expect(dingtalkSign(secret, timestamp)).toBe("ga6TRuO0t83S9879GDdrxrGMAb1Mj+SiNtd29qh7Bmo=");
  });

  it("goes into the webhook's query with the timestamp, encoded as quote_plus encodes it", () => {
    const url = signedDingtalkUrl(
      "https://oapi.dingtalk.com/robot/send?access_token=abc123",
      secret,
      new Date(timestamp),
    );
    expect(url.search).toBe(
      "?access_token=abc123&timestamp=1767225600000&sign=ga6TRuO0t83S9879GDdrxrGMAb1Mj%2BSiNtd29qh7Bmo%3D",
    );
  });

  it("leaves the webhook alone for a robot without a secret", () => {
    const webhook = "https://oapi.dingtalk.com/robot/send?access_token=abc123";
    expect(signedDingtalkUrl(webhook, undefined, new Date(timestamp)).href).toBe(webhook);
  });
});
