/**
 * SMS through Tencent Cloud SMS (SendSms, API 2021-01-11), signed with TC3-HMAC-SHA256: a request of
 * our own on `fetch` rather than the official SDK, which would add 550 kB to the sender's bundle
 * (decision 0015). Tencent sends only pre-approved templates with a registered signature: each of our
 * templates maps to a template id and the order of its parameters (SMS_TEMPLATES).
 */
import type { AttemptOutcome } from "../../domain/notices/delivery";
import type { NotificationRecord } from "../notifier";
import type { ChannelSender } from "./channel";
import { codeOutcome, e164, type ProviderTemplate, providerSmsChannel, templateParams } from "./provider-sms";
import { tc3Authorization } from "./tc3-signature";

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
// Pure: a bundle that never sends through this provider (the SNS sender) drops it.
const outcomeOf = /* @__PURE__ */ codeOutcome(
  /^(InternalError|RequestLimitExceeded|LimitExceeded|ResourceUnavailable|FailedOperation\.FailResolvePacket)/,
);

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

async function sendOne(
  settings: TencentSmsSettings,
  record: NotificationRecord,
  phone: string,
  template: ProviderTemplate,
): Promise<AttemptOutcome> {
  const body = JSON.stringify({
    PhoneNumberSet: [e164(phone)],
    SmsSdkAppId: settings.appId,
    SignName: settings.signName,
    TemplateId: template.id,
    TemplateParamSet: templateParams(template, record),
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

export const tencentSmsChannel = (settings: TencentSmsSettings): ChannelSender =>
  providerSmsChannel("Tencent", settings.templates, (record, phone, template) =>
    sendOne(settings, record, phone, template),
  );
