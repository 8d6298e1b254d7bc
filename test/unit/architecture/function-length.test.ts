/**
 * Code a person can read in one sitting: no function (or method, or arrow function) in the shipped
 * code is longer than 80 lines. Declarative blocks — an operation's definition, a message catalog —
 * are values, not functions, and do not count; the function they hold does.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");
const maxLines = 80;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".generated.ts") ? [path] : [];
  });
}

interface LongFunction {
  readonly where: string;
  readonly lines: number;
}

function longFunctions(path: string): LongFunction[] {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > maxLines) found.push({ where: `${relative(root, path)}:${start + 1}`, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the shipped code", () => {
  it.each(["functions", "infra", "workflows"])(`%s has no function over ${maxLines} lines`, (folder) => {
    const long = sourceFiles(join(root, folder)).flatMap(longFunctions);
    expect(long).toEqual([]);
  });
});
