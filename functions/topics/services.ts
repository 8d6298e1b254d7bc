/** What the topic use cases work with: the loop, the notifier and the clock, given once per function. */
import { clock } from "../kernel/clock";
import type { Notifier } from "../notices/notifier";
import { defaultNotifier } from "../notices/recording-notifier";
import { stepFunctionsLoopExecutions, stepFunctionsTopicLoop } from "./loop/step-functions";
import type { LoopExecutions, TopicLoop } from "./loop/topic-loop";

export interface TopicServices {
  readonly loop: TopicLoop;
  readonly notifier: Notifier;
  readonly now: () => Date;
}

export const defaultTopicServices = (): TopicServices => ({
  loop: stepFunctionsTopicLoop,
  notifier: defaultNotifier(),
  now: () => clock().now(),
});

/** The topic services and what runs on Step Functions: for the sweeper and the re-drive. */
export interface RecoveryServices extends TopicServices {
  readonly executions: LoopExecutions;
}

export const defaultRecoveryServices = (): RecoveryServices => ({
  ...defaultTopicServices(),
  executions: stepFunctionsLoopExecutions,
});
