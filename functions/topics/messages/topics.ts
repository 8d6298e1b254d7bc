/**
 * Messages of the topics API: the six-step loop, the delivery log, the holiday calendars.
 * Added to the kernel's messages (kernel/http/messages.ts) by the entries that serve them.
 */
import { stepNames } from "../../domain/topics/steps";
import { addMessages } from "../../kernel/http/messages";

export const topicMessages = addMessages(
  {
    loop_running: {
      "zh-CN": "该议题的流程仍在运行，无需重新启动",
      en: "This topic's loop is still running; there is nothing to re-drive",
    },
    notification_not_failed: {
      "zh-CN": "只有发送失败的通知才能重新发送",
      en: "Only a notice that failed can be sent again",
    },
    // The topic loop
    wrong_step: {
      "zh-CN": "议题当前所处环节或状态不允许此操作",
      en: "The topic's current step or state does not allow this",
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
      "zh-CN": "新期限须晚于当前期限（{currentDeadline}）",
      en: "The new deadline must be later than the current one ({currentDeadline})",
    },
    invalid_deadline: { "zh-CN": "期限格式不正确", en: "Not a valid deadline" },
    evidence_too_large: {
      "zh-CN": "本环节材料过大（{size} KB），请精简至 {max} KB 以内，附件请另行存档",
      en: "This step's evidence is too large ({size} KB); keep it within {max} KB and file attachments separately",
    },
    deadline_too_far: {
      "zh-CN": "一次延期不能超过 {max} 天",
      en: "An extension can move the deadline by at most {max} days",
    },
    filter_required_for_status: {
      "zh-CN":
        "按状态 {status} 查询须同时指定议题（topicId）或收件人（recipient）：只有失败、暂缓、待发送和发送中的通知可单按状态查询",
      en: "With status {status}, give topicId or recipient too: only failed, held, queued and sending notices can be listed by status alone",
    },
    filter_required: {
      "zh-CN": "请至少指定 topicId 或 recipient",
      en: "Give at least topicId or recipient",
    },
    dates_reversed: {
      "zh-CN": "开始日期不能晚于结束日期",
      en: "The start date must not be after the end date",
    },
    // Holiday calendars
    date_outside_year: { "zh-CN": "日期不在该年度内", en: "The date is not in this year" },
    duplicate_date: { "zh-CN": "日期重复", en: "Duplicate date" },
    holiday_and_workday: {
      "zh-CN": "同一天不能既放假又调休上班",
      en: "A day cannot be both a holiday and a workday",
    },
    invalid_date: { "zh-CN": "日期格式应为 YYYY-MM-DD", en: "Dates must be YYYY-MM-DD" },
    source_missing: { "zh-CN": "请注明来源（如国务院办公厅通知）", en: "Say where the dates come from" },
    workday_not_weekend: { "zh-CN": "调休上班日应为周末", en: "A make-up workday must fall on a weekend" },
    year_mismatch: { "zh-CN": "路径中的年份与内容不符", en: "The year in the path and the body differ" },
  },
  {
    step: stepNames,
    current: stepNames,
    toStep: stepNames,
    closedAs: {
      completed: { "zh-CN": "闭环办结", en: "completed" },
      rejected: { "zh-CN": "不予采纳", en: "not adopted" },
    },
  },
);
