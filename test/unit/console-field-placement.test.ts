import { describe, expect, it } from "vitest";
import { fieldPaths, formFieldOf, namePathOf } from "../../infra/console/src/patterns/field-placement";

describe("where the console shows an API problem about a field", () => {
  const values = { title: "路灯", responsible: { name: "王主任", phone: undefined }, raisedBy: ["甲"] };
  const known = fieldPaths(values);

  it("knows the form's own fields, not the groups they sit in", () => {
    expect(known).toEqual(["title", "responsible.name", "responsible.phone", "raisedBy"]);
  });

  it("puts a problem beside the field it names, or the field its path starts with", () => {
    expect(formFieldOf("responsible.phone", known, {})).toBe("responsible.phone");
    expect(formFieldOf("raisedBy[1].name", known, {})).toBe("raisedBy");
    expect(formFieldOf("evidence.summary", known, { "evidence.summary": "summary" })).toBe("summary");
  });

  it("counts a list's rows by position, so a problem shows beside the row's own field", () => {
    const rows = { summary: "联名", raisedBy: [{ name: "甲", contact: "13900000002" }, { name: "乙" }] };
    const fields = fieldPaths(rows);
    expect(fields).toEqual(["summary", "raisedBy.0.name", "raisedBy.0.contact", "raisedBy.1.name"]);
    expect(formFieldOf("raisedBy.1.name", fields, {})).toBe("raisedBy.1.name");
    expect(namePathOf("raisedBy.1.name")).toEqual(["raisedBy", 1, "name"]);
    expect(fieldPaths({ members: ["M1", "M2"] })).toEqual(["members"]);
  });

  it("leaves a problem about a whole group, or a field the form lacks, for the form's own message", () => {
    // 责任人须为委员，或留有手机号、电子邮箱: about responsible as a whole, shown above the buttons.
    expect(formFieldOf("responsible", known, {})).toBeUndefined();
    expect(formFieldOf("stationId", known, {})).toBeUndefined();
  });
});
