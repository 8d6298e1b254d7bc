/**
 * Alibaba Cloud SMS against a local receiver that checks each request's ACS3-HMAC-SHA256 signature
 * (the receiver's check is itself proven against the official SDK's requests), and answers success,
 * a refused number, flow control, throttling, a server error or nothing at all.
 */
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Dysmsapi, { SendSmsRequest } from "@alicloud/dysmsapi20170525";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aliyunSmsChannel } from "../../functions/notices/channels/aliyun-sms";
import { channelsFor } from "../../functions/notices/channels/choose";
import { readDeliverySettings } from "../../functions/notices/delivery-settings";
import { providerTemplatesFor, smsNotice } from "../support/sms-notice";

const accessKeyId = "LTAIlocaltest";
const accessKeySecret = "local-access-key-secret";

interface Received {
  /** The query's parameters and a form body's, as Alibaba reads an RPC call's. */
  readonly params: Record<string, string>;
  readonly body: string;
  readonly signatureValid: boolean;
}
const received: Received[] = [];

const hash = (text: string) => createHash("sha256").update(text).digest("hex");
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Alibaba's documented check: rebuild the canonical request from what arrived and sign it again. */
function signatureValid(request: IncomingMessage, body: string): boolean {
  const authorization = String(request.headers.authorization ?? "");
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
    authorization,
  );
  if (!match) return false;
  const [, id, signedHeaders = "", signature] = match;
  const names = signedHeaders.split(";");
  const required = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce"];
  if (id !== accessKeyId || required.some((name) => !names.includes(name))) return false;
  if (request.headers["x-acs-content-sha256"] !== hash(body)) return false;
  const url = new URL(request.url ?? "/", "http://local");
  const query = [...url.searchParams]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join("&");
  const headers = names.map((name) => `${name}:${String(request.headers[name] ?? "").trim()}\n`).join("");
  const canonical = ["POST", url.pathname, query, headers, signedHeaders, hash(body)].join("\n");
  const toSign = `ACS3-HMAC-SHA256\n${hash(canonical)}`;
  return createHmac("sha256", accessKeySecret).update(toSign).digest("hex") === signature;
}

