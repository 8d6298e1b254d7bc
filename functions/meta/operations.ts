/**
 * Health and the OpenAPI document: public, no token. The document is generated from the valibot
 * schemas at build time (`npm run openapi`, checked by a test), so this function bundles neither the
 * registry's handlers nor the JSON Schema converter.
 */
import { brotliDecompressSync } from "node:zlib";
import { definePublicOperation, documented, type Operation, ok } from "../kernel/http/operation";
import { tableIsReachable } from "../kernel/table/health";
import { packedOpenApiDocument } from "./openapi.packed.generated";

let openApiDocument: unknown;

/** Unpacked on first request, not at init: most cold starts serve health checks and nothing else. */
function unpackedOpenApiDocument(): unknown {
  openApiDocument ??= JSON.parse(
    brotliDecompressSync(Buffer.from(packedOpenApiDocument, "base64")).toString("utf8"),
  ) as unknown;
  return openApiDocument;
}

export const metaOperations: Operation[] = [
  definePublicOperation({
    route: "GET /health",
    operationId: "health",
    ...(documented && {
      summary: "健康检查 · Health: the service is up and its table reachable",
      tag: "meta",
      responses: [
        { status: 200, description: "The service is up and its table reachable" },
        { status: 503, description: "The table cannot be reached" },
      ],
    }),
    async handle() {
      return (await tableIsReachable())
        ? ok({ status: "ok", table: "reachable" }, { "cache-control": "no-store" })
        : {
            status: 503,
            body: { status: "unavailable", table: "unreachable" },
            headers: { "cache-control": "no-store" },
          };
    },
  }),
  definePublicOperation({
    route: "GET /openapi.json",
    operationId: "openapi",
    ...(documented && {
      summary: "接口文档 · This OpenAPI document",
      tag: "meta",
      responses: [{ status: 200, description: "OpenAPI 3.1 document" }],
    }),
    async handle() {
      return ok(unpackedOpenApiDocument(), { "cache-control": "public, max-age=300" });
    },
  }),
];
