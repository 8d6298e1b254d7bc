/**
 * The words of "4+X" (DOMAIN.md): the kinds of activity a station records, and the topic categories
 * its topics carry. Labels in Chinese first, as the users say them.
 */
import type { Language } from "../registry/members";

/** 协商议事, 委员值班, 来访接待, 走访调研, 学习, 为民服务, 团结联谊, and "X" (自选动作, with its own label). */
export const activityTypes = [
  "consultation",
  "duty",
  "reception",
  "visit",
  "study",
  "service",
  "fellowship",
  "other",
] as const;
export type ActivityType = (typeof activityTypes)[number];

export const activityTypeLabels: Readonly<Record<ActivityType, Readonly<Record<Language, string>>>> = {
  consultation: { "zh-CN": "协商议事", en: "Consultation" },
  duty: { "zh-CN": "委员值班", en: "Duty shift" },
  reception: { "zh-CN": "来访接待", en: "Visitor reception" },
  visit: { "zh-CN": "走访调研", en: "Visits and research" },
  study: { "zh-CN": "学习", en: "Study" },
  service: { "zh-CN": "为民服务", en: "Service to residents" },
  fellowship: { "zh-CN": "团结联谊", en: "Fellowship" },
  other: { "zh-CN": "自选动作", en: "Other (X)" },
};

/** The default topic categories (党政要事 / 民生实事 / 社会治理难事); a county may configure its own. */
export const defaultTopicCategories = ["partyGovernment", "livelihood", "governance"] as const;

export const defaultTopicCategoryLabels: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  partyGovernment: { "zh-CN": "党政要事", en: "Party and government priorities" },
  livelihood: { "zh-CN": "民生实事", en: "Livelihood matters" },
  governance: { "zh-CN": "社会治理难事", en: "Hard cases of social governance" },
};
