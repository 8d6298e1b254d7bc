import { describe, expect, it } from "vitest";
import { type CsvColumn, toCsv, wantsCsv } from "../../../functions/kernel/http/csv";

interface Row {
  readonly name: string;
  readonly note?: string;
  readonly count?: number;
  readonly active?: boolean;
}

const columns: CsvColumn[] = [
  { header: { "zh-CN": "名称", en: "Name" }, value: (r: Row) => r.name },
  { header: { "zh-CN": "备注", en: "Note" }, value: (r: Row) => r.note },
];

const BOM = "\uFEFF";

/** The data lines of a CSV answer, without the BOM and the header. */
const body = (csv: string) => csv.slice(BOM.length).split("\r\n").slice(1);

describe("toCsv", () => {
  it("starts with a UTF-8 BOM so that Excel opens Chinese text correctly", () => {
    const csv = toCsv([{ name: "东山工作站" }], columns, "zh-CN");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("writes the header in the caller's language, then one CRLF-terminated line per item", () => {
    const items: Row[] = [{ name: "东山工作站", note: "首批" }, { name: "营前工作站" }];
    expect(toCsv(items, columns, "zh-CN")).toBe(`${BOM}名称,备注\r\n东山工作站,首批\r\n营前工作站,\r\n`);
    expect(toCsv(items, columns, "en")).toBe(`${BOM}Name,Note\r\n东山工作站,首批\r\n营前工作站,\r\n`);
  });

  it("with no items, still gives the header", () => {
    expect(toCsv([], columns, "en")).toBe(`${BOM}Name,Note\r\n`);
  });

  it("quotes cells with commas, quotes and line breaks, doubling the quotes", () => {
    const csv = toCsv(
      [
        { name: "社溪, 寺下", note: 'He said "yes"' },
        { name: "第一行\n第二行", note: "a\r\nb" },
        { name: "中文，全角逗号", note: "plain" },
      ],
      columns,
      "en",
    );
    expect(csv).toBe(
      `${BOM}Name,Note\r\n"社溪, 寺下","He said ""yes"""\r\n"第一行\n第二行","a\r\nb"\r\n中文，全角逗号,plain\r\n`,
    );
  });

  it("writes numbers and booleans as text and missing values as empty cells", () => {
    const typed: CsvColumn[] = [
      { header: { "zh-CN": "数量", en: "Count" }, value: (r: Row) => r.count },
      { header: { "zh-CN": "在用", en: "Active" }, value: (r: Row) => r.active },
    ];
    expect(
      body(
        toCsv(
          [{ name: "x", count: 12, active: true }, { name: "y", count: 0, active: false }, { name: "z" }],
          typed,
          "en",
        ),
      ),
    ).toEqual(["12,true", "0,false", ",", ""]);
  });

  it.each([
    ['=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'],
    ["+86 138 0013 8000", "'+86 138 0013 8000"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
  ])("keeps %j from being run as a formula", (cell, expected) => {
    const [line] = body(toCsv([{ name: cell }], columns.slice(0, 1), "en"));
    expect(line).toBe(expected.includes('"') ? `"${expected.replaceAll('"', '""')}"` : expected);
  });

  it("guards a formula that also needs quoting", () => {
    const [line] = body(toCsv([{ name: '=1,"2"' }], columns.slice(0, 1), "en"));
    expect(line).toBe(`"'=1,""2"""`);
  });

  it("leaves ordinary text that merely contains formula characters alone", () => {
    const [line] = body(toCsv([{ name: "a=b+c-d@e" }], columns.slice(0, 1), "en"));
    expect(line).toBe("a=b+c-d@e");
  });
});

describe("wantsCsv", () => {
  it("answers CSV when asked with ?format=csv", () => {
    expect(wantsCsv({ format: "csv" }, undefined)).toBe(true);
    expect(wantsCsv({ format: "csv" }, "application/json")).toBe(true);
  });

  it("?format=json wins over an Accept header asking for CSV", () => {
    expect(wantsCsv({ format: "json" }, "text/csv")).toBe(false);
  });

  it("answers CSV when the Accept header lists text/csv", () => {
    expect(wantsCsv({}, "text/csv")).toBe(true);
    expect(wantsCsv({}, "application/json, text/csv;q=0.5")).toBe(true);
    expect(wantsCsv({}, "Text/CSV; charset=utf-8")).toBe(true);
  });

  it("answers JSON otherwise", () => {
    expect(wantsCsv({}, undefined)).toBe(false);
    expect(wantsCsv({}, "application/json")).toBe(false);
    expect(wantsCsv({}, "*/*")).toBe(false);
    expect(wantsCsv({ limit: "10" }, "text/html")).toBe(false);
  });
});
