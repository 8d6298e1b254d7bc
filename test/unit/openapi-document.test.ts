import { readFileSync } from "node:fs";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { routes } from "../../functions/kernel/http/routes";
import { packedOpenApiDocument } from "../../functions/meta/openapi.packed.generated";
import { currentOpenApiDocument, generatedDocumentPath } from "../../functions/meta/openapi-document";

describe("the generated OpenAPI document", () => {
  it("is current with the valibot schemas (run `npm run openapi` after changing a contract)", () => {
    expect(readFileSync(generatedDocumentPath, "utf8")).toBe(currentOpenApiDocument());
  });

  it("is packed, for the meta function, to exactly the same document", () => {
    const unpacked = brotliDecompressSync(Buffer.from(packedOpenApiDocument, "base64")).toString("utf8");
    expect(JSON.parse(unpacked)).toEqual(JSON.parse(currentOpenApiDocument()));
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
