/** The columns of a topic list exported to Excel (CSV), in the export's language. */
import { localDateTime } from "../../domain/local-time";
import type { Language } from "../../domain/registry/members";
import type { TopicSource } from "../../domain/topics/vocabulary";
import { config } from "../../kernel/config";
import type { CsvColumn, Labels } from "../../kernel/http/csv";
import { yesNo } from "../../kernel/http/csv";
import type { Topic } from "../responses";

const sourceLabels: Labels<TopicSource> = {
  resident: { "zh-CN": "群众反映", en: "Residents" },
  member: { "zh-CN": "委员提出", en: "A member" },
  publicOpinion: { "zh-CN": "社情民意信息", en: "Public opinion" },
  partyGovernment: { "zh-CN": "党政要事", en: "Party and government" },
};

const statusLabels: Labels<"open" | "completed" | "rejected"> = {
  open: { "zh-CN": "办理中", en: "Open" },
  completed: { "zh-CN": "已办结", en: "Completed" },
  rejected: { "zh-CN": "不予采纳", en: "Not adopted" },
};

/** Times are shown in the county's time zone. */
const when = (instant: string | undefined) => (instant ? localDateTime(instant, config().timeZone) : "");

export const topicColumns: readonly CsvColumn[] = [
  { header: { "zh-CN": "编号", en: "ID" }, value: (t: Topic) => t.id },
  { header: { "zh-CN": "议题", en: "Title" }, value: (t: Topic) => t.title },
  { header: { "zh-CN": "工作站（室）编号", en: "Station ID" }, value: (t: Topic) => t.stationId },
  {
    header: { "zh-CN": "来源", en: "Source" },
    value: (t: Topic, language: Language) => sourceLabels[t.source][language],
  },
  {
    header: { "zh-CN": "状态", en: "Status" },
    value: (t: Topic, language: Language) => statusLabels[t.closedAs ?? "open"][language],
  },
  { header: { "zh-CN": "当前环节", en: "Step" }, value: (t: Topic) => t.stepName },
  { header: { "zh-CN": "本环节期限", en: "Deadline" }, value: (t: Topic) => when(t.deadline) },
  {
    header: { "zh-CN": "是否逾期", en: "Overdue" },
    value: (t: Topic, language: Language) => yesNo[t.overdue ? "yes" : "no"][language],
  },
  { header: { "zh-CN": "负责人", en: "Responsible" }, value: (t: Topic) => t.responsible.name },
  { header: { "zh-CN": "退回次数", en: "Returns" }, value: (t: Topic) => t.returns },
  {
    header: { "zh-CN": "本环节延期次数", en: "Extensions of the current step" },
    value: (t: Topic) => t.extensions,
  },
  { header: { "zh-CN": "登记时间", en: "Registered" }, value: (t: Topic) => when(t.createdAt) },
  { header: { "zh-CN": "办结时间", en: "Closed" }, value: (t: Topic) => when(t.closedAt) },
];
