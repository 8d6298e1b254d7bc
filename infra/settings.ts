/**
 * The per-county parameters of a deployment, read from CDK context (`cdk.json` or `-c key=value`).
 * One stack serves one county; nothing here or elsewhere in code names a real county.
 */
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Node } from "constructs";
import { parseEvaluationWeights } from "../functions/domain/evaluation/weights";
import { parseQuotaTargets } from "../functions/domain/quota/targets";
import { parseTopicCategories } from "../functions/domain/topics/categories";
import { type ApiDomainSettings, apiDomainFromContext, checkApiDomain } from "./api-domain-settings";
import { consoleFromContext, resolveConsole } from "./console-settings";
import { type DeliveryContext, deliveryContextKeys, noticeSenderSpecs } from "./delivery";
import {
  checkIdentityInRegion,
  defaultIdentity,
  type IdentitySettings,
  resolveIdentity,
} from "./identity-settings";
import { noticeRulesFromContext } from "./notice-rules";
import {
  defaultOperationsSettings,
  type OperationsSettings,
  operationsFromContext,
} from "./operations-settings";
import { checkRegion } from "./regions";
import { SettingsError } from "./settings-error";

export { SettingsError };

export type Language = "zh-CN" | "en";
export type MfaMode = "required" | "optional";
/** The Lambda functions' instruction set (decision 0025). */
export type FunctionArchitecture = "arm64" | "x86_64";
export const functionArchitectures: readonly FunctionArchitecture[] = ["arm64", "x86_64"];

export interface CountySettings {
  /** The county's display name (any script), passed to the functions as COUNTY_NAME. */
  readonly county: string;
  /** ASCII slug for resource and stack names: lowercase letters, digits and dashes. */
  readonly countySlug: string;
  /** IANA time zone for "today", quarters and deadlines. */
  readonly timeZone: string;
  readonly defaultLanguage: Language;
  /** The SMS signature (签名) registered for the county's text messages; empty until one is. */
  readonly smsSignature: string;
  /** Retention of function and access logs. */
  readonly logRetention: RetentionDays;
  /**
   * Origins allowed by CORS; when not given, the console's address if the stack hosts it, else `*`.
   * Bearer tokens, not cookies, carry identity, so `*` exposes nothing.
   */
  readonly allowedOrigins?: readonly string[];
  /** Steady-state requests per second for the whole API stage. */
  readonly throttleRateLimit: number;
  /** Burst capacity for the whole API stage. */
  readonly throttleBurstLimit: number;
  /** `required` (TOTP for every user) unless a county decides otherwise and says why. */
  readonly mfa: MfaMode;
  /** The notices' providers and their settings (infra/delivery.ts), resolved with the stack's region. */
  readonly delivery: DeliveryContext;
  /** Quiet hours, urgent templates, cost limits and the console's address, as environment (infra/notice-rules.ts). */
  readonly noticeRules: Readonly<Record<string, string>>;
  /** The topic categories as JSON (TOPIC_CATEGORIES, functions/domain/topics/categories.ts); the defaults when absent. */
  readonly topicCategories?: string;
  /** The quota's targets by year as JSON (QUOTA_TARGETS, functions/domain/quota/targets.ts); 4 and 10 when absent. */
  readonly quotaTargets?: string;
  /** The evaluation's weights as JSON (EVALUATION_WEIGHTS, functions/domain/evaluation/weights.ts); decision 0027's defaults when absent. */
  readonly evaluationWeights?: string;
  /** Alerts, retention of notices and backups, the table's key (infra/operations-settings.ts). */
  readonly operations: OperationsSettings;
  /** The AWS region the stack is for (its partition follows); environment-agnostic when absent. */
  readonly region?: string;
  /** arm64 (Graviton) unless a county has a reason for x86_64 (decision 0025). */
  readonly architecture: FunctionArchitecture;
  /** Who signs the tokens: the stack's Cognito user pool or the county's OIDC provider (infra/identity-settings.ts). */
  readonly identity: IdentitySettings;
  /** The API's own name and its certificate (`apiDomainName`, `apiCertificateArn`); none by default. */
  readonly apiDomain?: ApiDomainSettings;
  /** Host the console on S3 and CloudFront; on by default except in the China regions (infra/console-settings.ts). */
  readonly console: boolean;
}

