/** The quarterly check's notices (decision 0022): a station behind pace, one at risk, the county office's summary. */
import type { NoticeTemplate, SmsPattern } from "../templates";

/** The SMS of `quotaBehind` (templates/sms.ts lists every template's for the senders). */
export const quotaBehindSms = {
  "zh-CN": "{recipientName}：{stationName}{year}年4+X进度滞后，尚差{missing}，请抓紧安排。",
  en: "{recipientName}: {stationName} behind on 4+X {year}, short {missing}.",
} as const satisfies SmsPattern;

export const quotaBehind = {
  id: "quota_behind",
  subject: { "zh-CN": "{stationName}“4+X”进度滞后", en: "{stationName} is behind on its 4+X" },
  text: {
    "zh-CN":
      "{recipientName}：{checkName}“4+X”季度检查显示，{stationName}{year}年进度滞后，按计划尚差{missing}（全年须完成协商议事{consultationTarget}次、社情民意{opinionTarget}条）。请抓紧安排活动并在平台录入。",
    en: "{recipientName}: the {checkName} 4+X check found {stationName} behind for {year}: short of {missing} by now (the year's targets: {consultationTarget} consultations, {opinionTarget} opinion items). Please plan the activities and record them.",
  },
  sms: quotaBehindSms,
} as const satisfies NoticeTemplate;

/** The SMS of `quotaAtRisk` (templates/sms.ts lists every template's for the senders). */
export const quotaAtRiskSms = {
  "zh-CN": "{recipientName}：您联系的{stationName}{year}年4+X难以完成，尚差{missing}，请督促。",
  en: "{recipientName}: {stationName} at risk on 4+X {year}, short {missing}.",
} as const satisfies SmsPattern;

export const quotaAtRisk = {
  id: "quota_at_risk",
  subject: { "zh-CN": "{stationName}“4+X”难以完成", en: "{stationName}'s 4+X is at risk" },
  text: {
    "zh-CN":
      "{recipientName}：{checkName}“4+X”季度检查显示，您联系的{stationName}{year}年任务难以完成，按计划尚差{missing}（全年须完成协商议事{consultationTarget}次、社情民意{opinionTarget}条）。请督促指导。",
    en: "{recipientName}: the {checkName} 4+X check found {stationName}, which you guide, at risk for {year}: short of {missing} by now (the year's targets: {consultationTarget} consultations, {opinionTarget} opinion items). Please follow it up.",
  },
  sms: quotaAtRiskSms,
} as const satisfies NoticeTemplate;

/** The SMS of `quotaSummary` (templates/sms.ts lists every template's for the senders). */
export const quotaSummarySms = {
  "zh-CN": "{recipientName}：{checkName}4+X检查完成，{count}个站室中滞后{behind}个、难以完成{atRisk}个。",
  en: "{recipientName}: {checkName} 4+X check: {count} stations, {behind} behind, {atRisk} at risk.",
} as const satisfies SmsPattern;

export const quotaSummary = {
  id: "quota_summary",
  subject: { "zh-CN": "{checkName}“4+X”季度检查结果", en: "{checkName} 4+X check" },
  text: {
    "zh-CN":
      "{recipientName}：{checkName}“4+X”季度检查已完成。共检查{count}个工作站（室）：已完成{met}个，进度正常{onPace}个，滞后{behind}个，难以完成{atRisk}个。{closed}\n{items}",
    en: "{recipientName}: the {checkName} 4+X check is done. {count} stations and rooms: {met} met, {onPace} on pace, {behind} behind, {atRisk} at risk. {closed}\n{items}",
  },
  sms: quotaSummarySms,
} as const satisfies NoticeTemplate;
