/**
 * A step's evidence as people read it: each recorded field with its name in the user's language,
 * lists joined, and members by name instead of their ids.
 */
import type { Language } from "../i18n/messages";

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
  },
  en: {},
};

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
  return [[label, String(value)]];
}
