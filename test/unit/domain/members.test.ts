import { describe, expect, it } from "vitest";
import { normalizeExpertise, normalizeMainlandMobile } from "../../../functions/domain/registry/members";

describe("normalizeMainlandMobile", () => {
  it.each([
    ["13800138000"],
    ["138 0013 8000"],
    ["138-0013-8000"],
    [" 138 0013 8000 "],
    ["+86 138 0013 8000"],
    ["+8613800138000"],
    ["+86-138-0013-8000"],
    ["0086 138 0013 8000"],
    ["008613800138000"],
  ])("accepts %j as 13800138000", (input) => {
    expect(normalizeMainlandMobile(input)).toBe("13800138000");
  });

  it.each([["19912345678"], ["15000000000"], ["17712345678"]])("accepts the mobile prefix of %s", (input) => {
    expect(normalizeMainlandMobile(input)).toBe(input);
  });

  it.each([
    ["010-12345678", "a Beijing landline"],
    ["0755 8888 9999", "a Shenzhen landline"],
    ["+86 10 1234 5678", "a landline with country code"],
    ["+86 010 12345678", "a landline with country code and trunk prefix"],
    ["1380013800", "ten digits"],
    ["138001380000", "twelve digits"],
    ["+86 138001380", "too short after the country code"],
    ["12800138000", "a number starting 12"],
    ["10800138000", "a number starting 10"],
    ["+1 138 0013 8000", "another country code"],
    ["138 0013 800a", "a letter"],
    ["", "nothing"],
    ["   ", "only spaces"],
  ])("rejects %j (%s)", (input) => {
    expect(normalizeMainlandMobile(input)).toBeUndefined();
  });
});

describe("normalizeExpertise", () => {
  it("trims tags, drops empty ones and repeats, and keeps the order given", () => {
    expect(normalizeExpertise([" 养老服务 ", "法律", "", "   ", "养老服务", "法律 ", "教育"])).toEqual([
      "养老服务",
      "法律",
      "教育",
    ]);
  });

  it("gives an empty list for no tags", () => {
    expect(normalizeExpertise([])).toEqual([]);
  });

  it("does not merge tags that only look alike", () => {
    expect(normalizeExpertise(["AI", "ai"])).toEqual(["AI", "ai"]);
  });
});
