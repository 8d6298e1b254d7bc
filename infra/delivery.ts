/**
 * Which providers a county's notices leave AWS by, from CDK context (decision 0018), and what each
 * sender function is: its entry (each bundles one provider), its environment (settings, never
 * credentials) and what its role may do (send as one SES identity, publish SMS, or read one secret).
 *
 *   -c emailProvider=ses|smtp|outbox   -c smsProvider=sns|tencent|aliyun|outbox
 *
 * Defaults by region: a global region sends e-mail through SES once `sesIdentity` is given, and SMS
 * through SNS; a China region (`cn-…`), which offers neither, through SMTP once `smtpSecret` is given
 * and Alibaba Cloud once `smsSecret` is. Without them a channel is `outbox`: its notices fail visibly
 * ("no provider is configured") rather than count as sent. An unresolved (environment-agnostic)
 * region counts as global.
 */
import { ConfigurationError } from "../functions/kernel/config";
import { providerTemplates } from "../functions/notices/delivery-settings";
import { isChinaRegion as isChina } from "./regions";
import { SettingsError } from "./settings-error";

export const emailProviders = ["ses", "smtp", "outbox"] as const;
export const smsProviders = ["sns", "tencent", "aliyun", "outbox"] as const;
export type EmailProvider = (typeof emailProviders)[number];
export type SmsProvider = (typeof smsProviders)[number];

/** The delivery context, as given (every key optional; see README, "Deploy"). */
export interface DeliveryContext {
  readonly emailProvider?: string;
  readonly smsProvider?: string;
  /** The SES identity (a verified domain or address) the e-mail sender may send as. */
  readonly sesIdentity?: string;
  /** @default the identity if an address, else `noreply@<identity>` */
  readonly sesFrom?: string;
  /** SES in another global region than the stack's. */
  readonly sesRegion?: string;
  readonly sesConfigurationSet?: string;
  /** The Secrets Manager secret (name or complete ARN) holding `SMTP_URL` (and maybe `SMTP_FROM`). */
  readonly smtpSecret?: string;
  readonly smtpFrom?: string;
  /** The secret holding the Chinese SMS provider's keys (`ALIYUN_…` or `TENCENT_…`). */
  readonly smsSecret?: string;
  /** SMS_TEMPLATES: our templates as the Chinese provider's (JSON). */
  readonly smsTemplates?: string;
  readonly tencentSmsAppId?: string;
  readonly snsSenderId?: string;
  /** SMS_DAILY_CAP (a notice rule, infra/notice-rules.ts): `off` spares the digest its SMS template. */
  readonly smsDailyCap?: string;
}

export const deliveryContextKeys = [
  "emailProvider",
  "smsProvider",
  "sesIdentity",
  "sesFrom",
  "sesRegion",
  "sesConfigurationSet",
  "smtpSecret",
  "smtpFrom",
  "smsSecret",
  "smsTemplates",
  "tencentSmsAppId",
  "snsSenderId",
  "smsDailyCap",
] as const satisfies readonly (keyof DeliveryContext)[];

/** One sender function: what it bundles, what it is told, and what its role may do. */
export interface SenderSpec {
  /** `Email` or `Sms`: the construct id, the same whichever provider (a provider change is an update). */
  readonly id: "Email" | "Sms";
  readonly provider: EmailProvider | SmsProvider;
  readonly entry: string;
  readonly description: string;
  /** The notices' channels it serves (its stream filter and sweep). */
  readonly channels: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  /** The one secret it may read: a name, or a complete ARN. */
  readonly secret?: string;
  /** The SES identity (and configuration set) it may send as, in `region` (the stack's if unset). */
  readonly ses?: { readonly identity: string; readonly region?: string; readonly configurationSet?: string };
  /** It may publish SMS through SNS. */
  readonly publishesSms?: boolean;
}

function choose<T extends string>(
  key: string,
  given: string | undefined,
  known: readonly T[],
  fallback: T,
): T {
  if (given === undefined || given === "") return fallback;
  if (!(known as readonly string[]).includes(given))
    throw new SettingsError(
      `${key} must be ${known.slice(0, -1).join(", ")} or ${known.at(-1)}, not ${given}`,
    );
  return given as T;
}

/** Only what is set, as environment variables. */
const defined = (entries: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => !!entry[1]));

function needs(context: DeliveryContext, key: keyof DeliveryContext, why: string, example: string): string {
  const value = context[key]?.trim();
  if (!value) throw new SettingsError(`${why} needs -c ${key}=${example}`);
  return value;
}

function notInChina(region: string | undefined, what: string, instead: string): void {
  if (isChina(region))
    throw new SettingsError(
      `${what} is not offered in the AWS China regions (${region}): choose ${instead}, or outbox`,
    );
}

