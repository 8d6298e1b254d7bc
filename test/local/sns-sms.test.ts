/**
 * Amazon SNS (Publish to a phone number) against a local receiver that checks each request's SigV4
 * signature from the test key's secret (test/support/aws-receiver.ts) and answers, by number:
 * success, an invalid or opted-out number, throttling, a server error, or nothing at all.
 */
import { describe, expect, it } from "vitest";
import { channelsFor } from "../../functions/notices/channels/choose";
import { snsSmsChannel } from "../../functions/notices/channels/sns-sms";
import { readDeliverySettings } from "../../functions/notices/delivery-settings";
import { type Answer, type ReceivedRequest, useAwsReceiver } from "../support/aws-receiver";
import { smsNotice } from "../support/sms-notice";

const accessKeyId = "AKIALOCALSNSTEST";
const secretAccessKey = "local-sns-secret";

const xml = (status: number, body: string): Answer => ({
  status,
  headers: { "content-type": "text/xml" },
  body: `<?xml version="1.0"?>\n${body}`,
});

/** An awsQuery error answer, as SNS sends one. */
const error = (status: number, code: string, message: string) =>
  xml(
    status,
    `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type>` +
      `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
  );

const paramsOf = (request: ReceivedRequest | undefined) =>
  Object.fromEntries(new URLSearchParams(request?.body ?? ""));

/** What the receiver answers, by the number published to. */
function answerFor(request: ReceivedRequest): Answer | undefined {
  if (request.signatureProblem) return error(403, "SignatureDoesNotMatch", request.signatureProblem);
  switch (paramsOf(request).PhoneNumber) {
    case "+8613900000002":
      return error(400, "InvalidParameter", "Invalid parameter: PhoneNumber");
    case "+8613900000003":
      return error(429, "Throttled", "Rate exceeded");
    case "+8613900000004":
      return error(500, "InternalError", "internal error");
    case "+8613900000005":
      return undefined;
    case "+8613900000006":
      return error(400, "OptedOut", "Phone number is opted out");
    default:
      return xml(
        200,
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>` +
          `<MessageId>sns-message-${request.body.length}</MessageId></PublishResult>` +
          `<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>`,
      );
  }
}

const local = useAwsReceiver(accessKeyId, secretAccessKey, answerFor);

const channel = (overrides: { timeoutMs?: number; senderId?: string } = {}) =>
  snsSmsChannel({
    signature: "【某县政协】",
    region: "ap-southeast-1",
    endpoint: local.current().url,
    timeoutMs: overrides.timeoutMs ?? 2_000,
    ...(overrides.senderId ? { senderId: overrides.senderId } : {}),
  });

const sms = (phone: string) => smsNotice(phone);

