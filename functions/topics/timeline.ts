/** A timeline event as a sentence in the reader's language. */

import { localDateTime } from "../domain/local-time";
import type { Language } from "../domain/registry/members";
import { stepNames, type TopicStep } from "../domain/topics/steps";
import { config } from "../kernel/config";
import { categoryName } from "./categories";
import type { TopicEvent, TopicEventKind } from "./store/topics";

type Phrase = (step: string, details: Readonly<Record<string, unknown>>) => string;

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const when = (value: unknown) =>
  typeof value === "string" ? localDateTime(value, config().timeZone) : text(value);

const alarmNames: Readonly<Record<string, Record<Language, string>>> = {
  before: { "zh-CN": "到期前提醒", en: "advance reminder" },
  due: { "zh-CN": "到期提醒", en: "due today" },
};
const alarmName = (value: unknown, language: Language) =>
  typeof value === "string" && Object.hasOwn(alarmNames, value)
    ? (alarmNames[value]?.[language] ?? value)
    : text(value);

const levelNames: Readonly<Record<string, Record<Language, string>>> = {
  leadMember: { "zh-CN": "牵头委员", en: "lead member" },
  liaison: { "zh-CN": "联系县领导和专委会", en: "liaison leader and committee" },
  countyOffice: { "zh-CN": "县政协办公室", en: "county office" },
};
const levelName = (value: unknown, language: Language) =>
  typeof value === "string" && Object.hasOwn(levelNames, value)
    ? (levelNames[value]?.[language] ?? value)
    : text(value);
const years = (value: unknown, language: Language) => {
  const list = (Array.isArray(value) ? value : [value]).map(text).filter(Boolean);
  return language === "zh-CN" ? list.map((year) => `${year}年`).join("、") : list.join(", ");
};
/** The note a deadline counted on an estimated holiday calendar carries. */
const estimated = (details: Readonly<Record<string, unknown>>, language: Language) => {
  const counted = details.estimatedHolidayCalendarYears;
  if (!Array.isArray(counted) || counted.length === 0) return "";
  return language === "zh-CN"
    ? `（${years(counted, language)}节假日安排尚未发布，按法定假日估算）`
    : ` (the ${years(counted, language)} holiday calendar is not published yet: estimated from the statutory holidays)`;
};
const category = (value: unknown, language: Language) =>
  typeof value === "string" && value
    ? categoryName(value, language)
    : language === "zh-CN"
      ? "未分类"
      : "none";
const stepName = (value: unknown, language: Language) =>
  typeof value === "string" && value in stepNames ? stepNames[value as TopicStep][language] : text(value);

const phrases: Readonly<Record<TopicEventKind, Readonly<Record<Language, Phrase>>>> = {
  created: { "zh-CN": () => "登记议题", en: () => "Topic registered" },
  step_started: {
    "zh-CN": (step, d) =>
      `进入「${step}」环节，责任人 ${text(d.responsible)}，期限 ${when(d.deadline)}${estimated(d, "zh-CN")}`,
    en: (step, d) =>
      `Entered “${step}”; responsible: ${text(d.responsible)}; due ${when(d.deadline)}${estimated(d, "en")}`,
  },
  step_completed: { "zh-CN": (step) => `完成「${step}」环节`, en: (step) => `Completed “${step}”` },
  returned: {
    "zh-CN": (step, d) => `由「${step}」退回至「${stepName(d.toStep, "zh-CN")}」：${text(d.reason)}`,
    en: (step, d) => `Sent back from “${step}” to “${stepName(d.toStep, "en")}”: ${text(d.reason)}`,
  },
  rejected: {
    "zh-CN": (_s, d) => `不予采纳：${text(d.reason)}`,
    en: (_s, d) => `Not adopted: ${text(d.reason)}`,
  },
  // The loop closes only once feedback was given (DOMAIN.md); a topic not adopted ends without it.
  closed: {
    "zh-CN": (_s, d) => (d.closedAs === "rejected" ? "议题办结：不予采纳" : "闭环办结"),
    en: (_s, d) => (d.closedAs === "rejected" ? "Topic closed: not adopted" : "Loop closed"),
  },
  deadline_extended: {
    "zh-CN": (step, d) => `「${step}」期限延至 ${when(d.to)}：${text(d.reason)}`,
    en: (step, d) => `Deadline of “${step}” extended to ${when(d.to)}: ${text(d.reason)}`,
  },
  deadline_replanned: {
    "zh-CN": (step, d) =>
      `「${step}」期限按${years(d.calendarYear, "zh-CN")}节假日安排由 ${when(d.from)} 调整为 ${when(d.to)}${estimated(d, "zh-CN")}`,
    en: (step, d) =>
      `Deadline of “${step}” re-planned from ${when(d.from)} to ${when(d.to)} with the ${years(d.calendarYear, "en")} holiday calendar${estimated(d, "en")}`,
  },
  reminder_sent: {
    "zh-CN": (step, d) =>
      `向 ${text(d.recipient)} 发送「${step}」${alarmName(d.alarm, "zh-CN")}（期限 ${when(d.deadline)}）`,
    en: (step, d) =>
      `Reminded ${text(d.recipient)} about “${step}”: ${alarmName(d.alarm, "en")} (due ${when(d.deadline)})`,
  },
  escalated: {
    "zh-CN": (step, d) =>
      d.recipient
        ? `「${step}」逾期，督办至${levelName(d.level, "zh-CN")}：${text(d.recipient)}`
        : `「${step}」逾期，${levelName(d.level, "zh-CN")}层级无人可通知`,
    en: (step, d) =>
      d.recipient
        ? `“${step}” overdue: escalated to the ${levelName(d.level, "en")}: ${text(d.recipient)}`
        : `“${step}” overdue: nobody to tell at the ${levelName(d.level, "en")} level`,
  },
  category_changed: {
    "zh-CN": (_s, d) => `议题类别由「${category(d.from, "zh-CN")}」改为「${category(d.to, "zh-CN")}」`,
    en: (_s, d) => `Category changed from “${category(d.from, "en")}” to “${category(d.to, "en")}”`,
  },
};

export function describeEvent(event: TopicEvent, language: Language): string {
  const phrase = phrases[event.kind]?.[language];
  const text = phrase ? phrase(stepName(event.step, language), event.details ?? {}) : event.kind;
  // Who did it, where a person did (the loop's own events have no actor).
  const who = event.actor?.name;
  return who ? `${text}${language === "zh-CN" ? `（${who}）` : ` (${who})`}` : text;
}
