/**
 * Building blocks shared by the request and response schemas, in valibot: schemas are plain objects
 * and a bundle carries only the few functions it uses (docs/decisions/0012); messages are keys
 * translated at the edge (kernel/http/validation.ts maps valibot's issues to the API's problems).
 *
 * Where valibot's own schemas are looser than the API, the blocks here close the gap: a JSON object
 * is never an array, every unknown field is named, a number is finite, an integer is a safe one.
 */
import * as v from "valibot";
import { isoDatePattern, isoDateTimePattern } from "./formats";
import { idPattern } from "./ids";

/**
 * The types checked here rather than by a valibot schema. A `custom` schema's message is the type
 * it expects, which validation.ts reports as an `invalid_type` problem's `expected`.
 */
export type CheckedType = "object" | "record" | "number" | "int";

/* @__NO_SIDE_EFFECTS__ */
function typeCheck<T>(check: (input: unknown) => boolean, expected: CheckedType) {
  return v.custom<T>(check, expected);
}

const isJsonObject = (input: unknown) => typeof input === "object" && input !== null && !Array.isArray(input);

/** A finite number: JSON's 1e400 reads as Infinity, which is not one. */
export const finiteNumber = /* @__PURE__ */ (() => typeCheck<number>(Number.isFinite, "number"))();

/**
 * An integer within ±(2^53 − 1). A fraction is refused as not an integer, and nothing more is said
 * about it (the failed type check ends the pipe); a value out of range is too small or too big.
 */
export const int = /* @__PURE__ */ (() =>
  v.pipe(
    finiteNumber,
    typeCheck<number>(Number.isInteger, "int"),
    v.minValue(Number.MIN_SAFE_INTEGER),
    v.maxValue(Number.MAX_SAFE_INTEGER),
  ))();

/** An integer from a query string (`Number(text)`, so `""` is 0 and `"1e2"` is 100), from `min` to `max`. */
/* @__NO_SIDE_EFFECTS__ */
export function queryInt(min: number, max: number) {
  return v.pipe(v.unknown(), v.transform(Number), int, v.minValue(min), v.maxValue(max));
}

/** Any JSON object, its fields checked elsewhere (a body whose shape depends on the path). */
export const jsonRecord = /* @__PURE__ */ (() =>
  typeCheck<Record<string, unknown>>(isJsonObject, "record"))();

type ObjectInput<E extends v.ObjectEntries> = v.InferInput<v.ObjectSchema<E, undefined>>;
type ObjectOutput<E extends v.ObjectEntries> = v.InferOutput<v.ObjectSchema<E, undefined>>;

/** A strict object's schema, typed as the object it parses to. */
export type StrictObjectSchema<E extends v.ObjectEntries> = v.GenericSchema<ObjectInput<E>, ObjectOutput<E>>;

/** The object with every one of `keys` present, those it lacks as `undefined`. */
function withKeys<T extends object>(input: T, keys: readonly string[]): T {
  if (keys.every((key) => key in input)) return input;
  return { ...Object.fromEntries(keys.map((key) => [key, undefined])), ...input };
}

/**
 * Field names valibot's objects pass over without a word (a guard against prototype pollution). The
 * API refuses them as unknown, like any field a schema does not have; the object's other fields are
 * then not checked.
 */
const unsafeKeys = ["__proto__", "constructor", "prototype"];

/**
 * A JSON object with these fields and no others: each unknown field is a problem of its own (valibot's
 * `strictObject` names only the first). A missing field is checked as `undefined` by its own schema,
 * so that it says what is wrong in its own terms: `required`, or for a field of several shapes, that
 * it matches none of them.
 */
/* @__NO_SIDE_EFFECTS__ */
export function strictObject<const E extends v.ObjectEntries>(entries: E): StrictObjectSchema<E> {
  const required = Object.keys(entries).filter((key) => entries[key]?.type !== "optional");
  return v.pipe(
    typeCheck<ObjectInput<E>>(isJsonObject, "object"),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const input: Record<string, unknown> = dataset.value;
      for (const key of unsafeKeys.filter((name) => Object.hasOwn(input, name))) {
        const path: [v.ObjectPathItem] = [{ type: "object", origin: "key", input, key, value: input[key] }];
        addIssue({ message: "unknown_field", path });
      }
    }),
    v.transform((input: ObjectInput<E>) => withKeys(input, required)),
    v.objectWithRest(entries, v.never()),
  );
}

/**
 * A list of at most `max` items: a longer one is refused as too long before its items are read, so
 * that a list of thousands is not checked, and reported on, item by item.
 */
/* @__NO_SIDE_EFFECTS__ */
export function listOf<T extends v.GenericSchema>(item: T, max: number) {
  return v.pipe(v.array(v.unknown()), v.maxLength(max), v.array(item));
}

/* @__NO_SIDE_EFFECTS__ */
export function shortText(max = 100) {
  return v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
}

/* @__NO_SIDE_EFFECTS__ */
export function longText(max = 2000) {
  return v.pipe(v.string(), v.trim(), v.maxLength(max));
}

/** Server-generated, time-sortable ids (ULID). */
export const id = /* @__PURE__ */ (() => v.pipe(v.string(), v.regex(idPattern, "invalid_id")))();

export const version = /* @__PURE__ */ (() => v.pipe(int, v.gtValue(0)))();

export const isoTimestamp = /* @__PURE__ */ (() => v.pipe(v.string(), v.regex(isoDateTimePattern)))();
/** A calendar date, YYYY-MM-DD. */
export const isoDate = /* @__PURE__ */ (() => v.pipe(v.string(), v.regex(isoDatePattern)))();

export const listQueryEntries = /* @__PURE__ */ (() => ({
  limit: v.optional(queryInt(1, 100)),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2048))),
}))();

export const listQuery = /* @__PURE__ */ (() => strictObject(listQueryEntries))();

/* @__NO_SIDE_EFFECTS__ */
export function pageOf<T extends v.GenericSchema>(item: T) {
  return v.object({ items: v.array(item), cursor: v.nullable(v.string()) });
}

export const errorBody = /* @__PURE__ */ (() =>
  v.object({
    error: v.object({
      code: v.string(),
      message: v.string(),
      requestId: v.string(),
      /** On 409 version_mismatch: the version to reload (also sent as the ETag). */
      currentVersion: v.optional(v.number()),
      details: v.optional(v.array(v.object({ field: v.string(), code: v.string(), message: v.string() }))),
    }),
  }))();
