/** Health and the OpenAPI document: public, no token. */
import { definePublicOperation, ok, type Operation } from "../http";
import { buildOpenApiDocument } from "../openapi";

export function metaOperations(documented: () => readonly Operation[]): Operation[] {
  let document: unknown;
  const self: Operation[] = [
    definePublicOperation({
      route: "GET /health",
      operationId: "health",
      summary: "存活检查 · Liveness",
      tag: "meta",
      responses: [{ status: 200, description: "The service is up" }],
      async handle() {
        return ok({ status: "ok" });
      },
    }),
    definePublicOperation({
      route: "GET /openapi.json",
      operationId: "openapi",
      summary: "接口文档 · This OpenAPI document",
      tag: "meta",
      responses: [{ status: 200, description: "OpenAPI 3.1 document" }],
      async handle() {
        document ??= buildOpenApiDocument([...self, ...documented()]);
        return ok(document, { "cache-control": "public, max-age=300" });
      },
    }),
  ];
  return self;
}
