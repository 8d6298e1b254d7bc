/** A notice about a topic's current step, for one addressee, in their language. */
import { localDateTime } from "../domain/local-time";
import { stepNames } from "../domain/topics/steps";
import { config } from "../kernel/config";
import type { NotificationRequest } from "../notices/notifier";
import type { NoticeTemplate } from "../notices/templates";
import { responsibleFor } from "./plan-step";
import type { Addressee } from "./recipients";
import type { StoredTopic } from "./store/topics";

export interface StepNotice {
  readonly template: NoticeTemplate;
  /** The same key twice records once: it names the step's entry (and the alarm). */
  readonly key: string;
  readonly extra?: Record<string, string>;
}

/** The notice about `topic`'s current step for `addressee`, in their language. */
export function stepNotice(
  topic: StoredTopic,
  addressee: Addressee,
  notice: StepNotice,
): NotificationRequest {
  const language = addressee.recipient.language ?? config().defaultLanguage;
  return {
    recipient: addressee.recipient,
    channel: addressee.channel,
    template: notice.template,
    topicId: topic.id,
    idempotencyKey: notice.key,
    variables: {
      recipientName: addressee.recipient.name,
      title: topic.title,
      stepName: stepNames[topic.step][language],
      deadline: topic.deadline ? localDateTime(topic.deadline, config().timeZone) : "",
      responsibleName: responsibleFor(topic, topic.step).name,
      ...notice.extra,
    },
  };
}
