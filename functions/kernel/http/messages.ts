/**
 * Every message the API shows a person, in Simplified Chinese (the default) and English. Keys are
 * stable; `{name}` placeholders are filled from the problem's params.
 */

import {
  type OpinionAction,
  type OpinionStatus,
  opinionActionNames,
  opinionStatusNames,
} from "../../domain/quota/opinions";
import { contactRoleNames } from "../../domain/registry/contacts";
import type { Language } from "../../domain/registry/members";
import { stepNames, type TopicStep } from "../../domain/topics/steps";

const catalog = {
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
  forbidden_own_contacts_only: {
    "zh-CN": "委员本人只能修改自己的联系方式和通知偏好，其他信息由县政协办公室维护",
    en: "Members may change only their own contacts and preferences; the county office keeps the rest",
  },
  forbidden_not_your_member: {
    "zh-CN": "该委员不在您负责的工作站，无法修改",
    en: "This member does not serve at any of your stations",
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
  staff_needs_station: {
    "zh-CN": "工作人员须至少负责一个工作站（室）",
    en: "A staff user needs at least one station",
  },
  stations_only_for_staff: {
    "zh-CN": "只有工作人员账号可以指定工作站（室）",
    en: "Only staff users have stations",
  },
  member_needs_member_id: {
    "zh-CN": "委员账号须指定对应的委员",
    en: "A member user needs the member record it is",
  },
  station_not_found: { "zh-CN": "工作站（室）{id} 不存在", en: "Station {id} does not exist" },
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
  version_mismatch: {
    "zh-CN": "数据已被他人修改，请刷新后重试",
    en: "Someone else changed this record; reload and try again",
  },
  already_exists: { "zh-CN": "记录已存在", en: "This record already exists" },
  lead_member: {
    "zh-CN": "牵头委员不能直接移出，请先更换牵头委员",
    en: "The lead member cannot leave; choose another lead member first",
  },
  user_exists: {
    "zh-CN": "该登录标识已开通，请在用户列表中修改",
    en: "This subject can sign in already: change it on its page in the user list",
  },
  already_serving: {
    "zh-CN": "该委员已在此工作站（室）",
    en: "This member already serves at this station",
  },
  invitation_pending: {
    "zh-CN": "已向该委员发出邀请，尚待答复",
    en: "This member already has a pending invitation here",
  },
  loop_running: {
    "zh-CN": "该议题的流程仍在运行，无需重新启动",
    en: "This topic's loop is still running; there is nothing to re-drive",
  },
  notification_not_failed: {
    "zh-CN": "只有发送失败的通知才能重新发送",
    en: "Only a notice that failed can be sent again",
  },
  invitation_closed: {
    "zh-CN": "该邀请已答复、撤回或过期，不能再答复或撤回",
    en: "This invitation was answered, withdrawn or has expired; it can no longer change",
  },
  lead_not_serving: {
    "zh-CN": "牵头委员须是已在本站的委员",
    en: "The lead member must already serve at this station",
  },
  payload_too_large: {
    "zh-CN": "请求体过大（上限 {limit} 字节）",
    en: "The request body is too large (limit {limit} bytes)",
  },
  too_many_requests: { "zh-CN": "请求过于频繁，请稍后再试", en: "Too many requests; try again shortly" },
  internal_error: {
    "zh-CN": "服务器内部错误，请稍后再试",
    en: "Something went wrong on our side; try again later",
  },
  // Field problems
  required: { "zh-CN": "必填", en: "Required" },
  invalid_type: { "zh-CN": "类型不正确，应为 {expected}", en: "Wrong type; expected {expected}" },
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
  invalid_mobile: {
    "zh-CN": "手机号码格式不正确（应为 11 位大陆手机号）",
    en: "Not a mainland China mobile number (11 digits)",
  },
  invalid_email: { "zh-CN": "电子邮箱格式不正确", en: "Not a valid email address" },
  invalid_subject: {
    "zh-CN": "登录标识格式不正确（1–200 个字母、数字或 . _ @ | : + = -）",
    en: "Not a valid subject (1–200 letters, digits or . _ @ | : + = -)",
  },
  invalid_id: { "zh-CN": "编号格式不正确", en: "Not a valid id" },
  invalid_cursor: {
    "zh-CN": "翻页游标无效，请从第一页重新查询",
    en: "Invalid cursor; start again from the first page",
  },
  invalid_format: { "zh-CN": "format 只能是 json 或 csv", en: "format must be json or csv" },
  invalid_version: { "zh-CN": "If-Match 须为版本号（正整数）", en: "If-Match must be a version number" },
  contact_not_found: { "zh-CN": "通讯录中没有联系人 {id}", en: "Contact {id} is not in the directory" },
  contact_wrong_role: {
    "zh-CN": "联系人“{name}”是{actual}，此处须为{expected}",
    en: "Contact \u201c{name}\u201d is a {actual}; this needs a {expected}",
  },
  contact_inactive: {
    "zh-CN": "联系人“{name}”已停用，请先在通讯录中启用或另选",
    en: "Contact \u201c{name}\u201d is inactive; reactivate them in the directory or choose another",
  },
  name_or_contact_required: {
    "zh-CN": "请填写姓名，或选择通讯录中的联系人",
    en: "Give a name, or choose a contact from the directory",
  },
  sms_without_phone: {
    "zh-CN": "首选短信须登记手机号码",
    en: "SMS as the preferred channel needs a mobile number",
  },
  email_without_address: {
    "zh-CN": "首选电子邮件须登记电子邮箱",
    en: "E-mail as the preferred channel needs an e-mail address",
  },
  digest_without_email: {
    "zh-CN": "每日摘要通过电子邮件发送，须登记电子邮箱",
    en: "The daily digest is sent by e-mail: it needs an e-mail address",
  },
  invalid_chat_webhook_wecom: {
    "zh-CN": "须为企业微信群机器人地址：https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
    en: "Must be a WeCom robot webhook: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
  },
  invalid_chat_webhook_dingtalk: {
    "zh-CN": "须为钉钉群机器人地址：https://oapi.dingtalk.com/robot/send?access_token=…",
    en: "Must be a DingTalk robot webhook: https://oapi.dingtalk.com/robot/send?access_token=…",
  },
  invalid_chat_secret_wecom: {
    "zh-CN": "企业微信群机器人没有加签密钥，其密钥就在地址的 key 中",
    en: "A WeCom robot has no secret: its key is in the address",
  },
  invalid_chat_secret_dingtalk: {
    "zh-CN": "钉钉加签密钥应以 SEC 开头（复制机器人安全设置里的完整密钥）",
    en: "A DingTalk signing secret starts with SEC (copy it whole from the robot's security settings)",
  },
  member_not_found: { "zh-CN": "委员 {id} 不存在", en: "Member {id} does not exist" },
  station_name_taken: {
    "zh-CN": "已有同名的工作站（室）",
    en: "A station or room with this name already exists",
  },
  phone_taken: {
    "zh-CN": "该手机号已登记给其他委员",
    en: "This mobile number is already registered to a member",
  },
  lead_member_cannot_leave: {
    "zh-CN": "该委员是本站牵头委员",
    en: "This member is the station's lead member",
  },
  // The topic loop
  wrong_step: {
    "zh-CN": "议题当前所处环节或状态不允许此操作",
    en: "The topic's current step or state does not allow this",
  },
  request_in_progress: {
    "zh-CN": "相同的请求（同一 Idempotency-Key）正在处理，请稍后再试",
    en: "The same request (same Idempotency-Key) is still being processed; try again in a moment",
  },
  idempotency_key_reused: {
    "zh-CN": "该 Idempotency-Key 已用于另一个不同的请求",
    en: "This Idempotency-Key was already used for a different request",
  },
  invalid_idempotency_key: {
    "zh-CN": "Idempotency-Key 须为 1–128 个可见 ASCII 字符",
    en: "An Idempotency-Key is 1–128 visible ASCII characters",
  },
  step_in_transition: {
    "zh-CN": "议题正在流转到下一环节，请稍后再试",
    en: "The topic is moving to its next step; try again in a moment",
  },
  topic_closed: {
    "zh-CN": "议题已办结（{closedAs}），不能再修改",
    en: "The topic is closed ({closedAs}) and cannot change",
  },
  not_current_step: {
    "zh-CN": "议题当前处于「{current}」环节，不是「{step}」",
    en: "The topic is at “{current}”, not “{step}”",
  },
  reject_only_at_determine: {
    "zh-CN": "只有在「确定议题」环节才能不予采纳（当前：{current}）",
    en: "A topic can be declined only while it is being determined (now: {current})",
  },
  return_limit_reached: {
    "zh-CN": "退回次数已达上限（{max} 次）",
    en: "The topic has been sent back {max} times already",
  },
  extension_limit_reached: {
    "zh-CN": "本环节延期次数已达上限（{max} 次）",
    en: "This step's deadline has been extended {max} times already",
  },
  not_earlier_step: {
    "zh-CN": "只能退回到当前环节之前的环节",
    en: "A topic can be sent back only to an earlier step",
  },
  deadline_not_later: {
    "zh-CN": "新期限须晚于当前期限（{current}）",
    en: "The new deadline must be later than the current one ({current})",
  },
  invalid_deadline: { "zh-CN": "期限格式不正确", en: "Not a valid deadline" },
  topic_loop_unavailable: {
    "zh-CN": "议题流程暂时无法启动，本次未保存议题，请稍后重试",
    en: "The topic loop could not be started just now; the topic was not saved. Try again in a moment",
  },
  evidence_too_large: {
    "zh-CN": "本环节材料过大（{size} KB），请精简至 {max} KB 以内，附件请另行存档",
    en: "This step's evidence is too large ({size} KB); keep it within {max} KB and file attachments separately",
  },
  deadline_too_far: {
    "zh-CN": "一次延期不能超过 {max} 天",
    en: "An extension can move the deadline by at most {max} days",
  },
  responsible_unreachable: {
    "zh-CN": "责任人须为委员，或留有手机号、电子邮箱",
    en: "The person responsible must be a member or have a phone number or email",
  },
  filter_required: {
    "zh-CN": "请至少指定 topicId 或 recipient",
    en: "Give at least topicId or recipient",
  },
  out_of_range: { "zh-CN": "超出允许范围", en: "Out of the allowed range" },
  plan_below_target_consultations: {
    "zh-CN": "全年计划的协商议事活动合计 {planned} 次，少于年度目标 {target} 次",
    en: "The year's plan has {planned} consultations, fewer than the target of {target}",
  },
  plan_below_target_opinions: {
    "zh-CN": "全年计划的社情民意信息合计 {planned} 条，少于年度目标 {target} 条",
    en: "The year's plan has {planned} public-opinion items, fewer than the target of {target}",
  },
  as_of_in_future: {
    "zh-CN": "检查日期不能晚于现在：季度尚未开始的检查会按今天的数据评判",
    en: "asOf cannot be in the future: a quarter not yet begun would be judged on today's counts",
  },
  dates_reversed: {
    "zh-CN": "开始日期不能晚于结束日期",
    en: "The start date must not be after the end date",
  },
  invalid_unit: { "zh-CN": "单位只能是 days 或 workingDays", en: "The unit must be days or workingDays" },
  escalation_out_of_order: {
    "zh-CN": "督办层级的时间须逐级递增",
    en: "Each escalation level must come after the one below it",
  },
  // Holiday calendars
  date_outside_year: { "zh-CN": "日期不在该年度内", en: "The date is not in this year" },
  duplicate_date: { "zh-CN": "日期重复", en: "Duplicate date" },
  holiday_and_workday: {
    "zh-CN": "同一天不能既放假又调休上班",
    en: "A day cannot be both a holiday and a workday",
  },
  invalid_date: { "zh-CN": "日期格式应为 YYYY-MM-DD", en: "Dates must be YYYY-MM-DD" },
  // The quota (decision 0022).
  not_found_plan: {
    "zh-CN": "该工作站（室）尚未制定本年度计划",
    en: "This station has no plan for the year yet",
  },
  not_found_quota_check: { "zh-CN": "未找到该次季度检查", en: "No such quarterly check" },
  check_running: {
    "zh-CN": "该次季度检查正在进行，请稍后查看结果",
    en: "This quarterly check is running; look at its results shortly",
  },
  invalid_year: { "zh-CN": "年份无效", en: "Not a valid year" },
  source_missing: { "zh-CN": "请注明来源（如国务院办公厅通知）", en: "Say where the dates come from" },
  workday_not_weekend: { "zh-CN": "调休上班日应为周末", en: "A make-up workday must fall on a weekend" },
  year_mismatch: { "zh-CN": "路径中的年份与内容不符", en: "The year in the path and the body differ" },
  // Why a member was suggested
  reason_expertise: {
    "zh-CN": "专长“{value}”与议题相关",
    en: "Expertise \u201c{value}\u201d fits the topic",
  },
  reason_profession: {
    "zh-CN": "职业“{value}”与议题相关",
    en: "Profession \u201c{value}\u201d fits the topic",
  },
  reason_sector: { "zh-CN": "所在界别：{value}", en: "Sector: {value}" },
  reason_serves_here: {
    "zh-CN": "已下沉本站（{value}片区）",
    en: "Already serves at this station ({value} zone)",
  },
  reason_same_township: { "zh-CN": "就近：住在{value}", en: "Lives nearby, in {value}" },
  reason_same_zone: { "zh-CN": "同在{value}片区", en: "Serves in the same zone ({value})" },
  reason_load: { "zh-CN": "已联系 {value} 个工作站（室）", en: "Serves at {value} station(s) already" },
  // —— Activities and the duty roster (issue #12) ——
  not_found_activity: { "zh-CN": "未找到该活动记录", en: "No such activity" },
  not_found_duty_shift: { "zh-CN": "未找到该值班安排", en: "No such duty shift" },
  shift_closed: {
    "zh-CN": "该值班已登记或已取消，不能重复操作",
    en: "This shift was already recorded or cancelled",
  },
  shift_not_yet: {
    "zh-CN": "值班日期未到，不能提前登记",
    en: "The shift's day has not come; it cannot be recorded yet",
  },
  activity_deleted: {
    "zh-CN": "该活动记录已删除，不能再修改",
    en: "This activity was deleted; it can no longer change",
  },
  label_required_for_other: {
    "zh-CN": "自选动作须填写活动名称",
    en: "An \u201cother\u201d (X) activity needs a label",
  },
  label_only_for_other: {
    "zh-CN": "只有自选动作才填写活动名称",
    en: "Only an \u201cother\u201d (X) activity takes a label",
  },
  date_in_future: {
    "zh-CN": "日期不能晚于今天（{today}）",
    en: "The date cannot be after today ({today})",
  },
  date_before_received: {
    "zh-CN": "日期不能早于收集日期（{date}）",
    en: "The date cannot be before the item was received ({date})",
  },
  date_before_report: {
    "zh-CN": "日期不能早于报送日期（{date}）",
    en: "The date cannot be before the item was reported ({date})",
  },
  date_in_past: {
    "zh-CN": "值班日期不能早于今天（{today}）",
    en: "A shift cannot be planned before today ({today})",
  },
  duplicate_member: { "zh-CN": "委员重复", en: "A member is listed twice" },
  member_unknown: { "zh-CN": "未找到委员 {id}", en: "Member {id} is not registered" },
  not_serving_here: {
    "zh-CN": "该委员未下沉本工作站（室），不能排班",
    en: "This member does not serve at this station",
  },
  already_on_duty: {
    "zh-CN": "该委员 {date} 已有本站的值班安排",
    en: "This member already has a shift here on {date}",
  },
  topic_unknown: {
    "zh-CN": "本工作站（室）没有议题 {id}",
    en: "This station has no topic {id}",
  },
  correction_reason_required: { "zh-CN": "请填写修改或删除的原因", en: "Say why (reason)" },
  // 社情民意 items and topic categories
  not_found_opinion: { "zh-CN": "未找到该社情民意信息", en: "No such public-opinion item" },
  opinion_wrong_status: {
    "zh-CN": "该社情民意信息当前状态不允许此操作",
    en: "The public-opinion item's current status does not allow this",
  },
  opinion_status_forbids: {
    "zh-CN": "当前状态为「{opinionStatus}」，不能{opinionAction}",
    en: "It is “{opinionStatus}”: it cannot {opinionAction}",
  },
  opinion_already_promoted: {
    "zh-CN": "该社情民意信息已转为议题，不能重复转办",
    en: "This public-opinion item has already been made a topic",
  },
  opinion_promoted_to: { "zh-CN": "已转为议题 {topicId}", en: "Already topic {topicId}" },
  submitter_required: {
    "zh-CN": "群众反映的社情民意须填写反映人（姓名必填，联系方式可不填）",
    en: "An item from a resident needs the submitter (a name; contacts are optional)",
  },
  member_required: { "zh-CN": "委员提交的社情民意须注明委员", en: "An item from a member needs the member" },
  member_only_for_member_items: {
    "zh-CN": "群众反映的社情民意不填写委员（memberId 仅用于委员提交）",
    en: "memberId is for an item from a member, not from a resident",
  },
  submitter_only_for_resident_items: {
    "zh-CN": "委员提交的社情民意不填写反映人（submitter 仅用于群众反映）",
    en: "submitter is for an item from a resident, not from a member",
  },
  not_your_own_member_id: {
    "zh-CN": "委员只能以本人名义提交",
    en: "A member may submit only in their own name",
  },
  no_lead_member: {
    "zh-CN": "本站未设牵头委员，请指定议题责任人",
    en: "The station has no lead member: name the person responsible",
  },
  unknown_topic_category: {
    "zh-CN": "议题类别无效，可选：{allowed}",
    en: "Unknown topic category; allowed: {allowed}",
  },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof catalog;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalog, key);
}

const closedAsNames: Readonly<Record<string, Record<Language, string>>> = {
  completed: { "zh-CN": "闭环办结", en: "completed" },
  rejected: { "zh-CN": "不予采纳", en: "not adopted" },
};

/** Params that hold a step, an outcome or a contact's role are codes; the reader sees their names. */
function paramText(name: string, value: string | number, language: Language): string {
  const text = String(value);
  if (["step", "current", "toStep"].includes(name) && Object.hasOwn(stepNames, text)) {
    return stepNames[text as TopicStep][language];
  }
  if (["actual", "expected"].includes(name) && Object.hasOwn(contactRoleNames, text)) {
    return contactRoleNames[text as keyof typeof contactRoleNames][language];
  }
  if (name === "opinionStatus" && Object.hasOwn(opinionStatusNames, text))
    return opinionStatusNames[text as OpinionStatus][language];
  if (name === "opinionAction" && Object.hasOwn(opinionActionNames, text))
    return opinionActionNames[text as OpinionAction][language];
  if (name === "closedAs" && Object.hasOwn(closedAsNames, text))
    return closedAsNames[text]?.[language] ?? text;
  return text;
}

export function message(
  key: MessageKey,
  language: Language,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return catalog[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => {
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
