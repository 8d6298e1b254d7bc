/**
 * A provider's credentials read from Secrets Manager at cold start: against a local receiver that
 * checks each request's SigV4 signature, found through the SDK's own endpoint setting
 * (AWS_ENDPOINT_URL_SECRETS_MANAGER), as a deployed function would reach the real service.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretSettings, withDeliverySecret } from "../../functions/notices/delivery-secret";
import { readDeliverySettings } from "../../functions/notices/delivery-settings";
import { type Answer, awsReceiver, type ReceivedRequest, type Receiver } from "../support/aws-receiver";

const accessKeyId = "AKIALOCALSECRETS";
const secretAccessKey = "local-secrets-secret";
const saved = { ...process.env };

const secrets: Record<string, string> = {
  "haoshangliang/sms": JSON.stringify({
    ALIYUN_ACCESS_KEY_ID: "LTAIlocal",
    ALIYUN_ACCESS_KEY_SECRET: "s3cret",
  }),
  "haoshangliang/not-json": "password",
};

function answerFor(request: ReceivedRequest): Answer {
  const json = (status: number, body: unknown, type?: string): Answer => ({
    status,
    headers: { "content-type": "application/x-amz-json-1.1", ...(type ? { "x-amzn-ErrorType": type } : {}) },
    body: JSON.stringify(body),
  });
  if (request.signatureProblem)
    return json(403, { message: request.signatureProblem }, "SignatureDoesNotMatch");
  const { SecretId } = JSON.parse(request.body) as { SecretId: string };
  const value = secrets[SecretId];
  if (value === undefined) return json(400, { message: "no such secret" }, "ResourceNotFoundException");
  return json(200, { Name: SecretId, SecretString: value });
}

let receiver: Receiver;

beforeAll(async () => {
  receiver = await awsReceiver(new Map([[accessKeyId, secretAccessKey]]), answerFor);
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_REGION: "cn-northwest-1",
    AWS_ENDPOINT_URL_SECRETS_MANAGER: receiver.url,
  });
  delete process.env.AWS_SESSION_TOKEN;
});

afterAll(() => {
  receiver.close();
  process.env = saved;
});

const env = {
  SMS_DELIVERY: "aliyun",
  SMS_SIGNATURE: "某县政协",
  SMS_TEMPLATES: "{}",
};

describe("withDeliverySecret", () => {
  it("adds the secret's settings to the environment, from one signed GetSecretValue", async () => {
    const read = await withDeliverySecret({ ...env, DELIVERY_SECRET: "haoshangliang/sms" });
    expect(read).toMatchObject({
      ...env,
      ALIYUN_ACCESS_KEY_ID: "LTAIlocal",
      ALIYUN_ACCESS_KEY_SECRET: "s3cret",
    });
    const request = receiver.received.at(-1);
    expect(request?.signatureProblem).toBeUndefined();
    expect(request).toMatchObject({ region: "cn-northwest-1", service: "secretsmanager" });
    expect(request?.headers["x-amz-target"]).toBe("secretsmanager.GetSecretValue");
  });

  it("reads nothing when no secret is named", async () => {
    const before = receiver.received.length;
    expect(await withDeliverySecret(env)).toBe(env);
    expect(receiver.received).toHaveLength(before);
  });

  it("fails the cold start on a secret that is missing or not a JSON object of settings", async () => {
    await expect(withDeliverySecret({ DELIVERY_SECRET: "haoshangliang/none" })).rejects.toThrow(
      /no such secret/,
    );
    await expect(withDeliverySecret({ DELIVERY_SECRET: "haoshangliang/not-json" })).rejects.toThrow(
      /DELIVERY_SECRET haoshangliang\/not-json must hold a JSON object of settings/,
    );
    expect(() => secretSettings("s", JSON.stringify({ SMTP_URL: 465 }))).toThrow(/JSON object of settings/);
    expect(() => secretSettings("s", JSON.stringify({ "smtp url": "x" }))).toThrow(/JSON object of settings/);
  });

  it("a secret's settings are checked with the rest", async () => {
    const read = await withDeliverySecret({ ...env, DELIVERY_SECRET: "haoshangliang/sms" });
    expect(() => readDeliverySettings(read)).toThrow(/SMS_TEMPLATES/);
  });
});
