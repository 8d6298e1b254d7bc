/** The county office asked for a holiday calendar that is not loaded yet. */
import type { NoticeTemplate, SmsPattern } from "../templates";

/** The SMS of `holidayCalendarMissing` (templates/sms.ts lists every template's for the senders). */
export const holidayCalendarMissingSms = {
  "zh-CN": "{recipientName}：{year}年节假日安排尚未录入，期限按估算计算，请尽快在平台录入。",
  en: "{recipientName}: please load the {year} holiday calendar.",
} as const satisfies SmsPattern;

export const holidayCalendarMissing = {
  id: "holiday_calendar_missing",
  subject: { "zh-CN": "请录入{year}年节假日安排", en: "Please load the {year} holiday calendar" },
  text: {
    "zh-CN":
      "{recipientName}：{year}年节假日安排尚未录入。录入前，系统按法定节假日估算{year}年的工作日（不含调休），涉及{year}年的期限可能与正式安排不符。国务院办公厅通知发布后，请在「节假日安排」中录入，未办结议题的期限将自动重新计算。",
    en: "{recipientName}: the {year} holiday calendar is not loaded yet. Until it is, working days in {year} are estimated from the statutory holidays (without swapped workdays), so deadlines in {year} may differ from the official calendar. Once the State Council notice is out, load it under “Holiday calendars”; open topics' deadlines are then re-planned.",
  },
  sms: holidayCalendarMissingSms,
} as const satisfies NoticeTemplate;
