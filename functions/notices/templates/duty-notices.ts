/** The duty roster (委员值班): the member reminded the day before; the station told of a no-show. */
import type { NoticeTemplate, SmsPattern } from "../templates";

/** The SMS of `dutyReminder` (templates/sms.ts lists every template's for the senders). */
export const dutyReminderSms = {
  "zh-CN": "{recipientName}：您{date}在{stationName}值班，请按时到岗并登记接待情况。",
  en: "{recipientName}: you are on duty at {stationName} on {date}.",
} as const satisfies SmsPattern;

export const dutyReminder = {
  id: "duty_reminder",
  subject: { "zh-CN": "值班提醒：{date} {stationName}", en: "Duty reminder: {stationName}, {date}" },
  text: {
    "zh-CN":
      "{recipientName}：您已排定于 {date} 在{stationName}值班（委员值班），请按时到岗，接待来访群众，并在值班后登记接待情况。{note}",
    en: "{recipientName}: you are on duty at {stationName} on {date}. Please be there on time to receive visitors, and record the shift afterwards. {note}",
  },
  sms: dutyReminderSms,
} as const satisfies NoticeTemplate;

/** The SMS of `dutyNoShow` (templates/sms.ts lists every template's for the senders). */
export const dutyNoShowSms = {
  "zh-CN": "{recipientName}：{memberName}委员{date}在{stationName}的值班未登记，请核实。",
  en: "{recipientName}: {memberName}'s duty at {stationName} on {date} was not recorded.",
} as const satisfies SmsPattern;

export const dutyNoShow = {
  id: "duty_no_show",
  subject: {
    "zh-CN": "值班未登记：{memberName} {date}",
    en: "Duty shift not recorded: {memberName}, {date}",
  },
  text: {
    "zh-CN":
      "{recipientName}：{memberName}委员 {date} 在{stationName}的值班至今未登记，已记为未到岗。如实际已值班，请在平台补登；如有调整，请重新排班。",
    en: "{recipientName}: {memberName}'s duty shift at {stationName} on {date} was not recorded and is marked as a no-show. If the shift took place, record it on the platform; otherwise plan another.",
  },
  sms: dutyNoShowSms,
} as const satisfies NoticeTemplate;
