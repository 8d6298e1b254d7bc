/** A stored topic as the API shows it, and the views of it that the domain rules and the timeline take. */
import type { Principal } from "../domain/access";
import type { Language } from "../domain/registry/members";
import { maskContactsIn, maySeeTopicContacts } from "../domain/registry/privacy";
import type { TopicState } from "../domain/topics/lifecycle";
import { resolvePolicy, type TopicPolicy } from "../domain/topics/policy";
import { stepNames } from "../domain/topics/steps";
import { categoryName } from "./categories";
import type { Topic } from "./responses";
import type { StoredTopic } from "./store/topics";

/**
 * The topic as the caller may see it: the contacts of the people in it (residents who raised it,
 * people responsible) only for the county office and the topic's station; masked for others.
 */
export function presentTopic(topic: StoredTopic, now: Date, language: Language, viewer: Principal): Topic {
  const shown = showTopic(topic, now, language);
  return maySeeTopicContacts(viewer, topic.stationId) ? shown : maskContactsIn(shown);
}

function showTopic(topic: StoredTopic, now: Date, language: Language): Topic {
  return {
    id: topic.id,
    stationId: topic.stationId,
    title: topic.title,
    description: topic.description,
    source: topic.source as Topic["source"],
    responsible: topic.responsible,
    stepResponsible: topic.stepResponsible,
    status: topic.status,
    ...(topic.closedAs ? { closedAs: topic.closedAs } : {}),
    ...(topic.closedAt ? { closedAt: topic.closedAt } : {}),
    step: topic.step,
    stepName: stepNames[topic.step][language],
    ...(topic.stepStartedAt ? { stepStartedAt: topic.stepStartedAt } : {}),
    ...(topic.deadline ? { deadline: topic.deadline } : {}),
    ...(topic.deadlineEstimatedYears?.length && topic.status === "open"
      ? { deadlineEstimate: deadlineEstimate(topic.deadlineEstimatedYears, language) }
      : {}),
    overdue: topic.status === "open" && topic.deadline !== undefined && new Date(topic.deadline) < now,
    extensions: topic.extensions,
    returns: topic.returns,
    evidence: topic.evidence,
    ...(topic.category
      ? { category: topic.category, categoryName: categoryName(topic.category, language) }
      : {}),
    ...(topic.opinionId ? { opinionId: topic.opinionId } : {}),
    ...(topic.sourcePeople?.length ? { sourcePeople: [...topic.sourcePeople] } : {}),
    version: topic.version,
    createdAt: topic.createdAt,
    updatedAt: topic.updatedAt,
  };
}

/** Which years' holidays the deadline counted by estimate, and what that means for the reader. */
function deadlineEstimate(years: readonly number[], language: Language) {
  const listed = years.join(language === "en" ? ", " : "、");
  return {
    years: [...years],
    note:
      language === "en"
        ? `This deadline counts ${listed} holidays by the statutory rules: the official calendar is not loaded yet. It is re-planned when it is.`
        : `本期限按法定节假日规则估算${listed}年的放假安排（正式安排尚未录入），录入后将自动重新计算。`,
  };
}

/** What the lifecycle rules decide on. */
export const stateOf = (topic: StoredTopic): TopicState => ({
  status: topic.status,
  ...(topic.closedAs ? { closedAs: topic.closedAs } : {}),
  step: topic.step,
  returns: topic.returns,
  extensions: topic.extensions,
});

/** Who did it, as the timeline names them. */
export const actorOf = (principal: Principal) => ({
  subject: principal.subject,
  ...(principal.name ? { name: principal.name } : {}),
});

/** The topic's deadlines and limits: the county's defaults with the topic's own overrides. */
export const policyOf = (topic: StoredTopic): TopicPolicy =>
  resolvePolicy({ deadlines: topic.deadlineOverrides });
