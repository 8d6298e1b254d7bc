import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currentOpenApiDocument, generatedDocumentPath } from "../../functions/api/openapi-document";
import { routes } from "../../functions/api/routes";

describe("the generated OpenAPI document", () => {
  it("is current with the zod schemas (run `npm run openapi` after changing a contract)", () => {
    expect(readFileSync(generatedDocumentPath, "utf8")).toBe(currentOpenApiDocument());
  });

  it("documents every route with its method, and no route that does not exist", () => {
    const document = JSON.parse(currentOpenApiDocument()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });
});
