/**
 * Messages about a request's input and the record it changes: field problems, a cursor, a format,
 * an If-Match version, an Idempotency-Key, a record that exists already or changed meanwhile. Every
 * function built with createApiHandler (operations with a caller and input) carries them; a function
 * of public operations only (meta) has none of these to say.
 */
import { addMessages } from "./messages";

/** The types a field may be expected to have (validation.ts, kernel/contracts.ts), as the reader says them. */
const typeNames = {
  string: { "zh-CN": "文本", en: "a string" },
  number: { "zh-CN": "数字", en: "a number" },
  int: { "zh-CN": "整数", en: "an integer" },
  boolean: { "zh-CN": "是或否（布尔值）", en: "true or false" },
  array: { "zh-CN": "列表", en: "a list" },
  object: { "zh-CN": "对象", en: "an object" },
  record: { "zh-CN": "对象", en: "an object" },
} as const;

export const requestMessages = addMessages(
  {
    version_mismatch: {
      "zh-CN": "数据已被他人修改，请刷新后重试",
      en: "Someone else changed this record; reload and try again",
    },
    already_exists: { "zh-CN": "记录已存在", en: "This record already exists" },
    // Field problems (validation.ts)
    invalid_type: { "zh-CN": "类型不正确，应为{expected}", en: "Wrong type; expected {expected}" },
    too_short: { "zh-CN": "至少 {minimum} 个字符", en: "At least {minimum} characters" },
    too_long: { "zh-CN": "最多 {maximum} 个字符", en: "At most {maximum} characters" },
    too_few: { "zh-CN": "至少 {minimum} 项", en: "At least {minimum} items" },
    too_many: { "zh-CN": "最多 {maximum} 项", en: "At most {maximum} items" },
    too_small: { "zh-CN": "不能小于 {minimum}", en: "Must be at least {minimum}" },
    too_big: { "zh-CN": "不能大于 {maximum}", en: "Must be at most {maximum}" },
    too_small_exclusive: { "zh-CN": "必须大于 {minimum}", en: "Must be greater than {minimum}" },
    too_big_exclusive: { "zh-CN": "必须小于 {maximum}", en: "Must be less than {maximum}" },
    invalid_value: { "zh-CN": "取值无效，可选：{allowed}", en: "Invalid value; allowed: {allowed}" },
    invalid_value_generic: { "zh-CN": "取值无效", en: "Invalid value" },
    unknown_field: { "zh-CN": "不支持的字段", en: "Unknown field" },
    invalid_id: { "zh-CN": "编号格式不正确", en: "Not a valid id" },
    invalid_cursor: {
      "zh-CN": "翻页游标无效，请从第一页重新查询",
      en: "Invalid cursor; start again from the first page",
    },
    invalid_format: { "zh-CN": "format 只能是 json 或 csv", en: "format must be json or csv" },
    csv_not_offered: {
      "zh-CN": "该接口不提供 CSV 导出，请去掉 format=csv",
      en: "This endpoint has no CSV export: leave out format=csv",
    },
    invalid_version: { "zh-CN": "If-Match 须为版本号（正整数）", en: "If-Match must be a version number" },
    invalid_idempotency_key: {
      "zh-CN": "Idempotency-Key 须为 1–128 个可见 ASCII 字符",
      en: "An Idempotency-Key is 1–128 visible ASCII characters",
    },
  },
  { expected: typeNames },
);
