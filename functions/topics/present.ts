/** A stored topic as the API shows it, and the views of it that the domain rules and the timeline take. */
import type { Principal } from "../domain/access";
import type { Language } from "../domain/registry/members";
import { maskContactsIn, maySeeTopicContacts } from "../domain/registry/privacy";
import type { TopicState } from "../domain/topics/lifecycle";
import { resolvePolicy, type TopicPolicy } from "../domain/topics/policy";
import { stepNames } from "../domain/topics/steps";
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
    overdue: topic.status === "open" && topic.deadline !== undefined && new Date(topic.deadline) < now,
    extensions: topic.extensions,
    returns: topic.returns,
    evidence: topic.evidence,
    version: topic.version,
    createdAt: topic.createdAt,
    updatedAt: topic.updatedAt,
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