describe("snsSmsChannel", () => {
  it("publishes the signed text to the E.164 number as a transactional SMS, with the sender id", async () => {
    const outcome = await channel({ senderId: "CPPCC" }).send(sms("13900000001"));
    const request = local.current().received.at(-1);
    expect(request?.signatureProblem).toBeUndefined();
    expect(request).toMatchObject({ method: "POST", region: "ap-southeast-1", service: "sns" });
    expect(paramsOf(request)).toEqual({
      Action: "Publish",
      Version: "2010-03-31",
      PhoneNumber: "+8613900000001",
      Message: "【某县政协】张委员：议题「路灯不亮」进入收集议题环节。",
      "MessageAttributes.entry.1.Name": "AWS.SNS.SMS.SMSType",
      "MessageAttributes.entry.1.Value.DataType": "String",
      "MessageAttributes.entry.1.Value.StringValue": "Transactional",
      "MessageAttributes.entry.2.Name": "AWS.SNS.SMS.SenderID",
      "MessageAttributes.entry.2.Value.DataType": "String",
      "MessageAttributes.entry.2.Value.StringValue": "CPPCC",
    });
    expect(outcome).toEqual({ kind: "sent", providerMessageId: `sns-message-${request?.body.length}` });
  });

  it("keeps an international number as it is, and sends no sender id unless one is set", async () => {
    await channel().send(sms("+6591234567"));
    const params = paramsOf(local.current().received.at(-1));
    expect(params.PhoneNumber).toBe("+6591234567");
    expect(Object.values(params)).not.toContain("AWS.SNS.SMS.SenderID");
  });

  it("an invalid or opted-out number is permanent; throttling, a 5xx and silence are transient", async () => {
    const outcomes = [];
    for (const phone of ["13900000002", "13900000006", "13900000003", "13900000004"]) {
      const before = local.current().received.length;
      outcomes.push(await channel().send(sms(phone)));
      expect(local.current().received).toHaveLength(before + 1);
    }
    expect(outcomes).toEqual([
      { kind: "permanent", error: expect.stringMatching(/^InvalidParameterException/) },
      { kind: "permanent", error: expect.stringMatching(/^OptedOutException/) },
      { kind: "transient", error: expect.stringMatching(/^ThrottledException/) },
      { kind: "transient", error: expect.stringMatching(/^InternalErrorException/) },
    ]);
    expect(await channel({ timeoutMs: 300 }).send(sms("13900000005"))).toMatchObject({ kind: "transient" });
  });

  it("a request the receiver finds wrongly signed is permanent", async () => {
    process.env.AWS_SECRET_ACCESS_KEY = "not-the-secret";
    try {
      const outcome = await channel().send(sms("13900000001"));
      expect(local.current().received.at(-1)?.signatureProblem).toBe("the signature does not match");
      expect(outcome).toMatchObject({ kind: "permanent" });
    } finally {
      process.env.AWS_SECRET_ACCESS_KEY = secretAccessKey;
    }
  });

  it("a recipient without a mobile number fails at once, without a request", async () => {
    const before = local.current().received.length;
    const { phone: _none, ...recipient } = sms("13900000001").recipient;
    expect(await channel().send({ ...sms("x"), recipient })).toMatchObject({ kind: "permanent" });
    expect(local.current().received).toHaveLength(before);
  });
});

describe("SNS settings, checked at start-up", () => {
  const env = { SMS_DELIVERY: "sns", SMS_SIGNATURE: "某县政协", AWS_REGION: "us-east-1" };

  it("reads the signature in 【】, and the region, sender id and endpoint when given", () => {
    expect(readDeliverySettings(env).sms).toEqual({ kind: "sns", signature: "【某县政协】" });
    const full = { ...env, SNS_REGION: "ap-southeast-1", SNS_SENDER_ID: "CPPCC", SNS_ENDPOINT: "http://x" };
    expect(readDeliverySettings(full).sms).toEqual({
      kind: "sns",
      signature: "【某县政协】",
      region: "ap-southeast-1",
      senderId: "CPPCC",
      endpoint: "http://x",
    });
  });

  it("the local runtime publishes through SNS when so configured", async () => {
    const settings = readDeliverySettings({ ...env, SNS_ENDPOINT: local.current().url });
    expect(await channelsFor(settings).sms.send(sms("13900000001"))).toMatchObject({ kind: "sent" });
    expect(paramsOf(local.current().received.at(-1)).Message).toMatch(/^【某县政协】/);
  });

  it("refuses a China region and a sender id SNS would refuse", () => {
    expect(() => readDeliverySettings({ ...env, AWS_REGION: "cn-north-1" })).toThrow(
      /SMS_DELIVERY=sns: the service is not offered in the AWS China regions \(cn-north-1\)/,
    );
    expect(() => readDeliverySettings({ ...env, SNS_SENDER_ID: "123" })).toThrow(/SNS_SENDER_ID/);
    expect(() => readDeliverySettings({ ...env, SNS_SENDER_ID: "TOO-LONG-ID-X" })).toThrow(/SNS_SENDER_ID/);
  });
});
