/**
 * Amazon SES (v2 SendEmail) against a local receiver that checks each request's SigV4 signature from
 * the test key's secret (test/support/aws-receiver.ts) and answers, by recipient: success, throttling,
 * a rejected message, a server error, or nothing at all.
 */
import { describe, expect, it } from "vitest";
import { channelsFor } from "../../functions/notices/channels/choose";
import { sesEmailChannel } from "../../functions/notices/channels/ses-email";
import { readDeliverySettings } from "../../functions/notices/delivery-settings";
import type { NotificationRecord } from "../../functions/notices/notifier";
import { type Answer, type ReceivedRequest, useAwsReceiver } from "../support/aws-receiver";

const accessKeyId = "AKIALOCALSESTEST";
const secretAccessKey = "local-ses-secret";

const json = (status: number, body: unknown, errorType?: string): Answer => ({
  status,
  headers: { "content-type": "application/json", ...(errorType ? { "x-amzn-ErrorType": errorType } : {}) },
  body: JSON.stringify(body),
});

interface SendEmailBody {
  readonly FromEmailAddress: string;
  readonly Destination: { readonly ToAddresses: string[] };
  readonly Content: {
    readonly Simple: {
      readonly Subject: { Data: string; Charset: string };
      readonly Body: { Text: { Data: string; Charset: string } };
      readonly Headers: { Name: string; Value: string }[];
    };
  };
  readonly EmailTags?: { Name: string; Value: string }[];
  readonly ConfigurationSetName?: string;
}

const bodyOf = (request: ReceivedRequest | undefined) => JSON.parse(request?.body ?? "{}") as SendEmailBody;

/** What the receiver answers, by the recipient's address. */
function answerFor(request: ReceivedRequest): Answer | undefined {
  if (request.signatureProblem)
    return json(403, { message: request.signatureProblem }, "SignatureDoesNotMatch");
  const to = /<([^>]+)>$/.exec(bodyOf(request).Destination.ToAddresses[0] ?? "")?.[1];
  switch (to) {
    case "throttled@example.cn":
      return json(429, { message: "Maximum sending rate exceeded." }, "TooManyRequestsException");
    case "rejected@example.cn":
      return json(400, { message: "Email address is not verified." }, "MessageRejected");
    case "paused@example.cn":
      return json(400, { message: "Sending paused for this account." }, "SendingPausedException");
    case "broken@example.cn":
      return { status: 503 };
    case "silent@example.cn":
      return undefined;
    default:
      return json(200, { MessageId: `ses-message-${request.url.length}` });
  }
}

const local = useAwsReceiver(accessKeyId, secretAccessKey, answerFor);

const channel = (overrides: { timeoutMs?: number; configurationSet?: string } = {}) =>
  sesEmailChannel({
    from: "县政协办公室 <noreply@example.cn>",
    region: "us-east-1",
    endpoint: local.current().url,
    timeoutMs: overrides.timeoutMs ?? 2_000,
    ...(overrides.configurationSet ? { configurationSet: overrides.configurationSet } : {}),
  });

const mail = (email: string): NotificationRecord => ({
  id: "01J00000000000000000NOTICE",
  idempotencyKey: "k",
  recipient: { id: `person:${email}`, name: "张委员", email },
  channel: "email",
  templateId: "step_started",
  language: "zh-CN",
  subject: "议题进入新环节：路灯不亮",
  text: "张委员：\n议题「路灯不亮」进入收集议题环节，请于 2026-12-09 17:30 前完成。",
  status: "sending",
  createdAt: "2026-12-02T04:00:00.000Z",
});

