/**
 * The request schemas (`*contracts.ts`) are built at module load, by calls, which esbuild keeps in a
 * bundle even when nothing there uses the schema: it does not carry valibot's own
 * `@__NO_SIDE_EFFECTS__` across modules. So each top-level value built by a call is built in a
 * `/* @__PURE__ *\/` arrow called at once, which a bundle that never reads the value drops whole
 * (docs/decisions/0010, addendum).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");

function contractFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return contractFiles(path);
    return name.endsWith("contracts.ts") ? [path] : [];
  });
}

const callsSomething = (node: ts.Node): boolean =>
  ts.isCallExpression(node) ||
  ts.isNewExpression(node) ||
  ts.isSpreadAssignment(node) ||
  ts.isSpreadElement(node) ||
  (!ts.isArrowFunction(node) &&
    !ts.isFunctionExpression(node) &&
    ts.forEachChild(node, (child) => callsSomething(child) || undefined) === true);

/** `/* @__PURE__ *\/ (() => …)()` */
function isPureIife(node: ts.Expression, source: ts.SourceFile): boolean {
  if (!ts.isCallExpression(node) || node.arguments.length > 0) return false;
  const callee = ts.isParenthesizedExpression(node.expression) ? node.expression.expression : undefined;
  if (!callee || !ts.isArrowFunction(callee)) return false;
  return source.text.slice(node.getFullStart(), node.getStart(source)).trim() === "/* @__PURE__ */";
}

function unwrapped(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  return source.statements.flatMap((statement) =>
    ts.isVariableStatement(statement)
      ? statement.declarationList.declarations
          .filter(({ initializer }) => initializer && callsSomething(initializer))
          .filter(({ initializer }) => initializer && !isPureIife(initializer, source))
          .map(({ name }) => `${relative(root, path)}: ${name.getText(source)}`)
      : [],
  );
}

describe("request schemas", () => {
  it("are each built in a pure arrow, so a bundle that does not use one drops it", () => {
    const files = contractFiles(join(root, "functions"));
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap(unwrapped)).toEqual([]);
  });
});
