/** 延长期限: extend the current step's deadline, with a reason; the responsible person is told. */
import { requireWriter } from "../domain/access";
import { ConflictError, ValidationError } from "../domain/errors";
import { parseDeadline } from "../domain/topics/calendar";
import { decideExtend } from "../domain/topics/lifecycle";
import { config } from "../kernel/config";
import { retryStaleWrites } from "../kernel/retry";
import { announceNewDeadline } from "./announce";
import { type DecisionRequest, readTopicToChange } from "./decide";
import { actorOf, policyOf, stateOf } from "./present";
import type { TopicServices } from "./services";
import { type StoredTopic, saveTopic } from "./store/topics";

function requestedDeadline(deadline: string): Date {
  const requested = parseDeadline(deadline, config().timeZone);
  if (!requested) {
    throw new ValidationError([{ field: "deadline", code: "invalid_deadline", message: "invalid_deadline" }]);
  }
  return requested;
}

export async function extendDeadline(
  services: TopicServices,
  call: DecisionRequest,
  extension: { readonly deadline: string; readonly reason: string },
): Promise<StoredTopic> {
  requireWriter(call.principal);
  const saved = await retryStaleWrites(async () => {
    const topic = await readTopicToChange(call);
    if (topic.status === "open" && !topic.deadline) {
      throw new ConflictError("step_in_transition", topic.version);
    }
    const requested = requestedDeadline(extension.deadline);
    const decided = decideExtend(stateOf(topic), new Date(topic.deadline ?? 0), requested, policyOf(topic));
    const now = services.now();
    return saveTopic(
      topic,
      ({ deadlineEstimatedYears: _counted, ...t }) => ({
        ...t,
        // A date a person chose: no longer counted on any calendar.
        deadline: decided.deadline.toISOString(),
        deadlineSetAt: now.toISOString(),
        extensions: decided.extensions,
      }),
      [
        {
          at: now.toISOString(),
          kind: "deadline_extended",
          step: topic.step,
          actor: actorOf(call.principal),
          details: { from: topic.deadline, to: decided.deadline.toISOString(), reason: extension.reason },
        },
      ],
      now,
    );
  });
  await announceNewDeadline(services, saved, { kind: "extended", reason: extension.reason });
  return saved;
}
