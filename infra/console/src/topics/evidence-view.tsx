/**
 * A step's evidence as people read it: each recorded field with its name in the user's language,
 * lists joined, and members by name instead of their ids.
 */
import type { Language } from "../i18n/messages";
import { consultationFormatLabels, decisionLabels, feedbackMethodLabels, labelOf } from "../i18n/vocabulary";

const labels: Record<Language, Record<string, string>> = {
  "zh-CN": {
    summary: "摘要",
    name: "姓名",
    raisedBy: "提出人",
    decision: "决定",
    format: "协商形式",
    reason: "理由",
    visits: "调研",
    date: "日期",
    place: "地点",
    members: "委员",
    findings: "调研结论",
    meeting: "协商会",
    participants: "参加",
    departments: "部门",
    residents: "群众",
    consensus: "共识",
    sentTo: "报送单位",
    sentOn: "报送日期",
    responses: "答复",
    department: "部门",
    response: "答复内容",
    respondedOn: "答复日期",
    feedbackToSource: "向提出人反馈",
    method: "方式",
    givenOn: "反馈日期",
    contact: "联系方式",
  },
  en: {
    summary: "Summary",
    name: "Name",
    raisedBy: "Raised by",
    decision: "Decision",
    format: "Format",
    reason: "Reason",
    visits: "Visit",
    date: "Date",
    place: "Place",
    members: "Members",
    findings: "Findings",
    meeting: "Meeting",
    participants: "Participants",
    departments: "Departments",
    residents: "Residents",
    consensus: "Consensus",
    sentTo: "Sent to",
    sentOn: "Sent on",
    responses: "Response",
    department: "Department",
    response: "Response",
    respondedOn: "Responded on",
    feedbackToSource: "Feedback to those who raised it",
    method: "Method",
    givenOn: "Given on",
    contact: "Contact",
  },
};

/** The evidence fields whose values are the API's enum values, by field name. */
const valueLabels: Readonly<Record<string, Parameters<typeof labelOf>[0]>> = {
  decision: decisionLabels,
  format: consultationFormatLabels,
  method: feedbackMethodLabels,
};

function valueText(key: string | undefined, value: unknown, language: Language): string {
  const labels = key === undefined ? undefined : valueLabels[key];
  return labels && typeof value === "string" ? labelOf(labels, value, language) : String(value);
}

const memberId = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** `[label, text]` lines for one step's evidence (nested fields joined with " · "). */
export function evidenceLines(
  value: unknown,
  language: Language,
  memberName: (id: string) => string,
  path: readonly string[] = [],
): [string, string][] {
  const label = path.map((key) => labels[language][key] ?? key).join(" · ");
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== "object" || item === null)) {
      return [
        [
          label,
          value
            .map((item) => (memberId.test(String(item)) ? memberName(String(item)) : String(item)))
            .join("、"),
        ],
      ];
    }
    return value.flatMap((item, index) =>
      evidenceLines(item, language, memberName, value.length > 1 ? [...path, String(index + 1)] : path),
    );
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      evidenceLines(item, language, memberName, [...path, key]),
    );
  }
  return [[label, valueText(path.at(-1), value, language)]];
}
