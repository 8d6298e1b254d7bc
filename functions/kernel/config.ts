/**
 * Runtime configuration, read once per cold start and validated, so that a missing setting fails
 * loudly at init instead of on the first request.
 */
import { parseChatWebhookHosts } from "../domain/notices/chat-webhook";
import { parseTopicCategories, type TopicCategory } from "../domain/topics/categories";

export interface RuntimeConfig {
  readonly tableName: string;
  readonly region: string;
  /** Set only for the local runtime (DynamoDB Local). */
  readonly dynamodbEndpoint: string | undefined;
  /** IANA zone used for "today", quarters and deadlines. */
  readonly timeZone: string;
  readonly countyName: string;
  readonly defaultLanguage: "zh-CN" | "en";
  /** Days a member has to answer an invitation to serve at a station (INVITATION_DAYS, default 14). */
  readonly invitationDays: number;
  /** The console's address (CONSOLE_URL), for links to a topic in notices; none when unset. */
  readonly consoleUrl: string | undefined;
}

export class ConfigurationError extends Error {}

/** An IANA zone the runtime knows; a typo would otherwise surface as "Invalid time value" on every deadline. */
function validTimeZone(zone: string): string {
  // The list is cheap (a few ms); building a formatter for the zone costs some 20 ms of cold start,
  // so it is only the fallback for aliases the list does not name (e.g. "PRC").
  if (Intl.supportedValuesOf("timeZone").includes(zone)) return zone;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    throw new ConfigurationError(
      `COUNTY_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, not ${zone}`,
    );
  }
}

const zoneOf = (env: NodeJS.ProcessEnv) => validTimeZone(env.COUNTY_TIME_ZONE ?? "Asia/Shanghai");

let zone: string | undefined;

/**
 * The county's time zone alone (COUNTY_TIME_ZONE), for code that needs no table: a message that
 * names an instant. Read on first use, apart from `config()`.
 */
export function countyTimeZone(): string {
  zone ??= zoneOf(process.env);
  return zone;
}

function positiveDays(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1)
    throw new ConfigurationError(`${name} must be a whole number of days (1 or more), not ${value}`);
  return days;
}

/** The console's address alone (CONSOLE_URL), for code that needs no table: a robot's message. */
export const consoleAddress = (): string | undefined => consoleUrl(process.env.CONSOLE_URL);

function consoleUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(value))
    throw new ConfigurationError(
      `CONSOLE_URL must be an address such as https://hsl.example.gov.cn, not ${value}`,
    );
  return value.replace(/\/+$/, "");
}

export function readConfig(env: NodeJS.ProcessEnv): RuntimeConfig {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new ConfigurationError("TABLE_NAME is not set");
  const language = env.DEFAULT_LANGUAGE ?? "zh-CN";
  if (language !== "zh-CN" && language !== "en") {
    throw new ConfigurationError(`DEFAULT_LANGUAGE must be zh-CN or en, not ${language}`);
  }
  return {
    tableName,
    region: env.AWS_REGION ?? "cn-north-1",
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    timeZone: zoneOf(env),
    countyName: env.COUNTY_NAME ?? "",
    defaultLanguage: language,
    invitationDays: positiveDays("INVITATION_DAYS", env.INVITATION_DAYS, 14),
    consoleUrl: consoleUrl(env.CONSOLE_URL),
  };
}

let cached: RuntimeConfig | undefined;

/** The process's configuration, read on first use. */
export function config(): RuntimeConfig {
  cached ??= readConfig(process.env);
  return cached;
}

let webhookHosts: readonly string[] | undefined;

/**
 * Hosts (host:port) besides WeCom's and DingTalk's that a station's chat-robot webhook may name:
 * local receivers for tests and demos (`CHAT_WEBHOOK_HOSTS`, comma-separated; none by default).
 * Read on first use, apart from `config()`, so that request validation needs no table settings.
 */
export function chatWebhookHosts(): readonly string[] {
  try {
    webhookHosts ??= parseChatWebhookHosts(process.env.CHAT_WEBHOOK_HOSTS);
  } catch (error) {
    throw new ConfigurationError(`CHAT_WEBHOOK_HOSTS: ${(error as Error).message}`);
  }
  return webhookHosts;
}

let categories: readonly TopicCategory[] | undefined;

/**
 * The topic categories (`TOPIC_CATEGORIES`, a JSON array of `{"id", "zh-CN", "en"}`; default
 * 党政要事 / 民生实事 / 社会治理难事). Read on first use, apart from `config()`; the topics and
 * activities entries read it at start-up, so a bad setting fails the cold start, not a request.
 */
/** Reads TOPIC_CATEGORIES again (tests that change it). */
export function resetTopicCategories(): void {
  categories = undefined;
}

export function topicCategories(): readonly TopicCategory[] {
  try {
    categories ??= parseTopicCategories(process.env.TOPIC_CATEGORIES);
  } catch (error) {
    throw new ConfigurationError(`TOPIC_CATEGORIES ${(error as Error).message}`);
  }
  return categories;
}