const mailDomain = (address: string) => /@([^@\s>]+)>?\s*$/.exec(address)?.[1]?.toLowerCase();
/** `县政协 <noreply@example.gov.cn>` → `noreply@example.gov.cn`. */
const mailAddress = (mailbox: string) =>
  (/<([^<>\s]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim()).toLowerCase();

function sesSender(context: DeliveryContext, region: string | undefined): SenderSpec {
  notInChina(region, "emailProvider=ses: Amazon SES", "-c emailProvider=smtp with -c smtpSecret=<secret>");
  const identity = needs(
    context,
    "sesIdentity",
    "emailProvider=ses",
    "example.gov.cn (a verified SES identity)",
  );
  const from = context.sesFrom?.trim() || (identity.includes("@") ? identity : `noreply@${identity}`);
  const domain = mailDomain(from);
  const covered = identity.includes("@")
    ? mailAddress(from) === identity.toLowerCase()
    : domain === identity.toLowerCase() || domain?.endsWith(`.${identity.toLowerCase()}`);
  if (!covered) throw new SettingsError(`sesFrom ${from} is not an address of the SES identity ${identity}`);
  if (context.sesRegion) notInChina(context.sesRegion, "sesRegion: Amazon SES", "a global region");
  const configurationSet = context.sesConfigurationSet?.trim() || undefined;
  return {
    id: "Email",
    provider: "ses",
    entry: "functions/ses-email-sender.ts",
    description: "好商量 e-mail sender (Amazon SES), with retries",
    channels: ["email"],
    environment: defined({
      EMAIL_DELIVERY: "ses",
      SES_FROM: from,
      SES_REGION: context.sesRegion,
      SES_CONFIGURATION_SET: configurationSet,
    }),
    ses: { identity, ...defined({ region: context.sesRegion, configurationSet }) },
  };
}

function emailSender(context: DeliveryContext, region: string | undefined): SenderSpec {
  const fallback = isChina(region)
    ? context.smtpSecret
      ? "smtp"
      : "outbox"
    : context.sesIdentity
      ? "ses"
      : "outbox";
  const provider = choose("emailProvider", context.emailProvider, emailProviders, fallback);
  if (provider === "ses") return sesSender(context, region);
  const smtp = provider === "smtp";
  const secret = smtp
    ? needs(context, "smtpSecret", "emailProvider=smtp", "<secret name or ARN>")
    : undefined;
  return {
    id: "Email",
    provider,
    entry: "functions/email-sender.ts",
    description: smtp
      ? "好商量 e-mail sender (SMTP relay), with retries"
      : "好商量 e-mail sender (no provider)",
    channels: ["email"],
    environment: defined({ EMAIL_DELIVERY: provider, DELIVERY_SECRET: secret, SMTP_FROM: context.smtpFrom }),
    ...(secret ? { secret } : {}),
  };
}

function snsSender(context: DeliveryContext, region: string | undefined): SenderSpec {
  notInChina(
    region,
    "smsProvider=sns: SMS through Amazon SNS",
    "-c smsProvider=aliyun or tencent with -c smsSecret=<secret>",
  );
  const senderId = context.snsSenderId?.trim() || undefined;
  if (senderId && !/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(senderId))
    throw new SettingsError(
      `snsSenderId must be 1 to 11 letters and digits, at least one a letter, not ${senderId}`,
    );
  return {
    id: "Sms",
    provider: "sns",
    entry: "functions/sns-sms-sender.ts",
    description: "好商量 SMS sender (Amazon SNS), with quiet hours and retries",
    channels: ["sms", "inbox", "chat"],
    environment: defined({ SMS_DELIVERY: "sns", SNS_SENDER_ID: senderId }),
    publishesSms: true,
  };
}

/** SMS_TEMPLATES, checked now as the sender will at cold start: a synth error beats a failed morning. */
function checkedTemplates(context: DeliveryContext, why: string): string {
  const text = needs(context, "smsTemplates", why, '\'{"step_started": {"id": "…", "params": […]}, …}\'');
  try {
    providerTemplates(text, context.smsDailyCap?.trim() !== "off");
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    // The CDK CLI ends a -c value at its first line break, so a pretty-printed file arrives as `{`.
    const cut = !text.trimEnd().endsWith("}")
      ? ` (a -c value ends at its first line break: give the file as -c smsTemplates="$(tr -d '\\n' < sms-templates.json)")`
      : "";
    throw new SettingsError(`smsTemplates: ${error.message}${cut}`);
  }
  return text;
}

function smsSender(context: DeliveryContext, region: string | undefined, signature: string): SenderSpec {
  const fallback = isChina(region) ? (context.smsSecret ? "aliyun" : "outbox") : "sns";
  const provider = choose("smsProvider", context.smsProvider, smsProviders, fallback);
  if (provider === "sns") return snsSender(context, region);
  if (provider === "outbox")
    return {
      id: "Sms",
      provider,
      entry: "functions/sms-sender.ts",
      description: "好商量 SMS sender (no provider): marks inbox notices delivered",
      channels: ["sms", "inbox", "chat"],
      environment: { SMS_DELIVERY: "outbox" },
    };
  const why = `smsProvider=${provider}`;
  const secret = needs(context, "smsSecret", why, "<secret name or ARN>");
  if (!signature.trim()) throw new SettingsError(`${why} needs -c smsSignature=<the registered signature>`);
  return {
    id: "Sms",
    provider,
    entry: "functions/sms-sender.ts",
    description: `好商量 SMS sender (${provider === "aliyun" ? "Alibaba Cloud" : "Tencent Cloud"}), with quiet hours and retries`,
    channels: ["sms", "inbox", "chat"],
    environment: defined({
      SMS_DELIVERY: provider,
      DELIVERY_SECRET: secret,
      SMS_TEMPLATES: checkedTemplates(context, why),
      TENCENT_SMS_APP_ID: provider === "tencent" ? context.tencentSmsAppId : undefined,
    }),
    secret,
  };
}

/**
 * The two senders for a stack in `region` (undefined when environment-agnostic), or a SettingsError
 * that names the context to give.
 */
export const noticeSenderSpecs = (
  context: DeliveryContext,
  region: string | undefined,
  smsSignature: string,
): readonly SenderSpec[] => [emailSender(context, region), smsSender(context, region, smsSignature)];
