/** 社情民意 items as CSV columns (GET /stations/{stationId}/opinions?format=csv), in the export's language. */
import { opinionSourceNames, opinionStatusNames } from "../../domain/quota/opinions";
import type { Language } from "../../domain/registry/members";
import type { CsvColumn } from "../../kernel/http/csv";
import { categoryName } from "../../topics/categories";
import type { OpinionView } from "../opinion-responses";

export const opinionColumns: readonly CsvColumn[] = [
  { header: { "zh-CN": "编号", en: "ID" }, value: (o: OpinionView) => o.id },
  { header: { "zh-CN": "标题", en: "Title" }, value: (o: OpinionView) => o.title },
  { header: { "zh-CN": "内容", en: "Content" }, value: (o: OpinionView) => o.content },
  {
    header: { "zh-CN": "来源", en: "Source" },
    value: (o: OpinionView, language: Language) => opinionSourceNames[o.source][language],
  },
  { header: { "zh-CN": "反映人", en: "Raised by" }, value: (o: OpinionView) => o.submitter?.name },
  { header: { "zh-CN": "联系电话", en: "Mobile" }, value: (o: OpinionView) => o.submitter?.phone },
  { header: { "zh-CN": "电子邮箱", en: "Email" }, value: (o: OpinionView) => o.submitter?.email },
  { header: { "zh-CN": "收集日期", en: "Received on" }, value: (o: OpinionView) => o.receivedOn },
  {
    header: { "zh-CN": "类别", en: "Category" },
    value: (o: OpinionView, language: Language) => (o.category ? categoryName(o.category, language) : ""),
  },
  {
    header: { "zh-CN": "状态", en: "Status" },
    value: (o: OpinionView, language: Language) => opinionStatusNames[o.status][language],
  },
  { header: { "zh-CN": "报送单位", en: "Reported to" }, value: (o: OpinionView) => o.reportedTo },
  { header: { "zh-CN": "报送日期", en: "Reported on" }, value: (o: OpinionView) => o.reportedOn },
  { header: { "zh-CN": "采用单位", en: "Adopted by" }, value: (o: OpinionView) => o.adoptedBy },
  { header: { "zh-CN": "采用日期", en: "Adopted on" }, value: (o: OpinionView) => o.adoptedOn },
  { header: { "zh-CN": "未采用原因", en: "Why not adopted" }, value: (o: OpinionView) => o.declineReason },
  { header: { "zh-CN": "转为议题", en: "Topic" }, value: (o: OpinionView) => o.topicId },
];
