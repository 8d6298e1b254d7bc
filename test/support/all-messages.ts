/**
 * Every part's messages, added to the kernel's: what a test that calls the kernel's validation or
 * messages directly (not through a Lambda entry, which adds its own) needs. Each function carries
 * only some of them (kernel/http/messages.ts; test/unit/api/message-reach.test.ts).
 */
import { activityMessages } from "../../functions/activities/messages/activities";
import { quotaCheckMessages } from "../../functions/activities/messages/quota-checks";
import { activityRecordMessages } from "../../functions/activities/messages/records";
import { kernelMessages } from "../../functions/kernel/http/messages";
import { requestMessages } from "../../functions/kernel/http/request-messages";
import { registryFieldMessages } from "../../functions/registry/messages/fields";
import { suggestionReasonMessages } from "../../functions/registry/messages/reasons";
import { registryMessages } from "../../functions/registry/messages/registry";
import { topicIntakeMessages } from "../../functions/topics/messages/intake";
import { topicMessages } from "../../functions/topics/messages/topics";

/** The modules that hold them, beside what they hold: one source per message. */
export const messageModules = {
  "functions/kernel/http/messages.ts": kernelMessages,
  "functions/kernel/http/request-messages.ts": requestMessages,
  "functions/registry/messages/fields.ts": registryFieldMessages,
  "functions/registry/messages/registry.ts": registryMessages,
  "functions/registry/messages/reasons.ts": suggestionReasonMessages,
  "functions/topics/messages/intake.ts": topicIntakeMessages,
  "functions/topics/messages/topics.ts": topicMessages,
  "functions/activities/messages/records.ts": activityRecordMessages,
  "functions/activities/messages/activities.ts": activityMessages,
  "functions/activities/messages/quota-checks.ts": quotaCheckMessages,
} as const;

/** Every key any function can answer with. */
export type AnyMessageKey = {
  [Module in keyof typeof messageModules]: keyof (typeof messageModules)[Module];
}[keyof typeof messageModules];