export const defaultSettings: CountySettings = {
  county: "demo-county",
  countySlug: "demo-county",
  timeZone: "Asia/Shanghai",
  defaultLanguage: "zh-CN",
  smsSignature: "",
  logRetention: RetentionDays.ONE_MONTH,
  throttleRateLimit: 50,
  throttleBurstLimit: 100,
  mfa: "required",
  delivery: {},
  noticeRules: {},
  operations: defaultOperationsSettings,
  architecture: "arm64",
  identity: defaultIdentity,
  console: true,
};

/** Lowercase ASCII letters and digits, runs of anything else collapsed into one dash. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/** Settings with defaults filled in and every value checked; throws SettingsError on a bad one. */
export function resolveSettings(input: Partial<CountySettings> = {}): CountySettings {
  const county = (input.county ?? defaultSettings.county).trim();
  if (!county) throw new SettingsError("county must not be empty");
  const countySlug = input.countySlug ?? slugify(county);
  if (!input.countySlug && !/^[a-z]/.test(countySlug)) {
    throw new SettingsError(
      `county "${county}" gives no slug for the stack's name (Haoshangliang-<slug>): ` +
        "add -c countySlug=<a-z, 0-9 and dashes, starting with a letter>, e.g. -c countySlug=mouxian",
    );
  }
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(countySlug)) {
    throw new SettingsError(
      `countySlug "${countySlug}" must start with a letter and hold only a-z, 0-9 and dashes (at most 40); ` +
        "set it with -c countySlug=... when the county name is not in Latin letters",
    );
  }
  const timeZone = input.timeZone ?? defaultSettings.timeZone;
  if (!isTimeZone(timeZone)) throw new SettingsError(`timeZone "${timeZone}" is not an IANA time zone`);
  const hostConsole = resolveConsole(input.console, input.region);
  const settings: CountySettings = {
    ...defaultSettings,
    ...input,
    county,
    countySlug,
    timeZone,
    console: hostConsole,
  };
  if (settings.defaultLanguage !== "zh-CN" && settings.defaultLanguage !== "en") {
    throw new SettingsError(`defaultLanguage must be zh-CN or en, not ${String(settings.defaultLanguage)}`);
  }
  if (settings.mfa !== "required" && settings.mfa !== "optional") {
    throw new SettingsError(`mfa must be required or optional, not ${String(settings.mfa)}`);
  }
  if (!Object.values(RetentionDays).includes(settings.logRetention)) {
    throw new SettingsError(`logRetentionDays ${settings.logRetention} is not a CloudWatch Logs retention`);
  }
  for (const [name, value] of [
    ["throttleRateLimit", settings.throttleRateLimit],
    ["throttleBurstLimit", settings.throttleBurstLimit],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0) throw new SettingsError(`${name} must be a positive integer`);
  }
  if (settings.allowedOrigins?.length === 0) throw new SettingsError("allowedOrigins must not be empty");
  checkWhere(settings);
  return settings;
}

/** The region, the functions' architecture, and the services chosen that the region must offer. */
function checkWhere(settings: CountySettings): void {
  if (settings.region !== undefined) checkRegion(settings.region);
  if (!functionArchitectures.includes(settings.architecture)) {
    throw new SettingsError(
      `architecture must be ${functionArchitectures.join(" or ")}, not ${String(settings.architecture)}`,
    );
  }
  checkIdentityInRegion(settings.identity, settings.region);
  if (settings.apiDomain) checkApiDomain(settings.apiDomain, settings.region);
  // The senders as the stack will choose them: SES or SNS in a China region fails here, by name.
  noticeSenderSpecs(settings.delivery, settings.region, settings.smsSignature);
}

