import * as v from "valibot";
import { describe, expect, it } from "vitest";
// The parts' messages, as the entries that serve their operations add them.
import "../../support/all-messages";
import { type FieldProblem, ValidationError } from "../../../functions/domain/errors";
import { jsonRecord, listQuery, strictObject } from "../../../functions/kernel/contracts";
import { type MessageKey, message } from "../../../functions/kernel/http/messages";
import { parseInput } from "../../../functions/kernel/http/validation";
import {
  memberCreate,
  memberPatch,
  stationCreate,
  stationPatch,
} from "../../../functions/registry/contracts";
import { deadlineExtension, stepEvidence } from "../../../functions/topics/contracts";

function problems(schema: v.GenericSchema, input: unknown): FieldProblem[] {
  try {
    parseInput(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).problems];
  }
  throw new Error("expected a validation error");
}

const validMember = {
  name: "张三",
  sector: "经济界",
  profession: "律师",
  expertise: ["法律"],
  phone: "13800138000",
};

const validStation = {
  kind: "station",
  name: "东山委员工作站",
  zone: "东山",
  hostVenue: { type: "party-service-center", name: "东山镇党群服务中心" },
  liaison: { leader: "李主席", committee: "提案委" },
};

describe("parseInput", () => {
  it("returns the parsed value: trimmed text, the phone in its canonical form", () => {
    expect(parseInput(memberCreate, { ...validMember, name: "  张三 ", phone: "+86 138-0013-8000" })).toEqual(
      {
        ...validMember,
      },
    );
  });

  it("rejects an unknown field, naming it", () => {
    expect(problems(memberCreate, { ...validMember, salary: 1000 })).toEqual([
      { field: "salary", code: "unknown_field", message: "unknown_field" },
    ]);
  });

  it("names an unknown nested field by its full path, one problem per field", () => {
    expect(
      problems(stationCreate, {
        ...validStation,
        standards: { venue: { met: true, extra: 1 }, parking: { met: true } },
        hostVenue: { ...validStation.hostVenue, floor: 2 },
      }),
    ).toEqual(
      expect.arrayContaining([
        { field: "standards.venue.extra", code: "unknown_field", message: "unknown_field" },
        { field: "standards.parking", code: "unknown_field", message: "unknown_field" },
        { field: "hostVenue.floor", code: "unknown_field", message: "unknown_field" },
      ]),
    );
  });

  it("tells a missing field from one of the wrong type", () => {
    const { profession: _missing, ...withoutProfession } = validMember;
    expect(problems(memberCreate, { ...withoutProfession, sector: 5 })).toEqual([
      { field: "sector", code: "invalid_type", message: "invalid_type", params: { expected: "string" } },
      { field: "profession", code: "required", message: "required" },
    ]);
  });

  it("reports every failing field at once, each with why", () => {
    const found = problems(memberCreate, {
      ...validMember,
      name: "   ",
      phone: "010-12345678",
      email: "not-an-email",
    });
    expect(found).toEqual([
      { field: "name", code: "too_small", message: "too_short", params: { minimum: 1 } },
      { field: "phone", code: "invalid_mobile", message: "invalid_mobile" },
      { field: "email", code: "invalid_email", message: "invalid_email" },
    ]);
  });

  it("names the allowed values of an enumeration", () => {
    expect(problems(stationCreate, { ...validStation, kind: "hall" })).toEqual([
      {
        field: "kind",
        code: "invalid_value",
        message: "invalid_value",
        params: { allowed: "station | room" },
      },
    ]);
  });

  it("gives list items their index in the path, and the length limits", () => {
    expect(problems(memberPatch, { expertise: ["法律", "x".repeat(31)] })).toEqual([
      { field: "expertise.1", code: "too_big", message: "too_long", params: { maximum: 30 } },
    ]);
    expect(problems(memberPatch, { expertise: Array.from({ length: 21 }, (_, i) => `专长${i}`) })).toEqual([
      { field: "expertise", code: "too_big", message: "too_many", params: { maximum: 20 } },
    ]);
  });

  it("checks numbers in the query string, after coercion", () => {
    expect(problems(listQuery, { limit: "500" })).toEqual([
      { field: "limit", code: "too_big", message: "too_big", params: { maximum: 100 } },
    ]);
    expect(problems(listQuery, { limit: "0" })).toEqual([
      { field: "limit", code: "too_small", message: "too_small", params: { minimum: 1 } },
    ]);
    expect(problems(listQuery, { limit: "ten" })).toEqual([
      { field: "limit", code: "invalid_type", message: "invalid_type", params: { expected: "number" } },
    ]);
    expect(parseInput(listQuery, { limit: "25" })).toEqual({ limit: 25 });
  });

  it("rejects a malformed id with its own message", () => {
    expect(problems(stationPatch, { leadMemberId: "not-an-id" })).toEqual([
      { field: "leadMemberId", code: "invalid_id", message: "invalid_id" },
    ]);
  });

  it("reports a body that is not an object against the whole body", () => {
    expect(problems(memberCreate, "张三")).toEqual([
      { field: "", code: "invalid_type", message: "invalid_type", params: { expected: "object" } },
    ]);
    expect(problems(memberCreate, undefined)).toEqual([{ field: "", code: "required", message: "required" }]);
  });

  it("names the failing fields in the error's own message, never the input values", () => {
    let error: unknown;
    try {
      parseInput(memberCreate, { ...validMember, phone: "12345", secret: "hunter2" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const text = (error as Error).message;
    expect(text).toContain("phone");
    expect(text).toContain("secret");
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("12345");
    expect(JSON.stringify((error as ValidationError).problems)).not.toContain("hunter2");
  });

  it("passes a custom message key through as the problem's code", () => {
    const schema = strictObject({
      code: v.pipe(
        v.string(),
        v.check((value) => value === "ok", "invalid_cursor"),
      ),
    });
    expect(problems(schema, { code: "bad" })).toEqual([
      { field: "code", code: "invalid_cursor", message: "invalid_cursor" },
    ]);
  });

  // `version: 0` against a positive version must not be refused with "Must be at least 0".
  it("does not tell the caller that a refused value is allowed (exclusive minimum)", () => {
    const [problem] = problems(memberPatch, { version: 0 });
    expect(problem?.field).toBe("version");
    const text = message(problem?.message as MessageKey, "en", problem?.params);
    expect(text).not.toBe("Must be at least 0");
    expect(message(problem?.message as MessageKey, "zh-CN", problem?.params)).not.toBe("不能小于 0");
  });
});

/**
 * valibot's issues differ from zod's, which the API's problems were first written against; these
 * pin the answers that depend on how kernel/contracts.ts and validation.ts bridge the two.
 */
describe("parseInput over valibot's issues", () => {
  const unknown = (field: string) => ({ field, code: "unknown_field", message: "unknown_field" });
  const wrongType = (field: string, expected: string) => ({
    field,
    code: "invalid_type",
    message: "invalid_type",
    params: { expected },
  });

  it("names every unknown field of an object, after the problems of its own fields", () => {
    expect(problems(memberCreate, { ...validMember, name: "", salary: 1000, bonus: 1 })).toEqual([
      { field: "name", code: "too_small", message: "too_short", params: { minimum: 1 } },
      unknown("salary"),
      unknown("bonus"),
    ]);
  });

  it("refuses the field names valibot itself passes over", () => {
    expect(problems(memberCreate, { ...validMember, constructor: 1 })).toEqual([unknown("constructor")]);
    const withProto = JSON.parse(`{"__proto__": 1, ${JSON.stringify(validMember).slice(1)}`);
    expect(problems(memberCreate, withProto)).toEqual([unknown("__proto__")]);
    expect(problems(listQuery, { prototype: "1" })).toEqual([unknown("prototype")]);
    expect(
      problems(stationCreate, { ...validStation, liaison: { ...validStation.liaison, constructor: 1 } }),
    ).toEqual([unknown("liaison.constructor")]);
  });

  it("does not take a list for an object", () => {
    expect(problems(memberCreate, [])).toEqual([wrongType("", "object")]);
    expect(problems(stationCreate, { ...validStation, hostVenue: [] })).toEqual([
      wrongType("hostVenue", "object"),
    ]);
    expect(problems(jsonRecord, ["a"])).toEqual([wrongType("", "record")]);
    expect(problems(jsonRecord, undefined)).toEqual([{ field: "", code: "required", message: "required" }]);
    expect(parseInput(jsonRecord, { any: "thing" })).toEqual({ any: "thing" });
  });

  it("wants a finite number, and of an integer that it is whole before anything else", () => {
    // JSON's 1e400 parses as Infinity.
    expect(problems(memberPatch, { version: Number.POSITIVE_INFINITY })).toEqual([
      wrongType("version", "number"),
    ]);
    expect(problems(memberPatch, { version: -1.5 })).toEqual([wrongType("version", "int")]);
    expect(problems(memberPatch, { version: 2 ** 60 })).toEqual([
      { field: "version", code: "too_big", message: "too_big", params: { maximum: Number.MAX_SAFE_INTEGER } },
    ]);
    expect(problems(memberPatch, { version: -(2 ** 60) })).toEqual([
      {
        field: "version",
        code: "too_small",
        message: "too_small",
        params: { minimum: Number.MIN_SAFE_INTEGER },
      },
      { field: "version", code: "too_small", message: "too_small_exclusive", params: { minimum: 0 } },
    ]);
    expect(problems(listQuery, { limit: "1e400" })).toEqual([wrongType("limit", "number")]);
    expect(problems(listQuery, { limit: "2.5" })).toEqual([wrongType("limit", "int")]);
    expect(problems(listQuery, { limit: "" })).toEqual([
      { field: "limit", code: "too_small", message: "too_small", params: { minimum: 1 } },
    ]);
  });

  it("refuses a list that is too long before reading its items", () => {
    expect(problems(memberPatch, { expertise: Array.from({ length: 21 }, () => 5) })).toEqual([
      { field: "expertise", code: "too_big", message: "too_many", params: { maximum: 20 } },
    ]);
    expect(problems(memberPatch, { expertise: [5, "法律"] })).toEqual([wrongType("expertise.0", "string")]);
  });

  it("answers a field of several shapes that fits none of them as such, missing or not", () => {
    const invalidUnion = (field: string) => ({
      field,
      code: "invalid_union",
      message: "invalid_value_generic",
    });
    expect(problems(deadlineExtension, { reason: "等待部门数据" })).toEqual([invalidUnion("deadline")]);
    expect(problems(deadlineExtension, { deadline: "20 March", reason: "等待部门数据" })).toEqual([
      invalidUnion("deadline"),
    ]);
    const consult = (residents: unknown) => ({
      meeting: {
        date: "2026-04-02",
        place: "东山委员工作站",
        participants: { members: ["01JZ3K4M5N6P7Q8R9S0T1V2W3X"], departments: [], residents },
        consensus: "分批加装",
      },
    });
    const residents = "meeting.participants.residents";
    // A count below zero fits the type of one shape only: its own problem is the answer.
    expect(problems(stepEvidence.consult, consult(-1))).toEqual([
      { field: residents, code: "too_small", message: "too_small", params: { minimum: 0 } },
    ]);
    expect(problems(stepEvidence.consult, consult("many"))).toEqual([invalidUnion(residents)]);
    expect(problems(stepEvidence.consult, consult(Array.from({ length: 501 }, () => "李")))).toEqual([
      invalidUnion(residents),
    ]);
    const { residents: _missing, ...withoutResidents } = consult(0).meeting.participants;
    expect(
      problems(stepEvidence.consult, { meeting: { ...consult(0).meeting, participants: withoutResidents } }),
    ).toEqual([invalidUnion(residents)]);
  });

  it("names the value a literal allows, and keeps a field's own message for every check of it", () => {
    expect(
      problems(stepEvidence.determine, { decision: "rejected", format: "meeting", reason: "x" }),
    ).toEqual([
      { field: "decision", code: "invalid_value", message: "invalid_value", params: { allowed: "adopted" } },
    ]);
    const invalidEmail = { field: "email", code: "invalid_email", message: "invalid_email" };
    expect(problems(memberPatch, { email: 5 })).toEqual([invalidEmail]);
    expect(problems(memberPatch, { email: `${"x".repeat(250)}@example.cn` })).toEqual([invalidEmail]);
    expect(parseInput(memberPatch, { email: null })).toEqual({ email: null });
  });
});