const encoded = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString("base64")}?=`;

describe("sesEmailChannel", () => {
  it("sends a signed SendEmail: the recipient, the subject and text in UTF-8, the From, the notice id", async () => {
    const outcome = await channel({ configurationSet: "notices" }).send(mail("ok@example.cn"));
    const request = local.current().received.at(-1);
    expect(request?.signatureProblem).toBeUndefined();
    expect(request).toMatchObject({ method: "POST", url: "/v2/email/outbound-emails" });
    expect(request).toMatchObject({ region: "us-east-1", service: "ses" });
    expect(bodyOf(request)).toEqual({
      FromEmailAddress: `${encoded("县政协办公室")} <noreply@example.cn>`,
      Destination: { ToAddresses: [`${encoded("张委员")} <ok@example.cn>`] },
      Content: {
        Simple: {
          Subject: { Data: "议题进入新环节：路灯不亮", Charset: "UTF-8" },
          Body: { Text: { Data: mail("x").text, Charset: "UTF-8" } },
          Headers: [{ Name: "X-Haoshangliang-Notice", Value: "01J00000000000000000NOTICE" }],
        },
      },
      EmailTags: [{ Name: "notice", Value: "01J00000000000000000NOTICE" }],
      ConfigurationSetName: "notices",
    });
    expect(outcome).toEqual({ kind: "sent", providerMessageId: `ses-message-${request?.url.length}` });
  });

  it("throttling, a 5xx and silence are transient, each after one request", async () => {
    for (const [address, error] of [
      ["throttled@example.cn", /TooManyRequestsException/],
      ["broken@example.cn", /./],
    ] as const) {
      const before = local.current().received.length;
      expect(await channel().send(mail(address))).toMatchObject({ kind: "transient", error });
      expect(local.current().received).toHaveLength(before + 1);
    }
    const started = Date.now();
    expect(await channel({ timeoutMs: 300 }).send(mail("silent@example.cn"))).toMatchObject({
      kind: "transient",
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("an account whose sending is paused is transient: the operator's to fix, retried through the backoff", async () => {
    expect(await channel().send(mail("paused@example.cn"))).toMatchObject({
      kind: "transient",
      error: expect.stringMatching(/SendingPaused/),
    });
  });

  it("a rejected message is permanent, and so is a request the receiver finds wrongly signed", async () => {
    expect(await channel().send(mail("rejected@example.cn"))).toMatchObject({
      kind: "permanent",
      error: /MessageRejected/,
    });
    process.env.AWS_SECRET_ACCESS_KEY = "not-the-secret";
    try {
      const outcome = await channel().send(mail("ok@example.cn"));
      expect(local.current().received.at(-1)?.signatureProblem).toBe("the signature does not match");
      expect(outcome).toMatchObject({ kind: "permanent", error: /SignatureDoesNotMatch/ });
    } finally {
      process.env.AWS_SECRET_ACCESS_KEY = secretAccessKey;
    }
  });

  it("a recipient without an address fails at once, without a request", async () => {
    const before = local.current().received.length;
    const { email: _none, ...recipient } = mail("x@example.cn").recipient;
    expect(await channel().send({ ...mail("x"), recipient })).toMatchObject({ kind: "permanent" });
    expect(local.current().received).toHaveLength(before);
  });
});

describe("SES settings, checked at start-up", () => {
  const env = {
    EMAIL_DELIVERY: "ses",
    SES_FROM: "县政协办公室 <noreply@example.cn>",
    AWS_REGION: "us-east-1",
  };

  it("reads the From, and the region, configuration set and endpoint when given", () => {
    expect(readDeliverySettings(env).email).toEqual({ kind: "ses", from: env.SES_FROM });
    const full = {
      ...env,
      SES_REGION: "eu-west-1",
      SES_CONFIGURATION_SET: "notices",
      SES_ENDPOINT: "http://127.0.0.1:1",
    };
    expect(readDeliverySettings(full).email).toEqual({
      kind: "ses",
      from: env.SES_FROM,
      region: "eu-west-1",
      configurationSet: "notices",
      endpoint: "http://127.0.0.1:1",
    });
  });

  it("the local runtime sends through SES when so configured", async () => {
    const settings = readDeliverySettings({ ...env, SES_ENDPOINT: local.current().url });
    expect(await channelsFor(settings).email.send(mail("ok@example.cn"))).toMatchObject({ kind: "sent" });
  });

  it("refuses a missing From and a China region, saying what to do", () => {
    expect(() => readDeliverySettings({ ...env, SES_FROM: "" })).toThrow(/needs SES_FROM/);
    expect(() => readDeliverySettings({ ...env, AWS_REGION: "cn-northwest-1" })).toThrow(
      /not offered in the AWS China regions \(cn-northwest-1\).*SES_REGION.*EMAIL_DELIVERY=smtp/,
    );
    expect(
      readDeliverySettings({ ...env, AWS_REGION: "cn-north-1", SES_REGION: "ap-east-1" }).email,
    ).toMatchObject({ region: "ap-east-1" });
    expect(() => readDeliverySettings({ ...env, EMAIL_DELIVERY: "sendgrid" })).toThrow(/outbox, smtp or ses/);
  });
});
