/** The six-step method (六步法): the closed loop every consultation topic (议题) goes through. */
import type { Language } from "../registry/members";

export const topicSteps = ["collect", "determine", "research", "consult", "report", "feedback"] as const;
export type TopicStep = (typeof topicSteps)[number];

export const stepNames: Readonly<Record<TopicStep, Readonly<Record<Language, string>>>> = {
  collect: { "zh-CN": "收集议题", en: "Collect topics" },
  determine: { "zh-CN": "确定议题", en: "Determine the topic" },
  research: { "zh-CN": "深入调研", en: "In-depth research" },
  consult: { "zh-CN": "开展协商", en: "Hold the consultation" },
  report: { "zh-CN": "成果报送", en: "Report the results" },
  feedback: { "zh-CN": "办理反馈", en: "Handling and feedback" },
};

export function isTopicStep(value: string): value is TopicStep {
  return (topicSteps as readonly string[]).includes(value);
}

/** The step after `step`, or undefined after feedback: the loop is then closed. */
export function nextStep(step: TopicStep): TopicStep | undefined {
  return topicSteps[topicSteps.indexOf(step) + 1];
}

/** Whether step `a` comes before step `b` in the loop. */
export function isEarlier(a: TopicStep, b: TopicStep): boolean {
  return topicSteps.indexOf(a) < topicSteps.indexOf(b);
}
