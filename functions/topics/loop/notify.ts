/** A notice about a topic's step, from the loop: a failure is NotificationFailed, which the machine retries. */
import { localDateTime } from "../../domain/local-time";
import { stepNames } from "../../domain/topics/steps";
import { config } from "../../kernel/config";
import type { TemplateId } from "../../notices/templates";
import { responsibleFor } from "../plan-step";
import type { Addressee } from "../recipients";
import type { TopicServices } from "../services";
import type { StoredTopic } from "../store/topics";
import { NotificationFailed } from "./errors";

export async function notifyAboutStep(
  services: TopicServices,
  topic: StoredTopic,
  addressee: Addressee,
  notice: { readonly templateId: TemplateId; readonly key: string; readonly extra?: Record<string, string> },
): Promise<void> {
  const language = addressee.recipient.language ?? config().defaultLanguage;
  try {
    await services.notifier.send({
      recipient: addressee.recipient,
      channel: addressee.channel,
      templateId: notice.templateId,
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
    });
  } catch (error) {
    throw new NotificationFailed(error instanceof Error ? error.message : String(error));
  }
}
