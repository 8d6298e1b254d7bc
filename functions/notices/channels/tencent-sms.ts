/**
 * SMS through Tencent Cloud SMS (SendSms, API 2021-01-11), signed with TC3-HMAC-SHA256: a request of
 * our own on `fetch` rather than the official SDK, which would add 550 kB to the sender's bundle
 * (decision 0015). Tencent sends only pre-approved templates with a registered signature: each of our
 * templates maps to a template id and the order of its parameters (SMS_TEMPLATES).
 */
import type { AttemptOutcome } from "../../domain/notices/delivery";
import type { NotificationRecord } from "../notifier";
import type { ChannelSender } from "./channel";
import { tc3Authorization } from "./tc3-signature";

/** One of our templates as the provider knows it: its template id, and our variables in its order. */
export interface ProviderTemplate {
  readonly id: string;
  readonly params: readonly string[];
}

export interface TencentSmsSettings {
  readonly endpoint: string;
  readonly region: string;
  readonly secretId: string;
  readonly secretKey: string;
  readonly appId: string;
  /** The registered signature, without 【】. */
  readonly signName: string;
  readonly templates: Readonly<Record<string, ProviderTemplate>>;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/** Error codes a later attempt may get past (throttling, an outage); anything else is final. */
const transientCodes =
  /^(InternalError|RequestLimitExceeded|LimitExceeded|ResourceUnavailable|FailedOperation\.FailResolvePacket)/;

const outcomeOf = (code: string, message: string): AttemptOutcome =>
  transientCodes.test(code)
    ? { kind: "transient", error: `${code}: ${message}` }
    : { kind: "permanent", error: `${code}: ${message}` };

/** E.164, as Tencent wants it: a mainland number gets +86. */
const e164 = (phone: string) => (phone.startsWith("+") ? phone : `+86${phone}`);

interface SendSmsAnswer {
  readonly Response?: {
    readonly Error?: { readonly Code: string; readonly Message: string };
    readonly SendStatusSet?: readonly {
      readonly Code: string;
      readonly Message: string;
      readonly SerialNo: string;
    }[];
  };
}

async function post(settings: TencentSmsSettings, body: string): Promise<Response> {
  const url = new URL(settings.endpoint);
  const contentType = "application/json; charset=utf-8";
  const timestamp = Math.floor((settings.now?.() ?? new Date()).getTime() / 1000);
  const { secretId, secretKey } = settings;
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-tc-action": "SendSms",
      "x-tc-version": "2021-01-11",
      "x-tc-region": settings.region,
      "x-tc-timestamp": String(timestamp),
      authorization: tc3Authorization({
        url,
        body,
        contentType,
        timestamp,
        service: "sms",
        secretId,
        secretKey,
      }),
    },
    body,
    signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
  });
}

async function sendOne(settings: TencentSmsSettings, record: NotificationRecord): Promise<AttemptOutcome> {
  const phone = record.recipient.phone;
  if (!phone) return { kind: "permanent", error: "the recipient has no mobile number" };
  const template = settings.templates[record.templateId];
  if (!template) return { kind: "permanent", error: `no Tencent template for ${record.templateId}` };
  const body = JSON.stringify({
    PhoneNumberSet: [e164(phone)],
    SmsSdkAppId: settings.appId,
    SignName: settings.signName,
    TemplateId: template.id,
    TemplateParamSet: template.params.map((name) => record.variables?.[name] ?? ""),
    // Echoed back in Tencent's delivery reports: which notice a report is about.
    SessionContext: record.id,
  });
  const response = await post(settings, body);
  if (!response.ok) return { kind: "transient", error: `HTTP ${response.status}` };
  const answer = ((await response.json()) as SendSmsAnswer).Response;
  if (answer?.Error) return outcomeOf(answer.Error.Code, answer.Error.Message);
  const status = answer?.SendStatusSet?.[0];
  if (!status) return { kind: "transient", error: "an answer without a send status" };
  if (status.Code === "Ok") return { kind: "sent", providerMessageId: status.SerialNo };
  return outcomeOf(status.Code, status.Message);
}

export function tencentSmsChannel(settings: TencentSmsSettings): ChannelSender {
  return {
    async send(record) {
      try {
        return await sendOne(settings, record);
      } catch (error) {
        // A timeout or a network failure: the message may or may not have gone (decision 0014).
        return { kind: "transient", error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
