/**
 * The API's field names as the console's forms label them, for a summary of a 400's field problems:
 * the reader sees 负责人手机 where the API says responsible.phone. A field not named here is left out
 * of the summary's words (its message still shows), never shown by its API name.
 */
import type { Language } from "./messages";

type Label = Readonly<Record<Language, string>>;
const label = (zh: string, en: string): Label => ({ "zh-CN": zh, en });

const labels: Readonly<Record<string, Label>> = {
  title: label("标题", "Title"),
  description: label("说明", "Description"),
  content: label("内容", "Content"),
  source: label("来源", "Source"),
  category: label("类别", "Category"),
  stationId: label("工作站（室）", "Station"),
  stationIds: label("工作站（室）", "Stations"),
  memberId: label("委员", "Member"),
  memberIds: label("委员", "Members"),
  topicId: label("议题", "Topic"),
  deadline: label("期限", "Deadline"),
  deadlines: label("各环节期限", "Step deadlines"),
  reason: label("原因", "Reason"),
  note: label("备注", "Note"),
  summary: label("摘要", "Summary"),
  responsible: label("负责人", "Responsible"),
  "responsible.name": label("负责人", "Responsible"),
  "responsible.phone": label("负责人手机", "Responsible's mobile"),
  "responsible.email": label("负责人电子邮箱", "Responsible's e-mail"),
  responsibles: label("各环节负责人", "Responsible per step"),
  submitter: label("提出人", "Raised by"),
  "submitter.name": label("提出人", "Raised by"),
  "submitter.phone": label("提出人手机", "Raiser's mobile"),
  "submitter.email": label("提出人电子邮箱", "Raiser's e-mail"),
  raisedBy: label("提出人", "Raised by"),
  contact: label("联系人", "Contact"),
  "contact.name": label("联系人", "Contact"),
  "contact.phone": label("联系人手机", "Contact's mobile"),
  name: label("姓名", "Name"),
  phone: label("手机", "Mobile"),
  email: label("电子邮箱", "E-mail"),
  sector: label("界别", "Sector"),
  profession: label("职业", "Profession"),
  expertise: label("专长", "Expertise"),
  township: label("乡镇（街道）", "Township"),
  zone: label("片区", "Zone"),
  hostVenue: label("依托场所", "Host venue"),
  liaison: label("联系领导和专委会", "Liaison"),
  preferences: label("通知偏好", "Preferences"),
  date: label("日期", "Date"),
  from: label("开始日期", "From"),
  to: label("结束日期", "To"),
  receivedOn: label("收集日期", "Received on"),
  reportedOn: label("报送日期", "Reported on"),
  adoptedOn: label("采用日期", "Adopted on"),
  declinedOn: label("日期", "Date"),
  adoptedBy: label("采用单位", "Adopted by"),
  place: label("地点", "Place"),
  type: label("类型", "Type"),
  role: label("角色", "Role"),
  status: label("状态", "Status"),
  step: label("步骤", "Step"),
  toStep: label("退回至", "Back to"),
  evidence: label("本环节材料", "Evidence"),
  limit: label("每页条数", "Page size"),
  cursor: label("翻页位置", "Page"),
  version: label("版本", "Version"),
};

/** The label of an API field path (`responsible.phone`, `raisedBy[1].name`), or of the field it is in. */
export function fieldLabel(path: string, language: Language): string | undefined {
  const parts = path.split(/[.[\]]+/).filter((part) => part && !/^\d+$/.test(part));
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join(".");
    if (Object.hasOwn(labels, key)) return labels[key]?.[language];
  }
  return undefined;
}
