/** Exports a list: the API's own CSV where it has one, otherwise the rows as shown, as CSV (Excel opens both). */

export interface ExportColumn<T> {
  readonly title: string;
  readonly value: (row: T) => string | number | boolean | undefined;
}

const cell = (value: string | number | boolean | undefined) => {
  const text = value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function toCsv<T>(rows: readonly T[], columns: readonly ExportColumn<T>[]): Blob {
  const lines = [columns.map((c) => cell(c.title)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(","));
  // A byte-order mark so Excel reads the Chinese as UTF-8.
  return new Blob(["\uFEFF", `${lines.join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" });
}

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
