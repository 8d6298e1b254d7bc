/** The build-time JSON Schema of the valibot contracts (functions/meta/json-schema.ts). */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  id,
  int,
  listOf,
  queryInt,
  shortText,
  strictObject,
  version,
} from "../../functions/kernel/contracts";
import { isoDatePattern } from "../../functions/kernel/formats";
import { idPattern } from "../../functions/kernel/ids";
import { describe as describeSchema } from "../../functions/meta/json-schema";

describe("the JSON Schema of a contract", () => {
  it("reads the kernel's blocks as the types they check", () => {
    const schema = strictObject({
      name: shortText(50),
      ids: v.pipe(listOf(id, 20), v.minLength(1)),
      limit: v.optional(queryInt(1, 100)),
      version,
      day: v.nullable(v.pipe(v.string(), v.regex(isoDatePattern))),
    });
    expect(describeSchema(schema, "input")).toEqual({
      type: "object",
      properties: {
        name: { type: "string", minLength: 1, maxLength: 50 },
        ids: {
          minItems: 1,
          maxItems: 20,
          type: "array",
          items: { type: "string", pattern: idPattern.source },
        },
        limit: { type: "integer", minimum: 1, maximum: 100 },
        version: { type: "integer", exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER },
        day: {
          anyOf: [{ type: "string", format: "date", pattern: isoDatePattern.source }, { type: "null" }],
        },
      },
      required: ["name", "ids", "version", "day"],
      additionalProperties: false,
    });
  });

  it("describes a response's objects as closed, a transform's output as anything, bare types as one", () => {
    const response = v.object({
      count: int,
      phone: v.pipe(
        v.string(),
        v.transform((text) => text.trim()),
      ),
      cursor: v.nullable(v.string()),
    });
    expect(describeSchema(response, "output")).toEqual({
      type: "object",
      properties: {
        count: { type: "integer", minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
        phone: {},
        cursor: { type: ["string", "null"] },
      },
      required: ["count", "phone", "cursor"],
      additionalProperties: false,
    });
  });

  it("refuses what a request must not use: valibot's own objects, numbers and unguarded lists", () => {
    expect(() => describeSchema(v.strictObject({ a: v.string() }), "input")).toThrow(/strictObject/);
    expect(() => describeSchema(strictObject({ a: v.object({ b: v.string() }) }), "input")).toThrow(
      /strictObject/,
    );
    expect(() => describeSchema(strictObject({ n: v.number() }), "input")).toThrow(/finiteNumber or int/);
    expect(() =>
      describeSchema(strictObject({ l: v.pipe(v.array(v.string()), v.maxLength(3)) }), "input"),
    ).toThrow(/listOf/);
    expect(() => describeSchema(v.date(), "output")).toThrow(/cannot be documented/);
  });
});
