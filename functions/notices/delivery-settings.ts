/**
 * How notices are delivered, from the environment, checked once at start-up so that a wrong setting
 * fails then, not when the reminders go out:
 * - `EMAIL_DELIVERY`: `outbox` (default: the local outbox file), `smtp` (`SMTP_URL`, `SMTP_FROM`) or
 *   `ses` (Amazon SES v2: `SES_FROM`, and optionally `SES_REGION`, `SES_CONFIGURATION_SET`, `SES_ENDPOINT`).
 * - `SMS_DELIVERY`: `outbox` (default), `tencent` (Tencent Cloud SMS: `TENCENT_SECRET_ID`,
 *   `TENCENT_SECRET_KEY`, `TENCENT_SMS_APP_ID`, `SMS_SIGNATURE`, `SMS_TEMPLATES`, and optionally
 *   `TENCENT_SMS_REGION`, `TENCENT_SMS_ENDPOINT`) or `aliyun` (Alibaba Cloud SMS: `ALIYUN_ACCESS_KEY_ID`,
 *   `ALIYUN_ACCESS_KEY_SECRET`, `SMS_SIGNATURE`, `SMS_TEMPLATES`, and optionally `ALIYUN_SMS_ENDPOINT`).
 *   `SMS_TEMPLATES` maps every template to the provider's template id (Alibaba's template code) and
 *   parameters: `{"step_started": {"id": "1234567", "params": ["recipientName", …]}, …}`.
 *   Or `sns` (Amazon SNS: optionally `SNS_REGION`, `SNS_SENDER_ID`, `SNS_ENDPOINT`; the text goes as it
 *   is, led by the signature, `SMS_SIGNATURE` or the county's).
 * SES and SNS are not offered in the AWS China regions (`cn-…`): a region there is refused.
 * - `NOTICE_QUIET_HOURS`: `21:00-08:00` (default, county time) or `off`: SMS waits them out.
 * - `NOTICE_URGENT_TEMPLATES`: templates sent through quiet hours anyway (e.g. `escalation`), and
 *   never folded into a recipient's chosen digest.
 * - Cost protection (decision 0019): `SMS_DAILY_CAP` (default 10 a recipient a day; more is folded
 *   into the next morning's digest), `SMS_PER_MINUTE` (default 100 for the county; more waits a
 *   minute), each a number or `off`; `NOTICE_DIGEST_HOUR` (default 08:00): when digests go out.
 */
import {
  type CostLimits,
  defaultCostLimits,
  digestTemplateId,
  parseDigestHour,
  parseLimit,
} from "../domain/notices/cost-protection";
import { defaultQuietHours, parseQuietHours, type QuietHours } from "../domain/notices/delivery";
import { ConfigurationError } from "../kernel/config";
import type { AliyunSmsSettings } from "./channels/aliyun-sms";
import type { ProviderTemplate } from "./channels/provider-sms";
import type { SesEmailSettings } from "./channels/ses-email";
import type { SmtpSettings } from "./channels/smtp";
import type { SnsSmsSettings } from "./channels/sns-sms";
import type { TencentSmsSettings } from "./channels/tencent-sms";
import { smsSignature } from "./sms-text";
import type { TemplateId } from "./templates";
import { smsVariables, templateIds } from "./templates/sms";

export interface DeliverySettings {
  readonly email:
    | { readonly kind: "outbox" }
    | ({ readonly kind: "smtp" } & SmtpSettings)
    | ({ readonly kind: "ses" } & SesEmailSettings);
  readonly sms:
    | { readonly kind: "outbox" }
    | ({ readonly kind: "sns" } & SnsSmsSettings)
    | ({ readonly kind: "tencent" } & TencentSmsSettings)
    | ({ readonly kind: "aliyun" } & AliyunSmsSettings);
  readonly quietHours: QuietHours | undefined;
  readonly urgentTemplates: ReadonlySet<string>;
  readonly costLimits: CostLimits;
  readonly outboxFile: string | undefined;
}

/**
 * The region of an AWS channel (its own setting, else the function's), refused in the China regions,
 * which do not offer the service; what is set is passed on, the rest left to the SDK's default.
 */
function awsRegion(env: NodeJS.ProcessEnv, name: string, why: string): { region?: string } {
  const region = env[name]?.trim() || undefined;
  const effective = region ?? env.AWS_REGION ?? "";
  if (effective.startsWith("cn-"))
    throw new ConfigurationError(
      `${why}: the service is not offered in the AWS China regions (${effective}); ` +
        `set ${name} to a global region, or use the China channel (EMAIL_DELIVERY=smtp, SMS_DELIVERY=aliyun or tencent)`,
    );
  return region ? { region } : {};
}