/**
 * Settings from the app's context; keys are the CountySettings names, plus `logRetentionDays` and
 * the identity's `oidcIssuer` and `oidcAudience`. `fallbackRegion` (the CLI's CDK_DEFAULT_REGION)
 * stands in when no `region` is given.
 */
export function settingsFromContext(node: Node, fallbackRegion?: string): CountySettings {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string" && typeof value !== "number") {
      throw new SettingsError(`context ${key} must be a string`);
    }
    return String(value).trim();
  };
  const integer = (key: string): number | undefined => {
    const value = text(key);
    if (value === undefined || value === "") return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed)) throw new SettingsError(`context ${key} must be an integer, not ${value}`);
    return parsed;
  };
  const list = (key: string): readonly string[] | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null) return undefined;
    const items = Array.isArray(value) ? value.map(String) : String(value).split(",");
    return items.map((item) => item.trim()).filter((item) => item !== "");
  };

  const input: { -readonly [K in keyof CountySettings]?: CountySettings[K] } = {};
  const county = text("county");
  if (county !== undefined) input.county = county;
  const countySlug = text("countySlug");
  if (countySlug) input.countySlug = countySlug;
  const timeZone = text("timeZone");
  if (timeZone) input.timeZone = timeZone;
  const language = text("defaultLanguage");
  if (language) input.defaultLanguage = language as Language;
  const smsSignature = text("smsSignature");
  if (smsSignature !== undefined) input.smsSignature = smsSignature;
  const retention = integer("logRetentionDays");
  if (retention !== undefined) input.logRetention = retention as RetentionDays;
  const origins = list("allowedOrigins");
  if (origins !== undefined) input.allowedOrigins = origins;
  const rate = integer("throttleRateLimit");
  if (rate !== undefined) input.throttleRateLimit = rate;
  const burst = integer("throttleBurstLimit");
  if (burst !== undefined) input.throttleBurstLimit = burst;
  const mfa = text("mfa");
  if (mfa) input.mfa = mfa as MfaMode;
  input.delivery = deliveryFromContext(node);
  input.noticeRules = noticeRulesFromContext(text);
  input.operations = operationsFromContext(text);
  const categories = jsonFromContext(node, "topicCategories", parseTopicCategories);
  if (categories !== undefined) input.topicCategories = categories;
  const targets = jsonFromContext(node, "quotaTargets", parseQuotaTargets);
  if (targets !== undefined) input.quotaTargets = targets;
  const weights = jsonFromContext(node, "evaluationWeights", parseEvaluationWeights);
  if (weights !== undefined) input.evaluationWeights = weights;
  const region = text("region") || fallbackRegion?.trim();
  if (region) input.region = region;
  const architecture = text("architecture");
  if (architecture) input.architecture = architecture as FunctionArchitecture;
  const hostConsole = consoleFromContext(node.tryGetContext("console"));
  if (hostConsole !== undefined) input.console = hostConsole;
  const apiDomain = apiDomainFromContext(text);
  if (apiDomain) input.apiDomain = apiDomain;
  input.identity = resolveIdentity({
    identity: text("identity"),
    oidcIssuer: text("oidcIssuer"),
    oidcAudience: list("oidcAudience"),
    tokenUse: text("tokenUse"),
    bootstrapAdmins: list("bootstrapAdmins"),
  });
  return resolveSettings(input);
}

/** A JSON setting (in cdk.json, or its text with -c), checked as the functions will read it. */
function jsonFromContext(node: Node, key: string, check: (json: string) => unknown): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === "") return undefined;
  const json = typeof value === "object" ? JSON.stringify(value) : String(value);
  try {
    check(json);
  } catch (error) {
    throw new SettingsError(`context ${key} ${(error as Error).message}`);
  }
  return json;
}

/** The delivery keys that are set; a JSON value (smsTemplates in cdk.json) as its text. */
function deliveryFromContext(node: Node): DeliveryContext {
  const entries = deliveryContextKeys.flatMap((key): [string, string][] => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === "") return [];
    return [[key, typeof value === "object" ? JSON.stringify(value) : String(value).trim()]];
  });
  return Object.fromEntries(entries) as DeliveryContext;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
