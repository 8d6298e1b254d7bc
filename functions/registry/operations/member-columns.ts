/** The member register as CSV columns (members list, and a station's members). */

import type { CsvColumn } from "../../kernel/http/csv";
import type { Member } from "../responses";

export const memberColumns: CsvColumn[] = [
  { header: { "zh-CN": "编号", en: "ID" }, value: (m: Member) => m.id },
  { header: { "zh-CN": "姓名", en: "Name" }, value: (m: Member) => m.name },
  { header: { "zh-CN": "界别", en: "Sector" }, value: (m: Member) => m.sector },
  { header: { "zh-CN": "职业", en: "Profession" }, value: (m: Member) => m.profession },
  { header: { "zh-CN": "专长", en: "Expertise" }, value: (m: Member) => m.expertise.join("、") },
  { header: { "zh-CN": "手机", en: "Mobile" }, value: (m: Member) => m.phone },
  { header: { "zh-CN": "电子邮箱", en: "Email" }, value: (m: Member) => m.email },
  { header: { "zh-CN": "联系工作站（室）数", en: "Stations" }, value: (m: Member) => m.stationCount },
];