/** `SES_ENDPOINT`, `SNS_ENDPOINT`: another endpoint (a local receiver in tests). */
const endpointOf = (env: NodeJS.ProcessEnv, name: string) => (env[name] ? { endpoint: env[name] } : {});

function sesSettings(env: NodeJS.ProcessEnv): DeliverySettings["email"] {
  const why = "EMAIL_DELIVERY=ses";
  const from = env.SES_FROM?.trim();
  if (!from || !/@[^@\s>]+\.[^@\s>]+>?$/.test(from))
    throw new ConfigurationError(
      `${why} needs SES_FROM, an address of a verified SES identity, e.g. 县政协办公室 <noreply@example.gov.cn>`,
    );
  const configurationSet = env.SES_CONFIGURATION_SET?.trim();
  return {
    kind: "ses",
    from,
    ...awsRegion(env, "SES_REGION", why),
    ...(configurationSet ? { configurationSet } : {}),
    ...endpointOf(env, "SES_ENDPOINT"),
  };
}

function emailSettings(env: NodeJS.ProcessEnv): DeliverySettings["email"] {
  const kind = env.EMAIL_DELIVERY || "outbox";
  if (kind === "outbox") return { kind };
  if (kind === "ses") return sesSettings(env);
  if (kind !== "smtp")
    throw new ConfigurationError(`EMAIL_DELIVERY must be outbox, smtp or ses, not ${kind}`);
  const url = env.SMTP_URL;
  if (!url || !/^smtps?:\/\/[^/]+/.test(url))
    throw new ConfigurationError("EMAIL_DELIVERY=smtp needs SMTP_URL, e.g. smtp://user:password@host:587");
  const from = env.SMTP_FROM;
  if (!from)
    throw new ConfigurationError(
      "EMAIL_DELIVERY=smtp needs SMTP_FROM, e.g. 县政协办公室 <noreply@example.gov.cn>",
    );
  return { kind, url, from };
}

/** The variables a template's SMS uses, and the topic's console link (CONSOLE_URL) any may take. */
const variablesOf = (id: TemplateId) => new Set([...smsVariables[id], "link"]);

/**
 * SMS_TEMPLATES: every template has a provider template, whose parameters are variables of ours —
 * refused at start-up, not when the first reminder of the morning should go out. The digest's
 * (`notice_digest`) is needed only while a daily cap can fold SMS into one (`dailyCapOn`): a county
 * awaiting its approval can deploy with SMS_DAILY_CAP=off.
 */
export function providerTemplates(
  text: string | undefined,
  dailyCapOn = true,
): Record<string, ProviderTemplate> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? "");
  } catch {
    throw new ConfigurationError(
      'SMS_TEMPLATES must be JSON: {"step_started": {"id": "…", "params": ["title", …]}, …}',
    );
  }
  const given = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const needed = templateIds.filter((id) => dailyCapOn || id !== digestTemplateId);
  const problems = needed.flatMap((id): string[] => {
    const entry = given[id] as { id?: unknown; params?: unknown } | undefined;
    if (!entry || typeof entry.id !== "string" || entry.id === "") return [`${id}: no template id`];
    const known = variablesOf(id);
    if (
      !Array.isArray(entry.params) ||
      entry.params.some((name) => typeof name !== "string" || !known.has(name))
    )
      return [`${id}: params must be some of ${[...known].join(", ")}`];
    return [];
  });
  if (problems.length > 0) throw new ConfigurationError(`SMS_TEMPLATES: ${problems.join("; ")}`);
  return given as Record<string, ProviderTemplate>;
}

function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigurationError(`${why} needs ${name}`);
  return value;
}

/** The registered signature, without the 【】 the provider adds. */
const signName = (env: NodeJS.ProcessEnv, why: string) =>
  required(env, "SMS_SIGNATURE", why).replace(/^【(.*)】$/, "$1");

