/**
 * Tencent Cloud SMS against a local receiver that checks each request's TC3-HMAC-SHA256 signature
 * (the receiver's check is itself proven against the official SDK's requests), and answers success,
 * a refused number, throttling, a server error or nothing at all.
 */
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as tencentcloud from "tencentcloud-sdk-nodejs-sms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tencentSmsChannel } from "../../functions/notices/channels/tencent-sms";
import { providerTemplates, readDeliverySettings } from "../../functions/notices/delivery-settings";
import { providerTemplatesFor, smsNotice } from "../support/sms-notice";

const secretId = "AKIDlocaltest";
const secretKey = "local-secret-key";

interface Received {
  readonly body: Record<string, unknown>;
  readonly signatureValid: boolean;
}
const received: Received[] = [];

/** Tencent's documented check: rebuild the canonical request from what arrived and sign it again. */
function signatureValid(request: IncomingMessage, body: string): boolean {
  const authorization = String(request.headers.authorization ?? "");
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) return false;
  const [, id, date, service, signedHeaders, signature] = match as unknown as string[];
  const timestamp = String(request.headers["x-tc-timestamp"]);
  if (id !== secretId || new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date) return false;
  const hash = (text: string) => createHash("sha256").update(text).digest("hex");
  const host = String(request.headers.host).replace(/:\d+$/, "");
  const headers = (signedHeaders ?? "")
    .split(";")
    .map((name) => `${name}:${name === "host" ? host : String(request.headers[name]).trim().toLowerCase()}\n`)
    .join("");
  const url = new URL(request.url ?? "/", "http://local");
  const canonical = ["POST", url.pathname, url.search.slice(1), headers, signedHeaders, hash(body)].join(
    "\n",
  );
  const toSign = ["TC3-HMAC-SHA256", timestamp, `${date}/${service}/tc3_request`, hash(canonical)].join("\n");
  const mac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();
  const key = mac(mac(mac(`TC3${secretKey}`, date ?? ""), service ?? ""), "tc3_request");
  return createHmac("sha256", key).update(toSign).digest("hex") === signature;
}

/** What the receiver answers, by the number sent to. */
function answerFor(phone: string, serial: number): { status: number; json?: unknown } {
  const status = (Code: string, Message: string) => ({
    status: 200,
    json: {
      Response: {
        SendStatusSet: [{ Code, Message, SerialNo: `serial-${serial}`, PhoneNumber: phone }],
        RequestId: "r",
      },
    },
  });
  switch (phone) {
    case "+8613900000002":
      return status("InvalidParameterValue.IncorrectPhoneNumber", "incorrect phone number");
    case "+8613900000003":
      return {
        status: 200,
        json: { Response: { Error: { Code: "RequestLimitExceeded", Message: "too fast" }, RequestId: "r" } },
      };
    case "+8613900000004":
      return { status: 502 };
    default:
      return status("Ok", "send success");
  }
}