/** What the receiver answers, by the number sent to. */
function answerFor(phone: string, serial: number): { status: number; json?: unknown } {
  const answer = (Code: string, Message: string, status = 200) => ({
    status,
    json: {
      Code,
      Message,
      RequestId: `request-${serial}`,
      ...(Code === "OK" ? { BizId: `biz-${serial}` } : {}),
    },
  });
  switch (phone) {
    case "13900000002":
      return answer("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
    case "13900000003":
      return answer("isv.BUSINESS_LIMIT_CONTROL", "触发小时级流控Permits:5");
    case "13900000004":
      return { status: 502 };
    case "13900000006":
      // The gateway's throttling is an HTTP 400 with its code in the body.
      return answer("Throttling.User", "Request was denied due to user flow control.", 400);
    default:
      return answer("OK", "OK");
  }
}

function receive(request: IncomingMessage, text: string): Received {
  const params = Object.fromEntries(new URL(request.url ?? "/", "http://local").searchParams);
  const form = String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded");
  if (form) Object.assign(params, Object.fromEntries(new URLSearchParams(text)));
  return { params, body: text, signatureValid: signatureValid(request, text) };
}

let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const arrived = receive(request, Buffer.concat(chunks).toString("utf8"));
      received.push(arrived);
      const phone = String(arrived.params.PhoneNumbers);
      if (phone === "13900000005") return; // never answers
      const answer = arrived.signatureValid
        ? answerFor(phone, received.length)
        : {
            status: 400,
            json: { Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched." },
          };
      response.writeHead(answer.status, { "content-type": "application/json;charset=utf-8" });
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

/** Each template registered at Alibaba with its Chinese SMS text, its variables as parameters there. */
const templates = providerTemplatesFor((index) => `SMS_${100_000_000 + index}`);

const channel = (overrides: { accessKeySecret?: string; timeoutMs?: number } = {}) =>
  aliyunSmsChannel({
    endpoint: `http://${endpoint}`,
    accessKeyId,
    accessKeySecret: overrides.accessKeySecret ?? accessKeySecret,
    signName: "某县政协",
    templates,
    timeoutMs: overrides.timeoutMs ?? 2_000,
  });

const sms = (phone: string) => smsNotice(phone, "路灯不亮 (北街)");

describe("the local receiver's signature check", () => {
  it("accepts a request signed by Alibaba's official SDK, which sends SendSms's parameters in the query", async () => {
    type Config = ConstructorParameters<typeof Dysmsapi>[0];
    const config = { accessKeyId, accessKeySecret, endpoint, protocol: "http" } satisfies Partial<Config>;
    const client = new Dysmsapi(config as Config);
    const answer = await client.sendSms(
      new SendSmsRequest({
        phoneNumbers: "13900000001",
        signName: "某县政协",
        templateCode: "SMS_100000000",
        templateParam: JSON.stringify({ recipientName: "张委员 (主任)" }),
        outId: "notice-1",
      }),
    );
    expect(received.at(-1)).toMatchObject({
      signatureValid: true,
      body: "",
      params: { PhoneNumbers: "13900000001", TemplateParam: '{"recipientName":"张委员 (主任)"}' },
    });
    expect(answer.body?.code).toBe("OK");
  });
});

describe("aliyunSmsChannel", () => {
  it("sends the mapped template with our variables, the signature and the notice id", async () => {
    const outcome = await channel().send(sms("13900000001"));
    expect(outcome).toMatchObject({ kind: "sent" });
    const request = received.at(-1);
    expect(request?.signatureValid).toBe(true);
    expect(request?.params).toEqual({
      PhoneNumbers: "13900000001",
      SignName: "某县政协",
      TemplateCode: templates.step_started?.id,
      TemplateParam: JSON.stringify({
        recipientName: "张委员",
        title: "路灯不亮 (北街)",
        stepName: "收集议题",
        deadline: "2026-12-09 17:30",
      }),
      OutId: "01J00000000000000000NOTICE",
    });
    expect(outcome.kind === "sent" && outcome.providerMessageId).toBe(`biz-${received.length}`);
  });

  it("a wrong secret is refused by the receiver, and that is permanent", async () => {
    const outcome = await channel({ accessKeySecret: "not-the-secret" }).send(sms("13900000001"));
    expect(received.at(-1)?.signatureValid).toBe(false);
    expect(outcome).toMatchObject({ kind: "permanent", error: /SignatureDoesNotMatch/ });
  });

  it("an illegal number is permanent; flow control, throttling, a 5xx and silence are transient", async () => {
    expect(await channel().send(sms("13900000002"))).toMatchObject({
      kind: "permanent",
      error: /isv\.MOBILE_NUMBER_ILLEGAL/,
    });
    expect(await channel().send(sms("13900000003"))).toMatchObject({
      kind: "transient",
      error: /isv\.BUSINESS_LIMIT_CONTROL/,
    });
    expect(await channel().send(sms("13900000006"))).toMatchObject({
      kind: "transient",
      error: /Throttling\.User/,
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

describe("Alibaba Cloud SMS settings, checked at start-up", () => {
  const env = {
    SMS_DELIVERY: "aliyun",
    ALIYUN_ACCESS_KEY_ID: accessKeyId,
    ALIYUN_ACCESS_KEY_SECRET: accessKeySecret,
    SMS_SIGNATURE: "【某县政协】",
    SMS_TEMPLATES: JSON.stringify(templates),
  };

  it("reads a complete setting, the signature without its 【】 and Alibaba's endpoint by default", () => {
    expect(readDeliverySettings(env).sms).toMatchObject({
      kind: "aliyun",
      signName: "某县政协",
      endpoint: "https://dysmsapi.aliyuncs.com",
      templates,
    });
  });

  it("sends through the chosen adapter, to ALIYUN_SMS_ENDPOINT when set", async () => {
    const settings = readDeliverySettings({ ...env, ALIYUN_SMS_ENDPOINT: `http://${endpoint}` });
    expect(await channelsFor(settings).sms.send(sms("13900000001"))).toMatchObject({ kind: "sent" });
    expect(received.at(-1)?.signatureValid).toBe(true);
  });

  it("refuses a missing credential, naming it, and an unknown provider, naming the known ones", () => {
    expect(() => readDeliverySettings({ ...env, ALIYUN_ACCESS_KEY_SECRET: "" })).toThrow(
      /ALIYUN_ACCESS_KEY_SECRET/,
    );
    expect(() => readDeliverySettings({ ...env, SMS_TEMPLATES: "{}" })).toThrow(/SMS_TEMPLATES/);
    expect(() => readDeliverySettings({ ...env, SMS_DELIVERY: "huawei" })).toThrow(
      /outbox, sns, tencent or aliyun/,
    );
  });
});
