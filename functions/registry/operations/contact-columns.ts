/** The contacts directory as CSV columns (GET /contacts?format=csv). */

import { type ContactRole, contactRoleNames } from "../../domain/registry/contacts";
import type { Channel, Language } from "../../domain/registry/members";
import { type CsvColumn, type Labels, yesNo } from "../../kernel/http/csv";
import type { ContactView } from "../contact-responses";

const channelLabels: Labels<Channel> = {
  sms: { "zh-CN": "短信", en: "SMS" },
  email: { "zh-CN": "电子邮件", en: "e-mail" },
};
const languageLabels: Labels<Language> = {
  "zh-CN": { "zh-CN": "中文", en: "Chinese" },
  en: { "zh-CN": "英文", en: "English" },
};
const activeLabels: Labels<"yes" | "no"> = {
  yes: { "zh-CN": "在用", en: "active" },
  no: { "zh-CN": "停用", en: "inactive" },
};

const roleName = (role: ContactRole, language: Language) => contactRoleNames[role][language];

export const contactColumns: CsvColumn[] = [
  { header: { "zh-CN": "编号", en: "ID" }, value: (c: ContactView) => c.id },
  { header: { "zh-CN": "姓名", en: "Name" }, value: (c: ContactView) => c.name },
  {
    header: { "zh-CN": "类别", en: "Role" },
    value: (c: ContactView, language: Language) => roleName(c.role, language),
  },
  { header: { "zh-CN": "单位", en: "Organisation" }, value: (c: ContactView) => c.organisation },
  { header: { "zh-CN": "手机", en: "Mobile" }, value: (c: ContactView) => c.phone },
  { header: { "zh-CN": "电子邮箱", en: "Email" }, value: (c: ContactView) => c.email },
  {
    header: { "zh-CN": "通知方式", en: "Channel" },
    value: (c: ContactView, language: Language) =>
      c.channel ? channelLabels[c.channel][language] : undefined,
  },
  {
    header: { "zh-CN": "语言", en: "Language" },
    value: (c: ContactView, language: Language) =>
      c.language ? languageLabels[c.language][language] : undefined,
  },
  {
    header: { "zh-CN": "每日摘要", en: "Daily digest" },
    value: (c: ContactView, language: Language) =>
      c.digest === undefined ? undefined : yesNo[c.digest ? "yes" : "no"][language],
  },
  {
    header: { "zh-CN": "状态", en: "Status" },
    value: (c: ContactView, language: Language) => activeLabels[c.active ? "yes" : "no"][language],
  },
];
