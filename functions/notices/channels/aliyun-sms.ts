/**
 * SMS through Alibaba Cloud SMS (Dysmsapi SendSms, API 2017-05-25), signed with ACS3-HMAC-SHA256: a
 * request of our own on `fetch` rather than the official SDK, which would add 1.1 MB to the sender's
 * bundle (decision 0015). Like Tencent, Alibaba sends only approved templates with a registered
 * signature: each of our templates maps to a template code and its parameters (SMS_TEMPLATES).
 */
import type { AttemptOutcome } from "../../domain/notices/delivery";
import type { NotificationRecord } from "../notifier";
import { acs3Headers, acsQuery } from "./acs3-signature";
import type { ChannelSender } from "./channel";
import { codeOutcome, type ProviderTemplate, providerSmsChannel, templateParams } from "./provider-sms";

export interface AliyunSmsSettings {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The registered signature, without 【】. */
  readonly signName: string;
  /** Each template's code at Alibaba (`id`), and our variables it takes as parameters (`params`). */
  readonly templates: Readonly<Record<string, ProviderTemplate>>;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/**
 * Codes a later attempt may get past: flow control (`isv.BUSINESS_LIMIT_CONTROL`, the gateway's
 * `Throttling*`), and Alibaba's own failures (`isp.SYSTEM_ERROR`, `ServiceUnavailable`,
 * `InternalError`). Anything else is final: an illegal or blacklisted number, a template or signature
 * problem, missing parameters, a refused AccessKey or signature, an exhausted balance — retrying the
 * same request cannot change those. A 5xx, a timeout or a network failure is transient whatever it says.
 */
// Pure: a bundle that never sends through this provider (the SNS sender) drops it.
const outcomeOf = /* @__PURE__ */ codeOutcome(
  /^(isv\.BUSINESS_LIMIT_CONTROL$|Throttling|isp\.SYSTEM_ERROR$|ServiceUnavailable|InternalError)/,
);

/** SendSms answers, and the gateway's refusals (4xx), share these fields. */
interface SendSmsAnswer {
  readonly Code?: string;
  readonly Message?: string;
  readonly BizId?: string;
}

async function post(settings: AliyunSmsSettings, params: Record<string, string>): Promise<Response> {
  const url = new URL(settings.endpoint);
  url.search = acsQuery(params);
  return fetch(url, {
    method: "POST",
    headers: {
      accept: "application/json",
      ...acs3Headers({
        url,
        action: "SendSms",
        version: "2017-05-25",
        body: "",
        date: settings.now?.() ?? new Date(),
        accessKeyId: settings.accessKeyId,
        accessKeySecret: settings.accessKeySecret,
      }),
    },
    signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
  });
}

/** The answer's JSON, or nothing when it is not JSON (a proxy's error page). */
async function answerOf(response: Response): Promise<SendSmsAnswer | undefined> {
  try {
    return (await response.json()) as SendSmsAnswer;
  } catch {
    return undefined;
  }
}

async function sendOne(
  settings: AliyunSmsSettings,
  record: NotificationRecord,
  phone: string,
  template: ProviderTemplate,
): Promise<AttemptOutcome> {
  const values = templateParams(template, record);
  // The SDK's way for SendSms: every parameter in the query string, the body empty.
  const response = await post(settings, {
    // A mainland number as it is, without +86.
    PhoneNumbers: phone,
    SignName: settings.signName,
    TemplateCode: template.id,
    TemplateParam: JSON.stringify(
      Object.fromEntries(template.params.map((name, index) => [name, values[index] ?? ""])),
    ),
    // Echoed back in Alibaba's delivery reports: which notice a report is about.
    OutId: record.id,
  });
  const answer = await answerOf(response);
  if (response.status >= 500)
    return { kind: "transient", error: `HTTP ${response.status}${answer?.Code ? ` ${answer.Code}` : ""}` };
  if (!answer?.Code)
    return { kind: "transient", error: response.ok ? "an answer without a code" : `HTTP ${response.status}` };
  if (response.ok && answer.Code === "OK")
    return { kind: "sent", ...(answer.BizId ? { providerMessageId: answer.BizId } : {}) };
  return outcomeOf(answer.Code, answer.Message ?? "");
}

export const aliyunSmsChannel = (settings: AliyunSmsSettings): ChannelSender =>
  providerSmsChannel("Alibaba Cloud", settings.templates, (record, phone, template) =>
    sendOne(settings, record, phone, template),
  );
