/** Validates input with a zod schema and turns zod's issues into the API's field problems. */
import type * as z from "zod/mini";
import { type FieldProblem, NotFoundError, type ResourceKind, ValidationError } from "../../domain/errors";
import { isMessageKey } from "./messages";

const fieldPath = (path: readonly PropertyKey[]) => path.map(String).join(".");

/** zod's issue, reduced to a catalog key and the facts its message needs. */
function describeIssue(issue: z.core.$ZodIssue): Pick<FieldProblem, "code" | "message" | "params"> {
  if (isMessageKey(issue.message)) return { code: issue.message, message: issue.message };
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? { code: "required", message: "required" }
        : { code: "invalid_type", message: "invalid_type", params: { expected: issue.expected } };
    case "too_small":
      return {
        code: "too_small",
        message:
          issue.origin === "string"
            ? "too_short"
            : issue.origin === "array"
              ? "too_few"
              : issue.inclusive === false
                ? "too_small_exclusive"
                : "too_small",
        params: { minimum: Number(issue.minimum) },
      };
    case "too_big":
      return {
        code: "too_big",
        message:
          issue.origin === "string"
            ? "too_long"
            : issue.origin === "array"
              ? "too_many"
              : issue.inclusive === false
                ? "too_big_exclusive"
                : "too_big",
        params: { maximum: Number(issue.maximum) },
      };
    case "invalid_value":
      if (issue.input === undefined) return { code: "required", message: "required" };
      return {
        code: "invalid_value",
        message: "invalid_value",
        params: { allowed: issue.values.map(String).join(" | ") },
      };
    case "not_multiple_of":
    case "invalid_format":
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
    case "custom":
      return { code: issue.code, message: "invalid_value_generic" };
    default:
      return { code: "invalid", message: "invalid_value_generic" };
  }
}

function problemsOf(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.flatMap((issue): FieldProblem[] => {
    const field = fieldPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        field: [field, key].filter(Boolean).join("."),
        code: "unknown_field",
        message: "unknown_field",
      }));
    }
    return [{ field, ...describeIssue(issue) }];
  });
}

/** Parses `input`, or throws a ValidationError naming each failing field and why. */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  // reportInput lets "missing" be told apart from "wrong type"; inputs never leave this function.
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ValidationError(problemsOf(result.error.issues));
  return result.data;
}

/** Path parameters that name a resource: when one is malformed, that resource is "not found". */
const resourceOfParameter: Readonly<Record<string, ResourceKind>> = {
  stationId: "station",
  memberId: "member",
  topicId: "topic",
  step: "route",
};

/**
 * Parses path parameters. A parameter that names a resource and cannot (a malformed id, an unknown
 * step) answers 404 as that resource, before anything reaches the table; any other answers 400.
 */
export function parsePath<S extends z.ZodMiniType>(
  schema: S,
  parameters: Readonly<Record<string, string>>,
): z.output<S> {
  const result = schema.safeParse(parameters);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? "");
    const resource = resourceOfParameter[name];
    if (resource) throw new NotFoundError(resource, (parameters[name] ?? "").slice(0, 64));
  }
  throw new ValidationError(problemsOf(result.error.issues));
}