let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const body = JSON.parse(text) as Record<string, unknown>;
      const valid = signatureValid(request, text);
      received.push({ body, signatureValid: valid });
      const phone = String((body.PhoneNumberSet as string[] | undefined)?.[0]);
      if (phone === "+8613900000005") return; // never answers
      const answer = valid
        ? answerFor(phone, received.length)
        : {
            status: 200,
            json: { Response: { Error: { Code: "AuthFailure.SignatureFailure", Message: "bad signature" } } },
          };
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(answer.json ? JSON.stringify(answer.json) : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Each template registered at Tencent with its Chinese SMS text, its variables in their order there. */
const templates = providerTemplatesFor((index) => String(1_000_000 + index));

const channel = (overrides: { secretKey?: string; timeoutMs?: number } = {}) =>
  tencentSmsChannel({
    endpoint: `http://${endpoint}`,
    region: "ap-guangzhou",
    secretId,
    secretKey: overrides.secretKey ?? secretKey,
    appId: "1400000001",
    signName: "某县政协",
    templates,
    timeoutMs: overrides.timeoutMs ?? 2_000,
  });

const sms = (phone: string) => smsNotice(phone);

describe("the local receiver's signature check", () => {
  it("accepts a request signed by Tencent's official SDK", async () => {
    const client = new tencentcloud.sms.v20210111.Client({
      credential: { secretId, secretKey },
      region: "ap-guangzhou",
      profile: { httpProfile: { endpoint, protocol: "http://" } },
    });
    const answer = await client.SendSms({
      PhoneNumberSet: ["+8613900000001"],
      SmsSdkAppId: "1400000001",
      SignName: "某县政协",
      TemplateId: "1000000",
      TemplateParamSet: ["张委员"],
    });
    expect(received.at(-1)?.signatureValid).toBe(true);
    expect(answer.SendStatusSet?.[0]?.Code).toBe("Ok");
  });
});

describe("tencentSmsChannel", () => {
  it("sends the mapped template with our variables in its order, the signature and the notice id", async () => {
    const outcome = await channel().send(sms("13900000001"));
    expect(outcome).toMatchObject({ kind: "sent" });
    const request = received.at(-1);
    expect(request?.signatureValid).toBe(true);
    expect(request?.body).toEqual({
      PhoneNumberSet: ["+8613900000001"],
      SmsSdkAppId: "1400000001",
      SignName: "某县政协",
      TemplateId: templates.step_started?.id,
      // step_started's Chinese SMS: {recipientName} {title} {stepName} {deadline}
      TemplateParamSet: ["张委员", "路灯不亮", "收集议题", "2026-12-09 17:30"],
      SessionContext: "01J00000000000000000NOTICE",
    });
    expect(outcome.kind === "sent" && outcome.providerMessageId).toBe(`serial-${received.length}`);
  });

  it("a wrong key is refused by the receiver, and that is permanent", async () => {
    const outcome = await channel({ secretKey: "not-the-key" }).send(sms("13900000001"));
    expect(received.at(-1)?.signatureValid).toBe(false);
    expect(outcome).toMatchObject({ kind: "permanent" });
  });

  it("a refused number is permanent; throttling, a 5xx and silence are transient", async () => {
    expect(await channel().send(sms("13900000002"))).toMatchObject({
      kind: "permanent",
      error: /IncorrectPhoneNumber/,
    });
    expect(await channel().send(sms("13900000003"))).toMatchObject({
      kind: "transient",
      error: /RequestLimitExceeded/,
    });
    expect(await channel().send(sms("13900000004"))).toMatchObject({ kind: "transient", error: "HTTP 502" });
    expect(await channel({ timeoutMs: 300 }).send(sms("13900000005"))).toMatchObject({ kind: "transient" });
  });

  it("a recipient without a mobile number fails at once, without a request", async () => {
    const before = received.length;
    const { phone: _none, ...recipient } = sms("13900000001").recipient;
    expect(await channel().send({ ...sms("x"), recipient })).toMatchObject({ kind: "permanent" });
    expect(received).toHaveLength(before);
  });
});

describe("SMS settings, checked at start-up", () => {
  const env = {
    SMS_DELIVERY: "tencent",
    TENCENT_SECRET_ID: secretId,
    TENCENT_SECRET_KEY: secretKey,
    TENCENT_SMS_APP_ID: "1400000001",
    SMS_SIGNATURE: "【某县政协】",
    SMS_TEMPLATES: JSON.stringify(templates),
  };

  it("reads a complete setting, the signature without its 【】", () => {
    const settings = readDeliverySettings(env);
    expect(settings.sms).toMatchObject({ kind: "tencent", signName: "某县政协", region: "ap-guangzhou" });
  });

  it("refuses a template without a provider template, naming it", () => {
    const { escalation: _missing, ...partial } = templates;
    expect(() => providerTemplates(JSON.stringify(partial))).toThrow(/escalation: no template id/);
  });

  it("refuses parameters that are not the template's variables, and what is not JSON", () => {
    const wrong = { ...templates, topic_closed: { id: "1", params: ["password"] } };
    expect(() => providerTemplates(JSON.stringify(wrong))).toThrow(/topic_closed: params must be some of/);
    expect(() => providerTemplates("{")).toThrow(/SMS_TEMPLATES must be JSON/);
  });

  it("spares the digest a provider template only while no daily cap can fold SMS into one", () => {
    const { notice_digest: _digest, ...withoutDigest } = templates;
    expect(() => providerTemplates(JSON.stringify(withoutDigest))).toThrow(/notice_digest: no template id/);
    expect(providerTemplates(JSON.stringify(withoutDigest), false)).toEqual(withoutDigest);
    expect(() =>
      readDeliverySettings({ ...env, SMS_TEMPLATES: JSON.stringify(withoutDigest), SMS_DAILY_CAP: "off" }),
    ).not.toThrow();
  });

  it("refuses a missing credential, naming it", () => {
    expect(() => readDeliverySettings({ ...env, TENCENT_SECRET_KEY: "" })).toThrow(/TENCENT_SECRET_KEY/);
  });
});
