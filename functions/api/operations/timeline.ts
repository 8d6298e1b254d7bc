/** A timeline event as a sentence in the reader's language. */
import type { Language } from "../../domain/members";
import { stepNames, type TopicStep } from "../../domain/topics/steps";
import type { TopicEvent, TopicEventKind } from "../../store/topics";

type Phrase = (step: string, details: Readonly<Record<string, unknown>>) => string;

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const stepName = (value: unknown, language: Language) =>
  typeof value === "string" && value in stepNames ? stepNames[value as TopicStep][language] : text(value);

const phrases: Readonly<Record<TopicEventKind, Readonly<Record<Language, Phrase>>>> = {
  created: { "zh-CN": () => "登记议题", en: () => "Topic registered" },
  step_started: {
    "zh-CN": (step, d) => `进入「${step}」环节，责任人 ${text(d.responsible)}，期限 ${text(d.deadline)}`,
    en: (step, d) => `Entered “${step}”; responsible: ${text(d.responsible)}; due ${text(d.deadline)}`,
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
  closed: { "zh-CN": () => "闭环办结", en: () => "Loop closed" },
  deadline_extended: {
    "zh-CN": (step, d) => `「${step}」期限延至 ${text(d.to)}：${text(d.reason)}`,
    en: (step, d) => `Deadline of “${step}” extended to ${text(d.to)}: ${text(d.reason)}`,
  },
  reminder_sent: {
    "zh-CN": (step, d) => `向 ${text(d.recipient)} 发送「${step}」办理提醒（${text(d.alarm)}）`,
    en: (step, d) => `Reminded ${text(d.recipient)} about “${step}” (${text(d.alarm)})`,
  },
  escalated: {
    "zh-CN": (step, d) =>
      d.recipient
        ? `「${step}」逾期，督办至 ${text(d.recipient)}`
        : `「${step}」逾期，${text(d.level)} 层级无人可通知`,
    en: (step, d) =>
      d.recipient
        ? `“${step}” overdue: escalated to ${text(d.recipient)}`
        : `“${step}” overdue: nobody to tell at level ${text(d.level)}`,
  },
};

export function describeEvent(event: TopicEvent, language: Language): string {
  const phrase = phrases[event.kind]?.[language];
  return phrase ? phrase(stepName(event.step, language), event.details ?? {}) : event.kind;
}