function tencentSettings(env: NodeJS.ProcessEnv, capOn: boolean): DeliverySettings["sms"] {
  const why = "SMS_DELIVERY=tencent";
  return {
    kind: "tencent",
    endpoint: env.TENCENT_SMS_ENDPOINT || "https://sms.tencentcloudapi.com",
    region: env.TENCENT_SMS_REGION || "ap-guangzhou",
    secretId: required(env, "TENCENT_SECRET_ID", why),
    secretKey: required(env, "TENCENT_SECRET_KEY", why),
    appId: required(env, "TENCENT_SMS_APP_ID", why),
    signName: signName(env, why),
    templates: providerTemplates(env.SMS_TEMPLATES, capOn),
  };
}

function aliyunSettings(env: NodeJS.ProcessEnv, capOn: boolean): DeliverySettings["sms"] {
  const why = "SMS_DELIVERY=aliyun";
  return {
    kind: "aliyun",
    endpoint: env.ALIYUN_SMS_ENDPOINT || "https://dysmsapi.aliyuncs.com",
    accessKeyId: required(env, "ALIYUN_ACCESS_KEY_ID", why),
    accessKeySecret: required(env, "ALIYUN_ACCESS_KEY_SECRET", why),
    signName: signName(env, why),
    templates: providerTemplates(env.SMS_TEMPLATES, capOn),
  };
}

function snsSettings(env: NodeJS.ProcessEnv): DeliverySettings["sms"] {
  const senderId = env.SNS_SENDER_ID?.trim();
  // SNS's rule for an alphanumeric sender id: 1–11 letters and digits, at least one a letter.
  if (senderId && !/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(senderId))
    throw new ConfigurationError(
      `SNS_SENDER_ID must be 1 to 11 letters and digits, at least one a letter, not ${senderId}`,
    );
  return {
    kind: "sns",
    signature: smsSignature(env),
    ...awsRegion(env, "SNS_REGION", "SMS_DELIVERY=sns"),
    ...(senderId ? { senderId } : {}),
    ...endpointOf(env, "SNS_ENDPOINT"),
  };
}

function smsSettings(env: NodeJS.ProcessEnv, limits: CostLimits): DeliverySettings["sms"] {
  const kind = env.SMS_DELIVERY || "outbox";
  const capOn = limits.smsDailyCap !== undefined;
  if (kind === "outbox") return { kind };
  if (kind === "tencent") return tencentSettings(env, capOn);
  if (kind === "aliyun") return aliyunSettings(env, capOn);
  if (kind === "sns") return snsSettings(env);
  throw new ConfigurationError(`SMS_DELIVERY must be outbox, sns, tencent or aliyun, not ${kind}`);
}

/** A setting read by `parse`, its default when unset; a bad value is a ConfigurationError naming it. */
function setting<T>(env: NodeJS.ProcessEnv, name: string, parse: (text: string) => T, fallback: T): T {
  const text = env[name];
  if (text === undefined || text.trim() === "") return fallback;
  try {
    return parse(text);
  } catch (error) {
    throw new ConfigurationError(`${name}: ${(error as Error).message}`);
  }
}

function costLimits(env: NodeJS.ProcessEnv): CostLimits {
  const fallback = defaultCostLimits;
  return {
    smsDailyCap: setting(env, "SMS_DAILY_CAP", parseLimit, fallback.smsDailyCap),
    smsPerMinute: setting(env, "SMS_PER_MINUTE", parseLimit, fallback.smsPerMinute),
    digestHour: setting(env, "NOTICE_DIGEST_HOUR", parseDigestHour, fallback.digestHour),
  };
}

/** The rules every sender applies whatever its provider: quiet hours, urgent templates, cost limits. */
export function readNoticeRules(
  env: NodeJS.ProcessEnv,
): Pick<DeliverySettings, "quietHours" | "urgentTemplates" | "costLimits"> {
  const quietHours = setting<QuietHours | undefined>(
    env,
    "NOTICE_QUIET_HOURS",
    parseQuietHours,
    defaultQuietHours,
  );
  const urgent = (env.NOTICE_URGENT_TEMPLATES ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = urgent.filter((name) => !(templateIds as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new ConfigurationError(
      `NOTICE_URGENT_TEMPLATES names no template: ${unknown.join(", ")} (known: ${templateIds.join(", ")})`,
    );
  return { quietHours, urgentTemplates: new Set(urgent), costLimits: costLimits(env) };
}

export function readDeliverySettings(env: NodeJS.ProcessEnv): DeliverySettings {
  const rules = readNoticeRules(env);
  return {
    email: emailSettings(env),
    sms: smsSettings(env, rules.costLimits),
    ...rules,
    outboxFile: env.OUTBOX_FILE || undefined,
  };
}
