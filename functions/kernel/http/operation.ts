/** The shape of an API operation: what it accepts, what it answers, and the code that does it. */
import type * as v from "valibot";
import type { Principal, Role } from "../../domain/access";
import type { Language } from "../../domain/registry/members";
import type { CsvColumn } from "./csv";
import type { RouteKey } from "./routes";

export interface ApiRequest {
  readonly routeKey: string;
  readonly requestId: string;
  readonly language: Language;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
}

export interface ApiResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ResponseSpec {
  readonly status: number;
  readonly description: string;
  /**
   * A response schema by its OpenAPI component name (each part's `responses.ts` names its own), so
   * that the functions bundle no response schemas; `npm run openapi` refuses an unknown name.
   */
  readonly schema?: string;
}

/**
 * Whether operations carry their documentation — summary, description, tag, responses and
 * documentedBody, which only `npm run openapi` reads — written beside each operation as
 * `...(documented && { summary, … })`. True wherever the sources run (the OpenAPI generator, the
 * tests, the local runtime). The deployed bundles are built with `process.env.OPERATION_DOCS` defined
 * as "omit" (infra/bundling.ts), so this is `false` there and esbuild drops each block whole: nothing
 * at run time reads them, and they were 5–11 kB of an API function (docs/decisions/0010). Typed
 * `true` so that the compiler still holds every operation to its documentation.
 */
export const documented = (process.env.OPERATION_DOCS !== "omit") as true;

interface OperationDocs {
  readonly route: RouteKey;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly responses: readonly ResponseSpec[];
  /**
   * The body as the OpenAPI document shows it, when it is more precise than what the dispatcher
   * checks (a body whose schema depends on a path parameter, checked in the handler).
   */
  readonly documentedBody?: v.GenericSchema;
  /**
   * The roles that may call the operation at all, checked before its input is validated: a caller
   * who may not gets 403, never details of a body they had no business sending. Finer rules (which
   * station, whose record) stay in the use case. Default: every signed-in role.
   */
  readonly allow?: readonly Role[];
  /** A create that honours `Idempotency-Key` (the same key within 24 h answers the first answer). */
  readonly idempotent?: boolean;
  /** List operations can also answer text/csv with these columns. */
  readonly csv?: { readonly fileName: string; readonly columns: readonly CsvColumn[] };
}

export interface OperationInput<P, Q, B> {
  readonly request: ApiRequest;
  readonly principal: Principal;
  readonly path: P;
  readonly query: Q;
  readonly body: B;
}

export interface Operation extends OperationDocs {
  readonly auth: "public" | "jwt";
  readonly path?: v.GenericSchema;
  readonly query?: v.GenericSchema;
  readonly body?: v.GenericSchema;
  readonly handle: (input: OperationInput<unknown, unknown, unknown>) => Promise<ApiResponse>;
}

/**
 * An operation behind the JWT authorizer. The middlewares parse path, query and body with the
 * declared schemas before `handle` runs, and the OpenAPI document is built from the same schemas.
 */
export function defineOperation<
  P extends v.GenericSchema = v.GenericSchema<undefined>,
  Q extends v.GenericSchema = v.GenericSchema<undefined>,
  B extends v.GenericSchema = v.GenericSchema<undefined>,
>(
  spec: OperationDocs & {
    readonly path?: P;
    readonly query?: Q;
    readonly body?: B;
    readonly handle: (
      input: OperationInput<v.InferOutput<P>, v.InferOutput<Q>, v.InferOutput<B>>,
    ) => Promise<ApiResponse>;
  },
): Operation {
  return { ...spec, auth: "jwt", handle: spec.handle as Operation["handle"] };
}

/** An operation anyone may call, without a token. */
export function definePublicOperation(
  spec: OperationDocs & { readonly handle: (input: { request: ApiRequest }) => Promise<ApiResponse> },
): Operation {
  return { ...spec, auth: "public", handle: ({ request }) => spec.handle({ request }) };
}

export const ok = (body: unknown, headers?: Record<string, string>): ApiResponse => ({
  status: 200,
  body,
  headers,
});
export const created = (body: unknown, headers?: Record<string, string>): ApiResponse => ({
  status: 201,
  body,
  headers,
});
/** Taken on and carried out elsewhere: the body is where it stands now, `location` where to follow it. */
export const accepted = (body: unknown, headers?: Record<string, string>): ApiResponse => ({
  status: 202,
  body,
  headers,
});
export const noContent = (): ApiResponse => ({ status: 204 });

/** Versioned records carry their version as an ETag, to be sent back in If-Match. */
export const versionTag = (version: number) => ({ etag: `"${version}"` });
