/**
 * The local copy of the definition, and how each of its Task states runs in-process. The package
 * resolves `TimeoutSecondsPath` against the input after `Parameters` (AWS: against the state input),
 * so callback states get a fixed `TimeoutSeconds` its own timer honours, and the runtime times their
 * wait from the payload instead (callbacks.ts).
 */
import { isRecord } from "./json";
import { packageTimeoutSeconds } from "./timers";
import type { AslDefinition, AslState } from "./topic-loop-definition";

/** How each Task state of the definition runs locally. */
export type TaskKind =
  | { readonly kind: "lambda"; readonly payloadOnly: boolean }
  | CallbackKind
  | { readonly kind: "startExecution"; readonly inputIsText: boolean };

export interface CallbackKind {
  readonly kind: "callback";
  /** The payload field that holds the wait, in seconds (the state's TimeoutSecondsPath). */
  readonly waitKey: string | undefined;
  readonly timeoutSeconds: number | undefined;
}

const lambdaArn = /^arn:[\w-]+:lambda:[^:]*:\d*:function:[^:]+(:[^:]+)?$/;

/** The payload field of a callback state that carries its TimeoutSecondsPath. */
function waitKeyOf(stateName: string, state: AslState): string | undefined {
  if (state.TimeoutSecondsPath === undefined) return undefined;
  // The package resolves TimeoutSecondsPath against the payload template's result, not the state
  // input. The definition carries the same value in the payload; find which field holds it.
  const payload = state.Parameters?.Payload;
  const entry = isRecord(payload)
    ? Object.entries(payload).find(([key, value]) => key.endsWith(".$") && value === state.TimeoutSecondsPath)
    : undefined;
  if (!entry) {
    throw new Error(
      `state "${stateName}": its payload must carry ${state.TimeoutSecondsPath} (the local runtime times ` +
        "the wait from the payload; aws-local-stepfunctions resolves TimeoutSecondsPath after Parameters)",
    );
  }
  return entry[0].slice(0, -2);
}

export function classify(stateName: string, state: AslState): TaskKind {
  const resource = state.Resource ?? "";
  if (lambdaArn.test(resource)) return { kind: "lambda", payloadOnly: true };
  if (/^arn:[\w-]+:states:::lambda:invoke$/.test(resource)) return { kind: "lambda", payloadOnly: false };
  if (/^arn:[\w-]+:states:::lambda:invoke\.waitForTaskToken$/.test(resource)) {
    return { kind: "callback", waitKey: waitKeyOf(stateName, state), timeoutSeconds: state.TimeoutSeconds };
  }
  if (/^arn:[\w-]+:states:::states:startExecution$/.test(resource)) {
    return { kind: "startExecution", inputIsText: false };
  }
  if (/^arn:[\w-]+:states:::aws-sdk:sfn:startExecution$/.test(resource)) {
    return { kind: "startExecution", inputIsText: true };
  }
  throw new Error(`state "${stateName}": the local runtime cannot run resource ${resource}`);
}

export interface LocalDefinition {
  /** What the package runs: callback states with a fixed timeout the package's own timer honours. */
  readonly definition: AslDefinition;
  /** How each Task state runs, by state name. */
  readonly kinds: ReadonlyMap<string, TaskKind>;
}

/** The local copy of a definition; throws on what the local runtime cannot run. */
export function localDefinition(definition: AslDefinition): LocalDefinition {
  const kinds = new Map<string, TaskKind>();
  const localStates: Record<string, AslState> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === "Map" || state.Type === "Parallel") {
      throw new Error(`state "${name}": the local runtime does not run ${state.Type} states`);
    }
    if (state.Type !== "Task") {
      localStates[name] = state;
      continue;
    }
    const kind = classify(name, state);
    kinds.set(name, kind);
    if (kind.kind === "callback") {
      const { TimeoutSecondsPath: _resolvedHere, ...rest } = state;
      localStates[name] = { ...rest, TimeoutSeconds: packageTimeoutSeconds };
    } else {
      localStates[name] = state;
    }
  }
  return { definition: { ...definition, States: localStates }, kinds };
}

/** The same pause before every retry of every state with a Retry (tests), or none. */
export function retryOverrides(
  definition: AslDefinition,
  retryPauseMs: number | undefined,
): Record<string, number> | undefined {
  if (retryPauseMs === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(definition.States)
      .filter(([, state]) => state.Retry !== undefined)
      .map(([name]) => [name, retryPauseMs]),
  );
}
