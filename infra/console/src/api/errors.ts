/** The API's error answers (docs API.md): a code, a message in the caller's language, field problems. */
import { fieldLabel } from "../i18n/field-labels";
import type { Language } from "../i18n/messages";

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

const invalidRequest: Readonly<Record<Language, string>> = {
  "zh-CN": "请求内容有误：",
  en: "The request is invalid: ",
};

/**
 * What is wrong with a request, field by field, as the console's forms name the fields (负责人手机：
 * 手机号码格式不正确), not by the API's names (the API's own summary lists those: responsible.phone).
 */
export function fieldProblemsText(details: readonly FieldProblem[], language: Language): string {
  const separator = language === "zh-CN" ? "；" : "; ";
  const said = details.map((problem) => {
    const label = fieldLabel(problem.field, language);
    return label ? `${label}${language === "zh-CN" ? "：" : ": "}${problem.message}` : problem.message;
  });
  return `${invalidRequest[language]}${[...new Set(said)].join(separator)}`;
}

/**
 * Reads an error body; anything unexpected still becomes an ApiProblem with the HTTP status. A 400's
 * field problems are its message, in `language` (the answer's Content-Language).
 */
export function apiProblem(status: number, body: unknown, language: Language = "zh-CN"): ApiProblem {
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
  const code = String(error.code ?? "error");
  const message =
    code === "validation_failed" && details.length > 0
      ? fieldProblemsText(details, language)
      : String(error.message ?? "");
  return new ApiProblem(status, code, message, details);
}

/**
 * openapi-fetch's answer: the data, or an ApiProblem thrown. The client always asks for JSON (the
 * CSV of a list is fetched separately), so a list's `text/csv` alternative is not among the answers.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Exclude<NonNullable<T>, string>> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const language = response.headers.get("content-language") === "en" ? "en" : "zh-CN";
    throw apiProblem(response.status, error, language);
  }
  return data as Exclude<NonNullable<T>, string>;
}
