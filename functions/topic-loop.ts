/** Lambda entry: the topic state machine's tasks, chosen by the payload's `action`. */
import * as z from "zod/mini";
import { NotFoundError } from "./domain/errors";
import { topicSteps } from "./domain/topics/steps";
import { withLogScope } from "./kernel/log";
import { awaitStep } from "./topics/loop/await-step";
import { enterStep } from "./topics/loop/enter-step";
import { InvalidTaskInput, TopicNotFound } from "./topics/loop/errors";
import { remind } from "./topics/loop/remind";
import { resumeStep } from "./topics/loop/resume-step";
import { defaultTopicServices, type TopicServices } from "./topics/services";

export { InvalidTaskInput } from "./topics/loop/errors";

const step = z.enum(topicSteps);
const topicId = z.string().check(z.minLength(1), z.maxLength(64));

const taskEvent = z.discriminatedUnion("action", [
  z.object({ action: z.literal("enterStep"), topicId, step }),
  z.object({ action: z.literal("resumeStep"), topicId, step }),
  z.object({
    action: z.literal("remind"),
    topicId,
    step,
    executionStartedAt: z.optional(z.iso.datetime({ offset: true })),
  }),
  z.object({ action: z.literal("awaitStep"), topicId, step, taskToken: z.string().check(z.minLength(1)) }),
]);

export type TaskEvent = z.output<typeof taskEvent>;

function run(services: TopicServices, input: TaskEvent) {
  switch (input.action) {
    case "enterStep":
      return enterStep(services, input);
    case "resumeStep":
      return resumeStep(services, input);
    case "remind":
      return remind(services, input);
    case "awaitStep":
      return awaitStep(services, input);
  }
}

export async function handler(event: unknown) {
  const parsed = taskEvent.safeParse(event);
  if (!parsed.success) throw new InvalidTaskInput(z.prettifyError(parsed.error));
  const input = parsed.data;
  return withLogScope({ topicId: input.topicId, task: input.action, step: input.step }, async () => {
    try {
      return await run(defaultTopicServices(), input);
    } catch (error) {
      // Named for the state machine's Retry rules: a topic that is gone is not worth a retry.
      if (error instanceof NotFoundError && error.resource === "topic")
        throw new TopicNotFound(`topic ${input.topicId} does not exist`);
      throw error;
    }
  });
}
