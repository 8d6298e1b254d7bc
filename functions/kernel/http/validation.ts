/** Validates input with a valibot schema and turns valibot's issues into the API's field problems. */
import * as v from "valibot";
import { type FieldProblem, NotFoundError, type ResourceKind, ValidationError } from "../../domain/errors";
import { isMessageKey } from "./messages";

type Issue = v.BaseIssue<unknown>;
type Described = Pick<FieldProblem, "code" | "message" | "params">;

const fieldPath = (issue: Issue) => (issue.path ?? []).map((item) => String(item.key)).join(".");

/** What a picklist or a literal allows, from valibot's `expected` (`("a" | "b")`, `"a"`): `a | b`. */
const allowedValues = (expected: string | null) =>
  (expected ?? "").replace(/^\((.*)\)$/, "$1").replaceAll('"', "");

const invalidType = (expected: string): Described => ({
  code: "invalid_type",
  message: "invalid_type",
  params: { expected },
});

const lengthOrSize = (issue: Issue, ofText: string, ofList: string, ofNumber: string) =>
  typeof issue.input === "string" ? ofText : Array.isArray(issue.input) ? ofList : ofNumber;

/** A valibot issue, reduced to a catalog key and the facts its message needs. */
function describeIssue(issue: Issue): Described {
  if (isMessageKey(issue.message)) return { code: issue.message, message: issue.message };
  // A field the schema does not have (the rest of a strict object, kernel/contracts.ts).
  if (issue.type === "never") return { code: "unknown_field", message: "unknown_field" };
  // None of a union's shapes fits, not even as a type: there is no one reason to give.
  if (issue.type === "union") return { code: "invalid_union", message: "invalid_value_generic" };
  if (issue.kind === "schema" && issue.input === undefined) return { code: "required", message: "required" };
  const requirement = Number(issue.requirement);
  switch (issue.type) {
    case "string":
    case "number":
    case "boolean":
    case "array":
    case "record":
      return invalidType(issue.type);
    case "object":
    case "strict_object":
    case "loose_object":
    case "object_with_rest":
      return invalidType("object");
    // The type checks of kernel/contracts.ts: the message is the type expected.
    case "custom":
      return invalidType(issue.message);
    case "picklist":
    case "literal":
      return {
        code: "invalid_value",
        message: "invalid_value",
        params: { allowed: allowedValues(issue.expected) },
      };
    case "min_length":
    case "min_value":
      return {
        code: "too_small",
        message: lengthOrSize(issue, "too_short", "too_few", "too_small"),
        params: { minimum: requirement },
      };
    case "max_length":
    case "max_value":
      return {
        code: "too_big",
        message: lengthOrSize(issue, "too_long", "too_many", "too_big"),
        params: { maximum: requirement },
      };
    case "gt_value":
      return { code: "too_small", message: "too_small_exclusive", params: { minimum: requirement } };
    case "lt_value":
      return { code: "too_big", message: "too_big_exclusive", params: { maximum: requirement } };
    case "regex":
      return { code: "invalid_format", message: "invalid_value_generic" };
    case "check":
      return { code: "custom", message: "invalid_value_generic" };
    default:
      return { code: "invalid", message: "invalid_value_generic" };
  }
}

const problemsOf = (issues: readonly Issue[]): FieldProblem[] =>
  issues.map((issue) => ({ field: fieldPath(issue), ...describeIssue(issue) }));

/** Parses `input`, or throws a ValidationError naming each failing field and why. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  // Issues carry the input, so "missing" can be told from "wrong type"; inputs never leave this function.
  const result = v.safeParse(schema, input);
  if (!result.success) throw new ValidationError(problemsOf(result.issues));
  return result.output;
}

/** Path parameters that name a resource: when one is malformed, that resource is "not found". */
const resourceOfParameter: Readonly<Record<string, ResourceKind>> = {
  stationId: "station",
  memberId: "member",
  topicId: "topic",
  contactId: "contact",
  step: "route",
};

/**
 * Parses path parameters. A parameter that names a resource and cannot (a malformed id, an unknown
 * step) answers 404 as that resource, before anything reaches the table; any other answers 400.
 */
export function parsePath<S extends v.GenericSchema>(
  schema: S,
  parameters: Readonly<Record<string, string>>,
): v.InferOutput<S> {
  const result = v.safeParse(schema, parameters);
  if (result.success) return result.output;
  for (const issue of result.issues) {
    const name = String(issue.path?.[0]?.key ?? "");
    const resource = Object.hasOwn(resourceOfParameter, name) ? resourceOfParameter[name] : undefined;
    if (resource) throw new NotFoundError(resource, (parameters[name] ?? "").slice(0, 64));
  }
  throw new ValidationError(problemsOf(result.issues));
}
