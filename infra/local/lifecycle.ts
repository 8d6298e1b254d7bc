/**
 * Starts a list of components in order and stops them in reverse. If one fails to start, the ones
 * already running are stopped before the error is rethrown, so a failed start leaves nothing behind.
 */

export type Stop = () => Promise<void>;

export interface Component<State> {
  /** Shown in progress and error messages. */
  readonly name: string;
  /** Starts the component (reading and filling in `state`); returns how to stop it, if it needs stopping. */
  start(state: State): Promise<Stop | undefined>;
}

export class ComponentStartError extends Error {
  constructor(
    readonly component: string,
    options: { cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`${component}: ${reason}`, options);
  }
}

export interface StartOptions {
  /** Stop starting (and undo) when this aborts, e.g. on Ctrl-C during start-up. */
  readonly signal?: AbortSignal;
  /** Called before each component starts. */
  readonly onStart?: (name: string) => void;
}

/** Returns one stop function for everything that was started; calling it twice stops once. */
export async function startComponents<State>(
  components: readonly Component<State>[],
  state: State,
  options: StartOptions = {},
): Promise<Stop> {
  const stops: { name: string; stop: Stop }[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll: Stop = () => {
    stopping ??= (async () => {
      const errors: unknown[] = [];
      for (const { name, stop } of stops.reverse()) {
        try {
          await stop();
        } catch (error) {
          errors.push(new ComponentStartError(`stopping ${name}`, { cause: error }));
        }
      }
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new AggregateError(errors, "several components failed to stop");
    })();
    return stopping;
  };

  for (const component of components) {
    try {
      options.signal?.throwIfAborted();
      options.onStart?.(component.name);
      const stop = await component.start(state);
      if (stop) stops.push({ name: component.name, stop });
      options.signal?.throwIfAborted();
    } catch (error) {
      await stopAll().catch(() => {});
      if (options.signal?.aborted && error === options.signal.reason) throw error;
      throw new ComponentStartError(component.name, { cause: error });
    }
  }
  return stopAll;
}
