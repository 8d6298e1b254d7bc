/**
 * The API's OpenAPI document from every operation's zod schemas, and the generator behind
 * `npm run openapi`, which writes it to openapi.generated.json for the meta function to serve.
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { buildOpenApiDocument } from "./openapi";
import { registryOperations } from "./operations";
import { metaOperations } from "./operations/meta";

export const generatedDocumentPath = fileURLToPath(new URL("./openapi.generated.json", import.meta.url));

/** The document as generated from the current schemas, serialized the way the generated file is. */
export function currentOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument([...metaOperations, ...registryOperations]), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(generatedDocumentPath, currentOpenApiDocument());
  console.log(`wrote ${generatedDocumentPath}`);
}
