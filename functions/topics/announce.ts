/**
 * Telling people about decisions: the new deadline after an extension (the change stands whatever
 * happens here, so a failure is logged for a person to follow up, never turned into a failed
 * request), and the outcome to whoever raised the topic (notices the closing decision writes with
 * itself, decide.ts).
 */
import { normalizeMainlandMobile } from "../domain/registry/members";
import { logError } from "../kernel/log";
import type { NotificationRequest } from "../notices/notifier";
import type { NoticeTemplate } from "../notices/templates";
import { deadlineExtended, deadlineReplanned } from "../notices/templates/deadline-notices";
import { topicClosed, topicRejected } from "../notices/templates/outcome-notices";
import { responsibleFor } from "./plan-step";
import { addresseeOf } from "./recipients";
import type { TopicServices } from "./services";
import { stepNotice } from "./step-notice";
import type { Person, StoredTopic } from "./store/topics";

/** Why a step's deadline moved: a person extended it, or the year's official calendar arrived. */
export type DeadlineChange =
  | { readonly kind: "extended"; readonly reason: string }
  | { readonly kind: "replanned"; readonly calendarYear: number };

function deadlineNotice(
  topic: StoredTopic,
  change: DeadlineChange,
): {
  readonly template: NoticeTemplate;
  readonly idempotencyKey: string;
  readonly variables: Readonly<Record<string, string>>;
} {
  return change.kind === "extended"
    ? {
        template: deadlineExtended,
        idempotencyKey: `${topic.id}:${topic.stepSeq}:extended:${topic.extensions}`,
        variables: { reason: change.reason },
      }
    : {
        template: deadlineReplanned,
        idempotencyKey: `${topic.id}:${topic.stepSeq}:replanned:${topic.deadline ?? ""}`,
        variables: { year: String(change.calendarYear) },
      };
}

/**
 * The person responsible is told the new deadline, and the waiting execution is woken to plan its
 * alarms afresh (it may be asleep until an escalation of the old deadline, or past the new one's reminder).
 */
export async function announceNewDeadline(
  services: TopicServices,
  topic: StoredTopic,
  change: DeadlineChange,
): Promise<void> {
  try {
    const addressee = await addresseeOf(responsibleFor(topic, topic.step));
    const notice = deadlineNotice(topic, change);
    await services.notifier.send(
      stepNotice(topic, addressee, {
        template: notice.template,
        key: notice.idempotencyKey,
        extra: notice.variables,
      }),
    );
    if (topic.taskToken && !topic.pendingDecision) {
      // A stale token is fine: the execution is awake already and will plan with the new deadline.
      await services.loop.deliver(topic.taskToken, { topicId: topic.id, outcome: "rearm", step: topic.step });
    }
  } catch (error) {
    logError("deadline changed, but the notice or the loop's re-arm failed", { topicId: topic.id }, error);
  }
}

interface RaisedBy {
  readonly name: string;
  readonly contact?: string;
}

async function addresseeOfSource(person: RaisedBy) {
  const contact = person.contact ?? "";
  const phone = normalizeMainlandMobile(contact);
  return addresseeOf({
    name: person.name,
    ...(contact.includes("@") ? { email: contact } : phone ? { phone } : {}),
  });
}

/** Someone the collect step names who came with the topic already (same name and contact): told once. */
function alreadyASource(topic: StoredTopic, person: RaisedBy): boolean {
  return (topic.sourcePeople ?? []).some(
    (source) =>
      source.name === person.name &&
      (person.contact === undefined ||
        normalizeMainlandMobile(person.contact) === source.phone ||
        person.contact === source.email),
  );
}

/**
 * The notices telling the people who raised the topic how it ended, written with the decision that
 * ends it (decide.ts), so each goes once: `detail` is the reason it was declined, or the outcome
 * given back to them when it closed.
 */
export async function sourceNotices(
  topic: StoredTopic,
  outcome: "rejected" | "closed",
  detail: string,
): Promise<NotificationRequest[]> {
  const template = outcome === "closed" ? topicClosed : topicRejected;
  const collected = topic.evidence.collect as { raisedBy?: RaisedBy[] } | undefined;
  // The people the topic came with (a promoted 社情民意 item's submitter) first, then those the
  // collect step named: each keeps its position, so its key names it.
  const people = [...(topic.sourcePeople ?? []), ...(collected?.raisedBy ?? [])].filter(
    (person, index) =>
      index < (topic.sourcePeople?.length ?? 0) || !alreadyASource(topic, person as RaisedBy),
  );
  const known = topic.sourcePeople?.length ?? 0;
  const notices: NotificationRequest[] = [];
  for (const [index, person] of people.entries()) {
    notices.push({
      ...(await (index < known ? addresseeOf(person as Person) : addresseeOfSource(person as RaisedBy))),
      template,
      topicId: topic.id,
      idempotencyKey:
        index < known
          ? `${topic.id}:${template.id}:source:${index}`
          : `${topic.id}:${template.id}:${index - known}`,
      variables: {
        recipientName: person.name,
        title: topic.title,
        ...(outcome === "closed" ? { outcome: detail } : { reason: detail }),
      },
    });
  }
  return notices;
}
