/** The six steps of a topic (DOMAIN.md) with their names in both languages. */
import type { Language } from "../i18n/messages";

export const steps = ["collect", "determine", "research", "consult", "report", "feedback"] as const;
export type Step = (typeof steps)[number];

const names: Record<Language, Record<Step, string>> = {
  "zh-CN": {
    collect: "收集议题",
    determine: "确定议题",
    research: "深入调研",
    consult: "开展协商",
    report: "成果报送",
    feedback: "办理反馈",
  },
  en: {
    collect: "Collect",
    determine: "Determine",
    research: "Research",
    consult: "Consult",
    report: "Report",
    feedback: "Feedback",
  },
};

export const stepName = (step: Step, language: Language) => names[language][step];
