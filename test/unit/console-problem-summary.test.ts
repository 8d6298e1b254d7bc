import { describe, expect, it } from "vitest";
import { apiProblem, fieldProblemsText } from "../../infra/console/src/api/errors";

/** A 400 as the API answers it: its own summary names the API's fields. */
const invalid = (fields: string, details: { field: string; code: string; message: string }[]) => ({
  error: { code: "validation_failed", message: `请求内容有误，请检查：${fields}`, requestId: "r", details },
});

describe("how the console sums up a request's field problems", () => {
  it("names each field as the forms label it, never by the API's name", () => {
    const problem = apiProblem(
      400,
      invalid("responsible.phone", [
        {
          field: "responsible.phone",
          code: "invalid_mobile",
          message: "手机号码格式不正确（应为 11 位大陆手机号）",
        },
      ]),
    );
    expect(problem.message).toBe("请求内容有误：负责人手机：手机号码格式不正确（应为 11 位大陆手机号）");
    expect(problem.message).not.toContain("responsible");
    expect(problem.details).toHaveLength(1);
  });

  it("names a field within a list by the list, and leaves out a field it has no label for", () => {
    const text = fieldProblemsText(
      [
        { field: "raisedBy[1].name", code: "required", message: "必填" },
        { field: "someNewField", code: "required", message: "必填" },
        { field: "limit", code: "invalid_type", message: "类型不正确，应为数字" },
      ],
      "zh-CN",
    );
    expect(text).toBe("请求内容有误：提出人：必填；必填；每页条数：类型不正确，应为数字");
    expect(text).not.toMatch(/someNewField|raisedBy|limit/);
  });

  it("speaks English when the API answered in English", () => {
    const problem = apiProblem(
      400,
      invalid("title", [{ field: "title", code: "required", message: "Required" }]),
      "en",
    );
    expect(problem.message).toBe("The request is invalid: Title: Required");
  });

  it("keeps any other answer's own message", () => {
    const conflict = {
      error: { code: "version_mismatch", message: "数据已被他人修改，请刷新后重试", requestId: "r" },
    };
    expect(apiProblem(409, conflict).message).toBe("数据已被他人修改，请刷新后重试");
    expect(apiProblem(400, invalid("body", [])).message).toBe("请求内容有误，请检查：body");
  });
});
