/** Activities as CSV columns (GET /stations/{stationId}/activities?format=csv). */
import { activityTypeLabels } from "../../domain/quota/vocabulary";
import type { Language } from "../../domain/registry/members";
import type { CsvColumn } from "../../kernel/http/csv";
import type { Activity } from "../activity-responses";

const sourceLabels = {
  manual: { "zh-CN": "手工登记", en: "Entered" },
  topic: { "zh-CN": "议题协商", en: "From a topic" },
  duty: { "zh-CN": "值班登记", en: "From a duty shift" },
} as const;

export const activityColumns: CsvColumn[] = [
  { header: { "zh-CN": "编号", en: "ID" }, value: (a: Activity) => a.id },
  { header: { "zh-CN": "日期", en: "Date" }, value: (a: Activity) => a.date },
  {
    header: { "zh-CN": "类型", en: "Type" },
    value: (a: Activity, language: Language) => activityTypeLabels[a.type][language],
  },
  { header: { "zh-CN": "活动名称", en: "Label" }, value: (a: Activity) => a.label },
  { header: { "zh-CN": "地点", en: "Place" }, value: (a: Activity) => a.place },
  { header: { "zh-CN": "参加委员数", en: "Members present" }, value: (a: Activity) => a.memberIds.length },
  { header: { "zh-CN": "参加委员编号", en: "Member IDs" }, value: (a: Activity) => a.memberIds.join(" ") },
  {
    header: { "zh-CN": "联系群众人数", en: "Residents reached" },
    value: (a: Activity) => a.residentsReached,
  },
  {
    header: { "zh-CN": "接待来访人数", en: "Visitors received" },
    value: (a: Activity) => a.visitorsReceived,
  },
  { header: { "zh-CN": "内容摘要", en: "Summary" }, value: (a: Activity) => a.summary },
  { header: { "zh-CN": "关联议题", en: "Topic" }, value: (a: Activity) => a.topicId },
  {
    header: { "zh-CN": "来源", en: "Source" },
    value: (a: Activity, language: Language) => sourceLabels[a.source][language],
  },
];
