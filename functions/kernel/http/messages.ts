/**
 * The messages the API shows a person, in Simplified Chinese (the default) and English. Keys are
 * stable; `{name}` placeholders are filled from the problem's params.
 *
 * The kernel holds the messages any operation can produce (the request's format, sign-in, roles, a
 * record not found, a version conflict, field problems, Idempotency-Key). Each part keeps the
 * messages only its own operations produce beside them (e.g. functions/topics/messages/) and adds
 * them with `addMessages` when the Lambda entry that serves those operations imports them, so a
 * function bundles only the messages it can answer with (docs/decisions/0010, addendum). Every key
 * has one text, in one place; test/unit/api/message-reach.test.ts checks that no bundle can produce
 * a key it does not carry.
 */

import { localDateTime } from "../../domain/local-time";
import type { Language } from "../../domain/registry/members";
import { countyTimeZone } from "../config";
import { isoDateTimePattern } from "../formats";

/** Messages by key, each in both languages. */
export type Messages = Readonly<Record<string, Readonly<Record<Language, string>>>>;

/**
 * Codes a message's params carry (a step, a contact's role, an outcome), by param name; the reader
 * sees their names instead (`{step}` → 「确定议题」).
 */
export type ParamNames = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<Language, string>>>>>
>;

/** The messages of the kernel: what any operation can answer with. */
export const kernelMessages = {
  validation_failed: {
    "zh-CN": "请求内容有误，请检查：{fields}",
    en: "The request is invalid; check: {fields}",
  },
  invalid_json: { "zh-CN": "请求体不是有效的 JSON", en: "The request body is not valid JSON" },
  unsupported_media_type: {
    "zh-CN": "请求体须为 application/json",
    en: "The request body must be application/json",
  },
  unauthorized: { "zh-CN": "未登录或登录已过期", en: "Sign-in is missing or has expired" },
  forbidden_role: { "zh-CN": "您的角色无权执行此操作", en: "Your role may not do this" },
  forbidden_read_only: {
    "zh-CN": "委员账号只能查看，不能修改",
    en: "Member accounts can read but not change",
  },
  forbidden_view_admin_only: {
    "zh-CN": "仅县政协办公室可查看",
    en: "Only the county office may view this",
  },
  forbidden_view_role: {
    "zh-CN": "您的账号无权查看此内容",
    en: "Your account may not view this",
  },
  forbidden_own_contacts_only: {
    "zh-CN": "委员本人只能修改自己的联系方式和通知偏好，其他信息由县政协办公室维护",
    en: "Members may change only their own contacts and preferences; the county office keeps the rest",
  },
  forbidden_not_your_member: {
    "zh-CN": "该委员不在您负责的工作站，无法修改",
    en: "This member does not serve at any of your stations",
  },
  forbidden_own_evaluation_only: {
    "zh-CN": "委员只能查看本人的量化考评",
    en: "A member may see only their own evaluation",
  },
  forbidden_chat_robot_admin_only: {
    "zh-CN": "工作站群机器人由县政协办公室设置",
    en: "Only the county office sets a station's group-chat robot",
  },
  forbidden_unknown_user: {
    "zh-CN": "您的账号尚未在本系统登记，请联系县政协办公室开通",
    en: "Your account is not registered here; ask the county office to add you",
  },
  forbidden_user_inactive: {
    "zh-CN": "您的账号已停用，如有疑问请联系县政协办公室",
    en: "Your account has been deactivated; ask the county office if this is a mistake",
  },
  not_found_user: { "zh-CN": "未找到该用户", en: "No such user" },
  not_found_contact: { "zh-CN": "通讯录中没有该联系人", en: "No such contact in the directory" },
  not_found_station: { "zh-CN": "未找到该工作站（室）", en: "No such station or room" },
  not_found_member: { "zh-CN": "未找到该委员", en: "No such member" },
  not_found_assignment: {
    "zh-CN": "该委员未在此工作站（室）",
    en: "This member does not serve at this station",
  },
  not_found_invitation: { "zh-CN": "未找到该邀请", en: "No such invitation" },
  not_found_notification: { "zh-CN": "未找到该通知", en: "No such notice" },
  not_found_topic: { "zh-CN": "未找到该议题", en: "No such topic" },
  not_found_route: { "zh-CN": "没有这个接口", en: "No such endpoint" },
  payload_too_large: {
    "zh-CN": "请求体过大（上限 {limit} 字节）",
    en: "The request body is too large (limit {limit} bytes)",
  },
  too_many_requests: { "zh-CN": "请求过于频繁，请稍后再试", en: "Too many requests; try again shortly" },
  // A field problem (validation.ts; the rest are in request-messages.ts): here because so common a word
  // is named in every bundle, by the SDK if by nothing of ours (test/unit/api/message-reach.test.ts).
  required: { "zh-CN": "必填", en: "Required" },
  internal_error: {
    "zh-CN": "服务器内部错误，请稍后再试",
    en: "Something went wrong on our side; try again later",
  },
  request_in_progress: {
    "zh-CN": "相同的请求（同一 Idempotency-Key）正在处理，请稍后再试",
    en: "The same request (same Idempotency-Key) is still being processed; try again in a moment",
  },
  idempotency_key_reused: {
    "zh-CN": "该 Idempotency-Key 已用于另一个不同的请求",
    en: "This Idempotency-Key was already used for a different request",
  },
  // Not found, for the parts' own records (the NotFoundError of any part reaches the edge here)
  not_found_plan: {
    "zh-CN": "该工作站（室）尚未制定本年度计划",
    en: "This station has no plan for the year yet",
  },
  not_found_quota_check: { "zh-CN": "未找到该次季度检查", en: "No such quarterly check" },
  not_found_activity: { "zh-CN": "未找到该活动记录", en: "No such activity" },
  not_found_duty_shift: { "zh-CN": "未找到该值班安排", en: "No such duty shift" },
  not_found_opinion: { "zh-CN": "未找到该社情民意信息", en: "No such public-opinion item" },
} as const satisfies Messages;

