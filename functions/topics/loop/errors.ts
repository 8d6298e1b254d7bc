/** Failures the state machine tells apart by name (see the Retry rules in workflows/topic-loop.ts). */

/** The topic is gone: not worth a retry. */
export class TopicNotFound extends Error {
  override readonly name = "TopicNotFound";
}

/** A payload the state machine never sends: a wiring mistake, not worth a retry. */
export class InvalidTaskInput extends Error {
  override readonly name = "InvalidTaskInput";
}
