/** Lambda entry: the topic state machine's tasks, chosen by the payload's `action`. */
import * as z from "zod/mini";
import { topicSteps } from "./domain/topics/steps";
import { defaultNotifier } from "./notices/outbox";
import { awaitStep, enterStep, remind, resumeStep, taskContext } from "./topics/loop/tasks";

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

/** A payload the state machine never sends: a wiring mistake, not worth a retry. */
export class InvalidTaskInput extends Error {
  override readonly name = "InvalidTaskInput";
}

export async function handler(event: unknown) {
  const parsed = taskEvent.safeParse(event);
  if (!parsed.success) throw new InvalidTaskInput(z.prettifyError(parsed.error));
  const input = parsed.data;
  const context = taskContext(defaultNotifier());
  switch (input.action) {
    case "enterStep":
      return enterStep(context, input);
    case "resumeStep":
      return resumeStep(context, input);
    case "remind":
      return remind(context, input);
    case "awaitStep":
      return awaitStep(context, input);
  }
}