const catalog: Record<string, Readonly<Record<Language, string>>> = { ...kernelMessages };
const paramNames: Record<string, Record<string, ParamNames[string][string]>> = {};

/** Adds `from`'s entries to `into`; an entry defined before, differently, throws. */
function addOnce<V>(into: Record<string, V>, from: Readonly<Record<string, V>>, what: string): void {
  for (const [key, value] of Object.entries(from)) {
    if (Object.hasOwn(into, key) && into[key] !== value) throw new Error(`${what} ${key} is defined twice`);
    into[key] = value;
  }
}

/**
 * Adds a part's messages (and the names its params' codes stand for) to those this function answers
 * with; returns them. A key is defined once, and so is each code of a param name: a second, different
 * definition throws. Two parts may name different codes of one param (`expected`: a type, a role).
 */
export function addMessages<const T extends Messages>(messages: T, names: ParamNames = {}): T {
  addOnce(catalog, messages, "message");
  for (const [name, codes] of Object.entries(names)) {
    if (!Object.hasOwn(paramNames, name)) paramNames[name] = {};
    addOnce(paramNames[name] as Record<string, ParamNames[string][string]>, codes, `param ${name}: code`);
  }
  return messages;
}

export type MessageKey = string;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalog, key);
}

/**
 * Params that hold a step, an outcome or a contact's role are codes; the reader sees their names. An
 * instant (the API's UTC form, `2026-12-11T15:59:59.999Z`) is shown as the county reads it:
 * `2026-12-11 23:59`, its local date and time.
 */
function paramText(name: string, value: string | number, language: Language): string {
  const text = String(value);
  if (isoDateTimePattern.test(text)) return localDateTime(text, countyTimeZone());
  const names = Object.hasOwn(paramNames, name) ? paramNames[name] : undefined;
  return names && Object.hasOwn(names, text) ? (names[text]?.[language] ?? text) : text;
}

/** The message in the language; a key this function does not carry reads as the key itself. */
export function message(
  key: MessageKey,
  language: Language,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const texts = Object.hasOwn(catalog, key) ? catalog[key] : undefined;
  if (!texts) return key;
  return texts[language].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : paramText(name, value, language);
  });
}

/** The caller's language from Accept-Language: English when English is preferred, otherwise Chinese. */
export function negotiateLanguage(acceptLanguage: string | undefined, fallback: Language): Language {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? "1");
      return { tag, q: Number.isNaN(q) ? 0 : q };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return fallback;
}
