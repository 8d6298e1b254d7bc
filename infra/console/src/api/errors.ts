/** The API's error answers (docs API.md): a code, a message in the caller's language, field problems. */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** Reads an error body; anything unexpected still becomes an ApiProblem with the HTTP status. */
export function apiProblem(status: number, body: unknown): ApiProblem {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (!error) {
    const message = isRecord(body) && typeof body.message === "string" ? body.message : `HTTP ${status}`;
    return new ApiProblem(status, "http_error", message);
  }
  const details = Array.isArray(error.details)
    ? error.details.filter(isRecord).map((d) => ({
        field: String(d.field ?? ""),
        code: String(d.code ?? ""),
        message: String(d.message ?? ""),
      }))
    : [];
  return new ApiProblem(status, String(error.code ?? "error"), String(error.message ?? ""), details);
}

/**
 * openapi-fetch's answer: the data, or an ApiProblem thrown. The client always asks for JSON (the
 * CSV of a list is fetched separately), so a list's `text/csv` alternative is not among the answers.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Exclude<NonNullable<T>, string>> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw apiProblem(response.status, error);
  return data as Exclude<NonNullable<T>, string>;
}
